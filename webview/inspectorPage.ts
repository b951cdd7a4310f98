/** The model inspector: the worker's summary of the model and the latest results beside it. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { LatestResults } from '../src/protocol/webview';
import type { ModelSummary } from '../src/protocol/worker';
import { el, numberEl } from './dom';
import { formatCount, formatMetric, formatPercent } from './format';
import type { Page } from './resultsPage';
import { vscode } from './vscodeApi';

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

function latestSection(latest: LatestResults | null, canCompress: boolean): HTMLElement {
  const compress = el('vscode-button', { id: 'compress-button', text: 'Compress…', attrs: { disabled: !canCompress, title: canCompress ? 'Compress this model with CoreNet' : 'Disabled in Restricted Mode: trust the workspace to compress' } });
  compress.addEventListener('click', () => vscode.postMessage({ type: 'compress' }));
  if (!latest) {
    return el('section', { id: 'latest-results', attrs: { 'aria-labelledby': 'latest-heading' } }, [
      el('h2', { id: 'latest-heading', text: 'Latest results' }),
      el('p', { text: 'Not compressed yet: no report beside this model.' }),
      el('div', { className: 'buttons' }, [compress]),
      canCompress ? null : el('p', { className: 'caption', text: 'Compressing is disabled in Restricted Mode (it runs the model and writes files). Trust the workspace to enable it.' }),
    ]);
  }
  const open = el('vscode-button', { id: 'open-results', text: 'Open Results', attrs: { title: latest.reportFile } });
  open.addEventListener('click', () => vscode.postMessage({ type: 'openResults' }));
  const dl = el('dl', { className: 'facts' }, [
    el('dt', { text: 'Method' }), el('dd', { id: 'latest-method', text: latest.method }),
    el('dt', { text: 'Keep ratio' }), numberEl('latest-keep-ratio', latest.keepRatio, formatMetric(latest.keepRatio), 'dd'),
    el('dt', { text: 'Measured error (mean)' }), numberEl('latest-measured-error', latest.measuredErrorMean, formatMetric(latest.measuredErrorMean), 'dd'),
    el('dt', { text: 'Accuracy before → after' }),
    latest.accuracy
      ? el('dd', {}, [numberEl('latest-accuracy-original', latest.accuracy.original, formatMetric(latest.accuracy.original)), ' → ', numberEl('latest-accuracy-compressed', latest.accuracy.compressed, formatMetric(latest.accuracy.compressed))])
      : el('dd', { text: '— (no labelled evaluation data)' }),
    el('dt', { text: 'Report' }), el('dd', { text: `${baseName(latest.reportFile)}, ${new Date(latest.createdAt).toLocaleString('en-US')}` }),
  ]);
  return el('section', { id: 'latest-results', attrs: { 'aria-labelledby': 'latest-heading' } }, [el('h2', { id: 'latest-heading', text: 'Latest results' }), dl, el('div', { className: 'buttons' }, [open, compress])]);
}

export function renderInspector(app: HTMLElement, summary: ModelSummary, latest: LatestResults | null, canCompress: boolean): Page {
  const compressibleParams = summary.layers.filter((l) => l.compressible).reduce((a, l) => a + l.params, 0);
  const totalParams = summary.layers.reduce((a, l) => a + l.params, 0);
  const dims = summary.input.dims.map(String).join(' × ');
  const rows = summary.layers.map((l, i) =>
    el('tr', { id: `model-layer-${i}`, attrs: { 'data-layer': l.name, 'data-dense-index': l.denseIndex ?? undefined } }, [
      el('th', { text: l.name, attrs: { scope: 'row' } }),
      el('td', { text: l.op }),
      el('td', { text: l.inFeatures !== null && l.outFeatures !== null ? `${l.inFeatures} → ${l.outFeatures}` : '—' }),
      numberEl(`model-layer-params-${i}`, l.params, formatCount(l.params), 'td'),
      el('td', { text: formatPercent(l.sparsity) }),
      el('td', { className: l.compressible ? 'ok' : 'no', text: l.compressible ? 'yes' : `no: ${l.reason ?? 'unknown'}` }),
    ]),
  );
  app.replaceChildren(
    el('header', {}, [
      el('h1', { text: baseName(summary.file) }),
      el('p', { className: 'subtitle', text: `opset ${summary.opset} · input "${summary.input.name}" [${dims}] · outputs ${summary.outputs.join(', ')}` }),
      el('p', { id: 'model-compressible', text: `${summary.compressible} of ${summary.layers.length} layers compressible (${formatCount(compressibleParams)} of ${formatCount(totalParams)} parameters).` }),
    ]),
    latestSection(latest, canCompress),
    el('section', { attrs: { 'aria-labelledby': 'model-layers-heading' } }, [
      el('h2', { id: 'model-layers-heading', text: 'Layers' }),
      el('table', { id: 'model-layers' }, [
        el('thead', {}, [el('tr', {}, ['Layer', 'Op', 'In → out', 'Params', 'Sparsity', 'Compressible'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
        el('tbody', {}, rows),
      ]),
    ]),
  );
  return {
    retheme: () => {},
    revealLayer: (denseIndex) => {
      const row = document.querySelector<HTMLElement>(`#model-layers tr[data-dense-index="${Number(denseIndex)}"]`);
      document.querySelectorAll('#model-layers tr.selected').forEach((r) => r.classList.remove('selected'));
      row?.classList.add('selected');
      row?.scrollIntoView({ block: 'center' });
    },
  };
}
