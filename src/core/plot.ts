import type { MethodName } from './compress/types';
import type { SweepResult, SweepSummary } from './sweep';

/**
 * Self-contained SVG charts of a sweep, readable in light and dark themes: colours switch through
 * prefers-color-scheme, and method series differ by marker shape as well as colour.
 */
const COLORS: Record<MethodName, string> = {
  corenet: '#3b82f6', 'corenet+': '#e4572e', 'corenet++': '#c061cb', uniform: '#17a673', magnitude: '#e0a100', svd: '#7f8c9a',
};
const MARKERS: Record<MethodName, string> = { corenet: 'circle', 'corenet+': 'square', 'corenet++': 'diamond', uniform: 'triangle', magnitude: 'cross', svd: 'plus' };

const W = 760, H = 460, M = { l: 70, r: 200, t: 60, b: 56 };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

interface Series {
  label: string;
  method: MethodName | null;
  points: Array<{ x: number; y: number; lo?: number; hi?: number }>;
  dashed?: boolean;
}

function marker(kind: string, x: number, y: number, color: string): string {
  const s = 4.5;
  switch (kind) {
    case 'square': return `<rect x="${x - s}" y="${y - s}" width="${2 * s}" height="${2 * s}" fill="${color}"/>`;
    case 'diamond': return `<path d="M${x} ${y - s - 1}L${x + s + 1} ${y}L${x} ${y + s + 1}L${x - s - 1} ${y}Z" fill="${color}"/>`;
    case 'triangle': return `<path d="M${x} ${y - s - 1}L${x + s + 1} ${y + s}L${x - s - 1} ${y + s}Z" fill="${color}"/>`;
    case 'cross': return `<path d="M${x - s} ${y - s}L${x + s} ${y + s}M${x - s} ${y + s}L${x + s} ${y - s}" stroke="${color}" stroke-width="2.2"/>`;
    case 'plus': return `<path d="M${x - s - 1} ${y}L${x + s + 1} ${y}M${x} ${y - s - 1}L${x} ${y + s + 1}" stroke="${color}" stroke-width="2.2"/>`;
    default: return `<circle cx="${x}" cy="${y}" r="${s}" fill="${color}"/>`;
  }
}

function ticksLog(lo: number, hi: number): number[] {
  const out: number[] = [];
  const decades = Math.log10(hi / lo);
  const mantissas = decades > 3 ? [1] : [1, 2, 5];
  const every = Math.max(1, Math.ceil(decades / 10));
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of e % every === 0 ? mantissas : []) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
    }
  return out;
}

function ticksLinear(lo: number, hi: number): number[] {
  const step = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10].find((s) => (hi - lo) / s <= 8) ?? (hi - lo) / 5;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

const fmt = (v: number) => (v >= 1e4 || (v < 1e-2 && v > 0) ? v.toExponential(0).replace('e+', 'e') : String(Number(v.toPrecision(3))));

