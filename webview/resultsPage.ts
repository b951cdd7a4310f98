/**
 * The results panel for one compression report: summary numbers, the layer table, predicted vs
 * measured error, sample sizes next to the sensitivity sums, and the heatmaps.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { CompressionReport } from '../src/core/report';
import { errorChart, sampleSizesChart } from './charts';
import { el, numberEl } from './dom';
import { formatCount, formatMetric } from './format';
import { heatmapFigure, type HeatmapFigure } from './heatmap';
import type { Theme } from './theme';
import { reportView, type HeatmapMode, type LayerView, type ReportView } from './viewModel';
import { saveState, savedState, vscode } from './vscodeApi';

export interface Page {
  /** Redraws canvases and charts with new theme colours. */
  retheme(theme: Theme): void;
  revealLayer(index: number): void;
}

function summarySection(v: ReportView): HTMLElement {
  const cards = v.summary.map((s) =>
    el('div', { className: 'card' }, [el('div', { className: 'card-label', text: s.label }), numberEl(s.id, s.value, s.text), el('div', { className: 'card-hint', text: s.hint })]),
  );
  return el('section', { attrs: { 'aria-labelledby': 'summary-heading' } }, [
    el('h2', { id: 'summary-heading', text: 'Summary' }),
    el('div', { className: 'cards' }, cards),
    v.gapNote ? el('p', { id: 'error-gap-note', className: 'finding', text: v.gapNote }) : null,
  ]);
}

function layerTable(v: ReportView, onSelect: (i: number) => void): HTMLElement {
  const head = el('tr', {}, ['Layer', 'Shape (out × in)', 'Params', 'Kept', 'Keep ratio', 'Measured error', 'Predicted error', 'Neurons removed'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })));
  const rows = v.layers.map((l) => {
    const bar = el('span', { className: 'ratio-bar', attrs: { 'aria-hidden': 'true' } });
    bar.style.width = `${Math.max(1, Math.round(60 * l.keepRatio))}px`;
    const name = el('button', { className: 'link', text: l.name, attrs: { type: 'button', 'aria-label': `Show layer ${l.name}` } });
    name.addEventListener('click', () => onSelect(l.index));
    return el('tr', { id: `layer-row-${l.index}`, attrs: { 'data-layer': l.name } }, [
      el('th', { attrs: { scope: 'row' } }, [name]),
      el('td', { text: l.shapeText }),
      numberEl(`layer-params-${l.index}`, l.params, formatCount(l.params), 'td'),
      numberEl(`layer-kept-${l.index}`, l.kept, formatCount(l.kept), 'td'),
      el('td', {}, [numberEl(`layer-keep-ratio-${l.index}`, l.keepRatio, formatMetric(l.keepRatio)), bar]),
      numberEl(`layer-measured-${l.index}`, l.measuredError, formatMetric(l.measuredError), 'td'),
      numberEl(`layer-predicted-${l.index}`, l.predictedError, formatMetric(l.predictedError), 'td'),
      el('td', { text: l.rank !== null ? `rank ${l.rank}` : String(l.droppedNeurons) }),
    ]);
  });
  return el('section', { attrs: { 'aria-labelledby': 'layers-heading' } }, [
    el('h2', { id: 'layers-heading', text: 'Layers' }),
    el('table', { id: 'layers-table' }, [el('thead', {}, [head]), el('tbody', {}, rows)]),
  ]);
}

function chartBox(id: string, label: string): HTMLCanvasElement {
  return el('canvas', { id, attrs: { role: 'img', 'aria-label': label } });
}

