import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompressionReport, LayerReport } from '../../src/core/report';
import type { SweepResult } from '../../src/core/sweep';
import { viridis } from '../../webview/colormap';
import { formatMetric, formatTick } from '../../webview/format';
import { cellInfo, gapNote, logPosition, logScale, logTicks, pooledCaption, reportView, sweepView } from '../../webview/viewModel';

function layer(over: Partial<LayerReport>): LayerReport {
  return {
    name: 'fc', op: 'Gemm', inFeatures: 10, outFeatures: 4, params: 44, kept: 11, keepRatio: 0.25, sampleSizes: [3, 9, 0, 5], sensitivitySum: [1.5, 4, 0.2, 2],
    delta: 2, epsilon: 0.5, predictedError: 1, measuredError: 0.02, droppedNeurons: [2], rank: null,
    heatmap: { rows: 2, cols: 2, poolRows: 2, poolCols: 5, sensitivity: [0.001, 0.1, 0, 10], weightAtMax: [0.1, -0.2, 0, 0.3], keptFraction: [0.2, 0.5, 0, 1] },
    ...over,
  };
}

const report: CompressionReport = {
  tool: 'corenet', version: '1', createdAt: '2026-01-02T03:04:05.000Z', model: '/models/net.onnx', output: '/models/net.corenet.onnx',
  method: 'corenet+', seed: 3, eps: 35720597438.10799, delta: 0.1, keep: 0.1, allocation: 'tuned', K: 11, calibrationSize: 152, heldOutSize: 500,
  evaluation: { source: 'eval.gz', rows: 10000 }, engine: 'wasm',
  layers: [layer({ name: '/1/Gemm' }), layer({ name: '<b>x</b>', sampleSizes: null, predictedError: null, epsilon: null, measuredError: 0, sensitivitySum: [1, 3, 2, 0.5], heatmap: { rows: 4, cols: 10, poolRows: 1, poolCols: 1, sensitivity: new Array(40).fill(1), weightAtMax: new Array(40).fill(0), keptFraction: new Array(40).fill(1) } })],
  notCompressible: [{ name: 'conv', op: 'Conv', reason: 'not dense' }],
  total: { params: 88, kept: 22, keepRatio: 0.10008251753497618, predictedError: 35720597438.10799, measuredError: { mean: 0.2527259138046051, quantile: 0.3977311415827189, coverage: 1 }, accuracy: { original: 0.8559, compressed: 0.7078 } },
  timings: { load: 1, activations: 1, sensitivity: 1, sampling: 1, write: 1, evaluation: 1 }, notes: ['a note'],
};

test('numbers are shown with 4 decimals, or in exponent form from 1e4 on', () => {
  assert.equal(formatMetric(0.10008251753497618), '0.1001');
  assert.equal(formatMetric(0.8559), '0.8559');
  assert.equal(formatMetric(9999.5), '9999.5000');
  assert.equal(formatMetric(35720597438.10799), '3.572e+10');
  assert.equal(formatMetric(15041.474402814656), '1.504e+4');
  assert.equal(formatMetric(1.0876958181823397e-5), '1.088e-5');
  assert.equal(formatMetric(0), '0.0000');
  assert.equal(formatMetric(null), '—');
  assert.equal(formatTick(1000), '1000');
  assert.equal(formatTick(1e6), '1e6');
});

test('summary items carry exactly the report totals', () => {
  const v = reportView(report);
  const byId = Object.fromEntries(v.summary.map((s) => [s.id, s]));
  assert.equal(byId['keep-ratio-total'].value, report.total.keepRatio);
  assert.equal(byId['keep-ratio-total'].text, '0.1001');
  assert.equal(byId['accuracy-original'].value, 0.8559);
  assert.equal(byId['accuracy-compressed'].text, '0.7078');
  assert.equal(byId['measured-error-mean'].value, 0.2527259138046051);
  assert.equal(byId['measured-error-mean'].text, '0.2527');
  assert.equal(byId['predicted-error'].text, '3.572e+10');
  assert.equal(byId['coverage'].value, 1);
  assert.equal(v.title, 'net.onnx — corenet+ (keep 0.1, seed 3)');
});

test('accuracy is absent (null) when the report has none', () => {
  const v = reportView({ ...report, total: { ...report.total, accuracy: undefined } });
  const original = v.summary.find((s) => s.id === 'accuracy-original')!;
  assert.equal(original.value, null);
  assert.equal(original.text, '—');
});