export function lineChart(title: string, xLabel: string, yLabel: string, series: Series[], opts: { logY?: boolean; yMin?: number; yMax?: number; note?: string }): string {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y])).filter((v) => Number.isFinite(v) && (!opts.logY || v > 0));
  const xLo = Math.min(...xs) / 1.15, xHi = Math.max(...xs) * 1.15;
  let yLo = opts.yMin ?? Math.min(...ys), yHi = opts.yMax ?? Math.max(...ys);
  if (opts.logY) { yLo /= 1.5; yHi *= 1.5; } else if (opts.yMin === undefined) { const pad = (yHi - yLo) * 0.06 || 0.05; yLo -= pad; yHi += pad; }
  const px = (x: number) => M.l + ((Math.log(x) - Math.log(xLo)) / (Math.log(xHi) - Math.log(xLo))) * (W - M.l - M.r);
  const py = (y: number) => {
    const t = opts.logY ? (Math.log(y) - Math.log(yLo)) / (Math.log(yHi) - Math.log(yLo)) : (y - yLo) / (yHi - yLo);
    return H - M.b - Math.min(1, Math.max(0, t)) * (H - M.t - M.b);
  };
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12" role="img" aria-label="${esc(title)}">`);
  parts.push(`<style>.bg{fill:#ffffff}.fg{fill:#1f2328}.ax{stroke:#1f2328}.grid{stroke:#d8dee4}.mut{fill:#59636e}@media (prefers-color-scheme: dark){.bg{fill:#0d1117}.fg{fill:#e6edf3}.ax{stroke:#e6edf3}.grid{stroke:#30363d}.mut{fill:#9198a1}}</style>`);
  parts.push(`<rect class="bg" width="${W}" height="${H}" rx="6"/>`);
  parts.push(`<text class="fg" x="${M.l}" y="24" font-size="15" font-weight="600">${esc(title)}</text>`);
  for (const t of ticksLog(xLo, xHi)) parts.push(`<line class="grid" x1="${px(t)}" x2="${px(t)}" y1="${M.t}" y2="${H - M.b}"/><text class="mut" x="${px(t)}" y="${H - M.b + 16}" text-anchor="middle">${fmt(t)}</text>`);
  for (const t of opts.logY ? ticksLog(yLo, yHi) : ticksLinear(yLo, yHi)) parts.push(`<line class="grid" x1="${M.l}" x2="${W - M.r}" y1="${py(t)}" y2="${py(t)}"/><text class="mut" x="${M.l - 6}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`);
  parts.push(`<line class="ax" x1="${M.l}" x2="${W - M.r}" y1="${H - M.b}" y2="${H - M.b}"/><line class="ax" x1="${M.l}" x2="${M.l}" y1="${M.t}" y2="${H - M.b}"/>`);
  parts.push(`<text class="fg" x="${(M.l + W - M.r) / 2}" y="${H - 14}" text-anchor="middle">${esc(xLabel)}</text>`);
  parts.push(`<text class="fg" transform="translate(18 ${(M.t + H - M.b) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`);
  series.forEach((s, k) => {
    const color = s.method ? COLORS[s.method] : '#888888';
    const pts = s.points.filter((p) => Number.isFinite(p.y) && (!opts.logY || p.y > 0)).sort((a, b) => a.x - b.x);
    if (pts.length > 1) parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" ${s.dashed ? 'stroke-dasharray="6 4"' : ''} points="${pts.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`);
    for (const p of pts) {
      if (p.lo !== undefined && p.hi !== undefined) parts.push(`<line x1="${px(p.x)}" x2="${px(p.x)}" y1="${py(Math.max(p.lo, opts.logY ? yLo : -Infinity))}" y2="${py(p.hi)}" stroke="${color}" stroke-width="1.5"/>`);
      if (!s.dashed && s.method) parts.push(marker(MARKERS[s.method], px(p.x), py(p.y), color));
    }
    const ly = M.t + 8 + k * 20;
    parts.push(s.dashed ? `<line x1="${W - M.r + 14}" x2="${W - M.r + 34}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4"/>` : marker(s.method ? MARKERS[s.method] : 'circle', W - M.r + 24, ly, color));
    parts.push(`<text class="fg" x="${W - M.r + 42}" y="${ly + 4}">${esc(s.label)}</text>`);
  });
  (opts.note ?? '').split('\n').forEach((line, i) => parts.push(`<text class="mut" x="${M.l}" y="${40 + 14 * i}" font-size="11">${esc(line)}</text>`));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

function bySeries(r: SweepResult, value: (s: SweepSummary) => { y: number; lo?: number; hi?: number } | null): Series[] {
  const methods = [...new Set(r.summary.map((s) => s.method))];
  return methods.map((m) => ({
    label: m, method: m,
    points: r.summary.filter((s) => s.method === m).flatMap((s) => { const v = value(s); return v ? [{ x: s.keep, ...v }] : []; }),
  }));
}

export function sweepCharts(r: SweepResult, name: string): Record<string, string> {
  const seeds = Math.max(...r.summary.map((s) => s.seeds));
  const sub = `${name}, |S| = ${r.calibrationSize}, ${seeds} seeds (mean ± std), ${r.evaluation.rows} test points`;
  const acc = bySeries(r, (s) => (s.accuracyMean === null ? null : { y: s.accuracyMean, lo: s.accuracyMean - s.accuracyStd!, hi: s.accuracyMean + s.accuracyStd! }));
  if (r.originalAccuracy !== null) {
    const keeps = r.summary.map((s) => s.keep);
    acc.push({ label: 'uncompressed', method: null, dashed: true, points: [{ x: Math.min(...keeps), y: r.originalAccuracy }, { x: Math.max(...keeps), y: r.originalAccuracy }] });
  }
  const err = bySeries(r, (s) => ({ y: s.errorMean, lo: Math.max(1e-6, s.errorMean - s.errorStd), hi: s.errorMean + s.errorStd }));
  const samplers = r.summary.filter((s) => s.predictedErrorMean !== null);
  const pred: Series[] = [];
  for (const m of [...new Set(samplers.map((s) => s.method))]) {
    const rows = samplers.filter((s) => s.method === m);
    pred.push({ label: `${m} predicted ε`, method: m, dashed: true, points: rows.map((s) => ({ x: s.keep, y: s.predictedErrorMean! })) });
    pred.push({ label: `${m} measured`, method: m, points: rows.map((s) => ({ x: s.keep, y: s.errorMean })) });
  }
  const coverage = r.cells.filter((c) => c.coverage !== null);
  const covNote = coverage.length ? `coverage (measured ≤ predicted) over ${coverage.length} runs: min ${Math.min(...coverage.map((c) => c.coverage!)).toFixed(3)}` : '';
  return {
    'accuracy-vs-keep.svg': lineChart('Top-1 accuracy vs fraction of parameters kept', 'fraction of parameters kept (log scale)', 'test accuracy', acc, { note: sub, yMin: 0, yMax: 1 }),
    'error-vs-keep.svg': lineChart('Relative output error vs fraction kept', 'fraction of parameters kept (log scale)', '‖f̂(x) − f(x)‖ / ‖f(x)‖ (log scale)', err, { logY: true, note: sub }),
    'predicted-vs-measured.svg': lineChart('Predicted ε (§5) vs measured relative error', 'fraction of parameters kept (log scale)', 'error (log scale)', pred, { logY: true, note: `${sub}\n${covNote}` }),
  };
}