export function renderResults(app: HTMLElement, report: CompressionReport, reportFile: string, theme: Theme): Page {
  const v = reportView(report);
  const ui = savedState().ui;
  let mode: HeatmapMode = ui.heatmapMode;
  let sampleLayer = Math.min(ui.sampleLayer, Math.max(0, v.layers.length - 1));

  const openJson = el('vscode-button', { id: 'open-report-json', text: 'Open JSON report', attrs: { secondary: true, title: reportFile } });
  openJson.addEventListener('click', () => vscode.postMessage({ type: 'openReportFile' }));
  const header = el('header', {}, [el('h1', { text: v.title }), el('p', { className: 'subtitle', text: v.subtitle }), openJson]);

  // Predicted vs measured error.
  const errorCanvas = chartBox('error-chart', 'Bar chart of predicted and measured relative error per layer and at the output, log scale');
  const errorSection = el('section', { attrs: { 'aria-labelledby': 'error-heading' } }, [
    el('h2', { id: 'error-heading', text: 'Predicted vs measured error' }),
    el('div', { className: 'chart' }, [errorCanvas]),
    el('p', { className: 'caption', text: 'Log scale. Per layer: ε_l·Δ_l (predicted, for exact inputs) against the measured mean relative error of z; output: the guarantee ε against the measured mean. A zero measured error has no bar.' }),
  ]);

  // Sample sizes next to S_i.
  const select = el('vscode-single-select', { id: 'sample-sizes-layer', attrs: { 'aria-label': 'Layer for the sample-size chart' } }, v.layers.map((l) => el('vscode-option', { text: l.name, attrs: { value: String(l.index) } })));
  const samplesCanvas = chartBox('sample-sizes-chart', 'Sample sizes per neuron, sorted, with the sensitivity sums that produced them');
  const samplesNote = el('p', { id: 'sample-sizes-note', className: 'caption' });
  const samplesSection = el('section', { attrs: { 'aria-labelledby': 'samples-heading' } }, [
    el('h2', { id: 'samples-heading', text: 'Sample sizes and sensitivity sums' }),
    el('label', { className: 'inline-label', text: 'Layer ' }, [select]),
    el('div', { className: 'chart' }, [samplesCanvas]),
    samplesNote,
  ]);
  const drawSamples = (t: Theme) => {
    const layer: LayerView | undefined = v.layers[sampleLayer];
    if (!layer) return;
    sampleSizesChart(samplesCanvas, layer, t);
    samplesCanvas.dataset.layer = String(sampleLayer);
    samplesNote.textContent = layer.sampled
      ? `${layer.name}: ${layer.outFeatures} neurons sorted by samples m_i (bars); the line is S_i, mean ${formatMetric(layer.sensitivityMean)}, max ${formatMetric(layer.sensitivityMax)}. Neurons with 0 samples were removed or never active.`
      : `${layer.name}: ${report.method} does not sample; S_i (sorted) shown for comparison.`;
  };
  select.addEventListener('change', () => {
    sampleLayer = Number((select as HTMLElement & { value: string }).value);
    saveState({ ui: { sampleLayer } });
    drawSamples(theme);
  });

  // Heatmaps.
  const tooltip = el('div', { id: 'heatmap-tooltip', className: 'tooltip', attrs: { role: 'tooltip' } });
  tooltip.hidden = true;
  const figures: HeatmapFigure[] = v.layers.map((l) => heatmapFigure(l, tooltip));
  const modeGroup = el('vscode-radio-group', { id: 'heatmap-mode', attrs: { 'aria-label': 'Heatmap shows' } }, [
    el('vscode-radio', { text: 'Sensitivity (log)', attrs: { name: 'heatmap-mode', value: 'sensitivity', checked: mode === 'sensitivity', label: 'Sensitivity (log)' } }),
    el('vscode-radio', { text: 'Kept mask', attrs: { name: 'heatmap-mode', value: 'kept', checked: mode === 'kept', label: 'Kept mask' } }),
  ]);
  modeGroup.addEventListener('change', (e) => {
    const value = (e.target as HTMLElement & { value?: string }).value;
    if (value !== 'sensitivity' && value !== 'kept') return;
    mode = value;
    saveState({ ui: { heatmapMode: mode } });
    figures.forEach((f) => f.render(mode, theme));
  });
  const heatmapSection = el('section', { attrs: { 'aria-labelledby': 'heatmaps-heading' } }, [
    el('h2', { id: 'heatmaps-heading', text: 'Sensitivity heatmaps' }),
    modeGroup,
    el('div', { className: 'heatmaps' }, v.layers.map((l, i) => el('div', { id: `layer-${l.index}`, className: 'layer-block', attrs: { tabindex: -1 } }, [el('h3', { text: `${l.name} (${l.shapeText})` }), figures[i].root]))),
    tooltip,
  ]);

  const notes = el('section', { attrs: { 'aria-labelledby': 'notes-heading' } }, [
    el('h2', { id: 'notes-heading', text: 'Notes' }),
    el('ul', {}, [...v.notes.map((n) => el('li', { text: n })), ...v.notCompressible.map((n) => el('li', { text: `${n.name} (${n.op}) not compressed: ${n.reason}` }))]),
  ]);

  const revealLayer = (index: number) => {
    if (index < 0 || index >= v.layers.length) return;
    const block = document.getElementById(`layer-${index}`);
    block?.scrollIntoView({ block: 'start' });
    block?.focus({ preventScroll: true });
    document.querySelectorAll('#layers-table tr.selected').forEach((r) => r.classList.remove('selected'));
    document.getElementById(`layer-row-${index}`)?.classList.add('selected');
    sampleLayer = index;
    (select as HTMLElement & { value: string }).value = String(index);
    saveState({ ui: { sampleLayer } });
    drawSamples(theme);
  };
  const table = layerTable(v, (i) => {
    revealLayer(i);
    vscode.postMessage({ type: 'selectLayer', index: i });
  });

  app.replaceChildren(header, summarySection(v), table, errorSection, samplesSection, heatmapSection, notes);
  (select as HTMLElement & { value: string }).value = String(sampleLayer);

  const drawAll = (t: Theme) => {
    theme = t;
    errorChart(errorCanvas, v.errorPairs, t);
    drawSamples(t);
    figures.forEach((f) => f.render(mode, t));
  };
  drawAll(theme);
  return { retheme: drawAll, revealLayer };
}
