/**
 * Report → view model: everything the results panel shows, computed without the DOM so unit tests
 * can check that the numbers on screen are the report's numbers.
 */
import type { CompressionReport, Heatmap, LayerReport } from '../src/core/report';
import type { SweepResult } from '../src/core/sweep';
import { formatCount, formatMetric } from './format';

// ---------------------------------------------------------------- log colour scale

export interface LogScale {
  /** Smallest and largest positive finite value. */
  min: number;
  max: number;
}

/** The scale over the positive finite values (zeros have no logarithm; they are drawn apart). Null if none. */
export function logScale(values: ArrayLike<number>): LogScale | null {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0 && Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return max > 0 ? { min, max } : null;
}

/** Position of v on the scale in [0, 1]: min → 0, max → 1; null for v ≤ 0 (drawn as "zero"). */
export function logPosition(scale: LogScale, v: number): number | null {
  if (!(v > 0)) return null;
  if (scale.max === scale.min) return 1;
  const t = (Math.log10(v) - Math.log10(scale.min)) / (Math.log10(scale.max) - Math.log10(scale.min));
  return Math.min(1, Math.max(0, t));
}

/** Legend ticks: the endpoints plus the powers of ten strictly between them. */
export function logTicks(scale: LogScale): number[] {
  const ticks = [scale.min];
  for (let e = Math.floor(Math.log10(scale.min)) + 1; e <= Math.log10(scale.max) - 1e-9; e++) {
    const p = 10 ** e;
    if (p > scale.min * 1.0001 && p < scale.max / 1.0001) ticks.push(p);
  }
  if (scale.max !== scale.min) ticks.push(scale.max);
  return ticks;
}

// ---------------------------------------------------------------- heatmaps

export type HeatmapMode = 'sensitivity' | 'kept';

/** What one cell covers: how the core max-pooled an [out, in] matrix (spec: ≤ 160 × 160 cells). */
export function pooledCaption(h: Heatmap, outFeatures: number, inFeatures: number, mode: HeatmapMode): string {
  const size = `${outFeatures} × ${inFeatures} weights`;
  if (h.poolRows === 1 && h.poolCols === 1) {
    return mode === 'sensitivity' ? `each cell = one weight's sensitivity (${size}, not pooled)` : `each cell = one weight: kept or dropped (${size}, not pooled)`;
  }
  const block = `${h.poolRows}×${h.poolCols} weights`;
  return mode === 'sensitivity'
    ? `each cell = max over ${block} (${size} pooled to ${h.rows} × ${h.cols})`
    : `each cell = fraction kept of ${block} (${size} pooled to ${h.rows} × ${h.cols})`;
}

export interface CellInfo {
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
  sensitivity: number;
  weight: number;
  keptFraction: number;
}

/** The weight rows/columns (inclusive) a cell covers and its values, for the tooltip. */
export function cellInfo(h: Heatmap, outFeatures: number, inFeatures: number, row: number, col: number): CellInfo {
  const k = row * h.cols + col;
  return {
    rowStart: row * h.poolRows,
    rowEnd: Math.min(outFeatures, (row + 1) * h.poolRows) - 1,
    colStart: col * h.poolCols,
    colEnd: Math.min(inFeatures, (col + 1) * h.poolCols) - 1,
    sensitivity: h.sensitivity[k],
    weight: h.weightAtMax[k],
    keptFraction: h.keptFraction[k],
  };
}

// ---------------------------------------------------------------- report view

export interface SampleRow {
  neuron: number;
  /** m_i, draws for the neuron (null for methods that do not sample). */
  samples: number | null;
  /** S_i, the sensitivity sum that sized it. */
  sensitivitySum: number;
}

export interface LayerView {
  index: number;
  name: string;
  op: string;
  shapeText: string;
  inFeatures: number;
  outFeatures: number;
  params: number;
  kept: number;
  keepRatio: number;
  measuredError: number;
  predictedError: number | null;
  droppedNeurons: number;
  rank: number | null;
  sampled: boolean;
  /** Neurons sorted by samples (desc), or by S_i when the method does not sample. */
  samples: SampleRow[];
  heatmap: Heatmap;
  sensitivityScale: LogScale | null;
  sensitivityMean: number;
  sensitivityMax: number;
}

export interface ErrorPair {
  label: string;
  predicted: number | null;
  measured: number;
}

export interface SummaryItem {
  /** Stable element id for tests. */
  id: string;
  label: string;
  value: number | null;
  text: string;
  hint: string;
}

