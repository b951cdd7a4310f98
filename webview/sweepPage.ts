/** The sweep view: accuracy and error against the kept ratio, one line per method, plus the table. */
import type { SweepResult } from '../src/core/sweep';
import { sweepChart } from './charts';
import { el, numberEl } from './dom';
import { formatMetric } from './format';
import type { Page } from './resultsPage';
import type { Theme } from './theme';
import { sweepView } from './viewModel';

export function renderSweep(app: HTMLElement, sweep: SweepResult, file: string, theme: Theme): Page {
  const v = sweepView(sweep);
  const accuracyCanvas = el('canvas', { id: 'sweep-chart', attrs: { role: 'img', 'aria-label': 'Line chart of top-1 accuracy against kept ratio per method, log x axis' } });
  const errorCanvas = el('canvas', { id: 'sweep-error-chart', attrs: { role: 'img', 'aria-label': 'Line chart of relative output error against kept ratio per method, log axes' } });
  const rows = v.series.flatMap((s) =>
    s.points.map((p, i) =>
      el('tr', { attrs: { 'data-method': s.method, 'data-keep': p.keep } }, [
        el('th', { text: s.method, attrs: { scope: 'row' } }),
        el('td', { text: String(p.keep) }),
        numberEl(`sweep-kept-${s.method}-${i}`, p.keptRatio, formatMetric(p.keptRatio), 'td'),
        el('td', { text: p.accuracy === null ? '—' : `${formatMetric(p.accuracy)} ± ${formatMetric(p.accuracyStd)}` }),
        el('td', { text: `${formatMetric(p.error)} ± ${formatMetric(p.errorStd)}` }),
        el('td', { text: formatMetric(p.predicted) }),
      ]),
    ),
  );
  app.replaceChildren(
    el('header', {}, [el('h1', { text: v.title }), el('p', { className: 'subtitle', text: v.subtitle }), el('p', { className: 'subtitle', text: file })]),
    el('section', { attrs: { 'aria-labelledby': 'sweep-acc-heading' } }, [
      el('h2', { id: 'sweep-acc-heading', text: 'Accuracy vs kept ratio' }),
      v.hasAccuracy ? el('div', { className: 'chart' }, [accuracyCanvas]) : el('p', { id: 'sweep-chart-missing', text: 'No accuracy: the sweep ran without evaluation labels.' }),
      v.originalAccuracy !== null ? el('p', { className: 'caption' }, ['Dashed line: the original model, accuracy ', numberEl('sweep-original-accuracy', v.originalAccuracy, formatMetric(v.originalAccuracy)), '. Points are means over seeds (± std in the tooltip).']) : null,
    ]),
    el('section', { attrs: { 'aria-labelledby': 'sweep-err-heading' } }, [
      el('h2', { id: 'sweep-err-heading', text: 'Relative output error vs kept ratio' }),
      el('div', { className: 'chart' }, [errorCanvas]),
    ]),
    el('section', { attrs: { 'aria-labelledby': 'sweep-table-heading' } }, [
      el('h2', { id: 'sweep-table-heading', text: 'All points' }),
      el('table', { id: 'sweep-table' }, [
        el('thead', {}, [el('tr', {}, ['Method', 'Keep asked', 'Kept', 'Accuracy', 'Error (mean ± std)', 'Predicted'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
        el('tbody', {}, rows),
      ]),
    ]),
  );
  const draw = (t: Theme) => {
    if (v.hasAccuracy) sweepChart(accuracyCanvas, v, 'accuracy', t);
    sweepChart(errorCanvas, v, 'error', t);
  };
  draw(theme);
  return { retheme: draw, revealLayer: () => {} };
}