test('predicted/measured pairs are the report numbers, per layer then the output', () => {
  const v = reportView(report);
  assert.deepEqual(v.errorPairs, [
    { label: '/1/Gemm', predicted: 1, measured: 0.02 },
    { label: '<b>x</b>', predicted: null, measured: 0 },
    { label: 'output', predicted: 35720597438.10799, measured: 0.2527259138046051 },
  ]);
  assert.match(v.gapNote!, /1\.4e\+11 times the measured error/);
  assert.match(v.gapNote!, /100\.0% of evaluation points/);
  assert.equal(gapNote(null, 0.3, null), null);
});

test('neurons are sorted by sample size, each keeping its own S_i', () => {
  const [first, second] = reportView(report).layers;
  assert.deepEqual(first.samples.map((r) => [r.neuron, r.samples, r.sensitivitySum]), [[1, 9, 4], [3, 5, 2], [0, 3, 1.5], [2, 0, 0.2]]);
  assert.equal(first.sampled, true);
  assert.equal(first.droppedNeurons, 1);
  // A method that does not sample: sorted by S_i.
  assert.equal(second.sampled, false);
  assert.deepEqual(second.samples.map((r) => r.neuron), [1, 2, 0, 3]);
});

test('pooled captions say what a cell covers', () => {
  const [pooled, single] = reportView(report).layers;
  assert.equal(pooledCaption(pooled.heatmap, 4, 10, 'sensitivity'), 'each cell = max over 2×5 weights (4 × 10 weights pooled to 2 × 2)');
  assert.equal(pooledCaption(pooled.heatmap, 4, 10, 'kept'), 'each cell = fraction kept of 2×5 weights (4 × 10 weights pooled to 2 × 2)');
  assert.match(pooledCaption(single.heatmap, 4, 10, 'sensitivity'), /one weight's sensitivity .*not pooled/);
  const c = cellInfo(pooled.heatmap, 4, 10, 1, 1);
  assert.deepEqual(c, { rowStart: 2, rowEnd: 3, colStart: 5, colEnd: 9, sensitivity: 10, weight: 0.3, keptFraction: 1 });
  // Last cell clipped to the matrix when the pooling does not divide it.
  assert.equal(cellInfo({ ...pooled.heatmap, poolRows: 3 }, 4, 10, 1, 0).rowEnd, 3);
});

test('the log colour scale maps the smallest positive value to 0 and the largest to 1', () => {
  const scale = logScale([0, 0.001, 0.1, 10, -1, NaN, Infinity])!;
  assert.deepEqual(scale, { min: 0.001, max: 10 });
  assert.equal(logPosition(scale, 0.001), 0);
  assert.equal(logPosition(scale, 10), 1);
  assert.equal(logPosition(scale, 0.1), 0.5);
  assert.equal(logPosition(scale, 0), null);
  assert.deepEqual(logTicks(scale), [0.001, 0.01, 0.1, 1, 10]);
  assert.equal(logScale([0, 0]), null);
  assert.equal(logPosition({ min: 2, max: 2 }, 2), 1);
  assert.deepEqual(viridis(0), [68, 1, 84]);
  assert.deepEqual(viridis(1), [253, 231, 37]);
  assert.deepEqual(reportView(report).layers[0].sensitivityScale, { min: 0.001, max: 10 });
});

test('the sweep view groups the summary by method, sorted by kept ratio', () => {
  const s: SweepResult = {
    model: '/m/net.onnx', calibrationSize: 1, heldOutSize: 1, evaluation: { source: 'e', rows: 10 }, originalAccuracy: 0.9, allocation: 'tuned', delta: 0.1, cells: [], seconds: 2,
    summary: [
      { method: 'uniform', keep: 0.5, seeds: 2, accuracyMean: 0.8, accuracyStd: 0.01, errorMean: 0.1, errorStd: 0.02, keptRatioMean: 0.5, predictedErrorMean: null },
      { method: 'corenet', keep: 0.5, seeds: 2, accuracyMean: 0.85, accuracyStd: 0, errorMean: 0.05, errorStd: 0, keptRatioMean: 0.49, predictedErrorMean: 100 },
      { method: 'uniform', keep: 0.1, seeds: 2, accuracyMean: 0.5, accuracyStd: 0.1, errorMean: 0.6, errorStd: 0.1, keptRatioMean: 0.1, predictedErrorMean: null },
    ],
  };
  const v = sweepView(s);
  assert.deepEqual(v.series.map((x) => x.method), ['uniform', 'corenet']);
  assert.deepEqual(v.series[0].points.map((p) => [p.keep, p.accuracy]), [[0.1, 0.5], [0.5, 0.8]]);
  assert.equal(v.series[1].points[0].predicted, 100);
  assert.equal(v.hasAccuracy, true);
  assert.equal(v.originalAccuracy, 0.9);
});