export interface ReportView {
  title: string;
  subtitle: string;
  summary: SummaryItem[];
  layers: LayerView[];
  /** One pair per layer, then the whole network ("output"). */
  errorPairs: ErrorPair[];
  /** Says how far the guarantee is from what was measured; null without a prediction. */
  gapNote: string | null;
  notes: string[];
  notCompressible: Array<{ name: string; op: string; reason: string }>;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function sortedSamples(l: LayerReport): SampleRow[] {
  const rows = l.sensitivitySum.map((s, neuron) => ({ neuron, samples: l.sampleSizes ? l.sampleSizes[neuron] : null, sensitivitySum: s }));
  return rows.sort((a, b) => (b.samples ?? 0) - (a.samples ?? 0) || b.sensitivitySum - a.sensitivitySum || a.neuron - b.neuron);
}

export function layerView(l: LayerReport, index: number): LayerView {
  const s = l.sensitivitySum;
  return {
    index, name: l.name, op: l.op, shapeText: `${l.outFeatures} × ${l.inFeatures}`, inFeatures: l.inFeatures, outFeatures: l.outFeatures,
    params: l.params, kept: l.kept, keepRatio: l.keepRatio, measuredError: l.measuredError, predictedError: l.predictedError,
    droppedNeurons: l.droppedNeurons.length, rank: l.rank, sampled: l.sampleSizes !== null, samples: sortedSamples(l),
    heatmap: l.heatmap, sensitivityScale: logScale(l.heatmap.sensitivity),
    sensitivityMean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : 0, sensitivityMax: s.length ? Math.max(...s) : 0,
  };
}

export function gapNote(predicted: number | null, measured: number, coverage: number | null): string | null {
  if (predicted === null) return null;
  const cover = coverage === null ? '' : ` ${(coverage * 100).toFixed(1)}% of evaluation points are within it.`;
  if (measured <= 0) return `Predicted error ${formatMetric(predicted)}; the measured error is 0.${cover}`;
  const ratio = predicted / measured;
  if (ratio >= 10) {
    return `The guarantee (${formatMetric(predicted)}) is ${ratio.toExponential(1)} times the measured error (${formatMetric(measured)}): it holds, but it is loose — the worst-case constants of the theory dominate.${cover}`;
  }
  return `The guarantee (${formatMetric(predicted)}) is close to the measured error (${formatMetric(measured)}).${cover}`;
}

export function reportView(r: CompressionReport): ReportView {
  const t = r.total;
  const target = r.keep !== null ? `keep ${r.keep}` : `eps ${formatMetric(r.eps)}`;
  const item = (id: string, label: string, value: number | null, hint: string, text = formatMetric(value)): SummaryItem => ({ id, label, value, text, hint });
  const summary: SummaryItem[] = [
    item('keep-ratio-total', 'Keep ratio', t.keepRatio, `${formatCount(t.kept)} of ${formatCount(t.params)} parameters kept`),
    item('accuracy-original', 'Accuracy before', t.accuracy?.original ?? null, t.accuracy ? 'top-1 on the evaluation data' : 'needs evaluation data with labels'),
    item('accuracy-compressed', 'Accuracy after', t.accuracy?.compressed ?? null, t.accuracy ? 'top-1 on the evaluation data' : 'needs evaluation data with labels'),
    item('measured-error-mean', 'Measured error (mean)', t.measuredError.mean, `relative output error on ${formatCount(r.evaluation.rows)} points`),
    item('measured-error-quantile', `Measured error (${Number((1 - r.delta).toFixed(4))} quantile)`, t.measuredError.quantile, `the (1 − δ) quantile, δ = ${r.delta}`),
    item('predicted-error', 'Predicted error (guarantee)', t.predictedError, t.predictedError === null ? 'this method makes no prediction' : `with probability ≥ 1 − δ = ${Number((1 - r.delta).toFixed(4))}`),
    item('coverage', 'Coverage', t.measuredError.coverage, 'fraction of points within the predicted error'),
  ];
  const layers = r.layers.map(layerView);
  return {
    title: `${baseName(r.model)} — ${r.method} (${target}, seed ${r.seed})`,
    subtitle: `${new Date(r.createdAt).toLocaleString('en-US')} · evaluation: ${r.evaluation.source} (${formatCount(r.evaluation.rows)} rows) · |S| = ${r.calibrationSize}, |T| = ${r.heldOutSize} · engine ${r.engine}`,
    summary,
    layers,
    errorPairs: [...r.layers.map((l) => ({ label: l.name, predicted: l.predictedError, measured: l.measuredError })), { label: 'output', predicted: t.predictedError, measured: t.measuredError.mean }],
    gapNote: gapNote(t.predictedError, t.measuredError.mean, t.measuredError.coverage),
    notes: r.notes,
    notCompressible: r.notCompressible,
  };
}

// ---------------------------------------------------------------- sweep view

export interface SweepPoint {
  keep: number;
  keptRatio: number;
  accuracy: number | null;
  accuracyStd: number | null;
  error: number;
  errorStd: number;
  predicted: number | null;
}

export interface SweepSeries {
  method: string;
  points: SweepPoint[];
}

export interface SweepView {
  title: string;
  subtitle: string;
  originalAccuracy: number | null;
  hasAccuracy: boolean;
  series: SweepSeries[];
}

export function sweepView(s: SweepResult): SweepView {
  const methods = [...new Set(s.summary.map((x) => x.method))];
  const series = methods.map((method) => ({
    method,
    points: s.summary
      .filter((x) => x.method === method)
      .map((x) => ({ keep: x.keep, keptRatio: x.keptRatioMean, accuracy: x.accuracyMean, accuracyStd: x.accuracyStd, error: x.errorMean, errorStd: x.errorStd, predicted: x.predictedErrorMean }))
      .sort((a, b) => a.keptRatio - b.keptRatio),
  }));
  const seeds = Math.max(0, ...s.summary.map((x) => x.seeds));
  return {
    title: `${baseName(s.model)} — sweep of ${methods.length} method(s)`,
    subtitle: `${seeds} seed(s) per point · evaluation: ${s.evaluation.source} (${formatCount(s.evaluation.rows)} rows) · allocation ${s.allocation}, δ = ${s.delta} · ${s.seconds.toFixed(1)} s`,
    originalAccuracy: s.originalAccuracy,
    hasAccuracy: s.summary.some((x) => x.accuracyMean !== null),
    series,
  };
}
