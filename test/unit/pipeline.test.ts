import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { accuracy } from '../../src/core/metrics';
import { loadInputs, loadLabels } from '../../src/core/data/load';
import { loadModel } from '../../src/core/onnx/model';
import { buildModel } from '../../src/core/onnx/write';
import { dumpSensitivity, prepare, runMethod, writeOutputs, type Prepared } from '../../src/core/pipeline';
import { createSession, runBatched } from '../../src/core/runtime/ort';
import { LENET, TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, readNpy } from './helpers';

let prep: Prepared;
before(async () => {
  prep = await prepare({ model: LENET, calib: TRAIN_IMAGES(), eval: TEST_IMAGES(), labels: TEST_LABELS(), seed: 0, delta: 0.1, evalLimit: 2000 });
});

test('the prepared run uses |S| = 152 from §4 and the original accuracy of the fixture', () => {
  assert.equal(prep.nS, 152);
  assert.equal(prep.nT, 500);
  const acc = accuracy(prep.originalE, prep.labels!.subarray(0, prep.nE));
  assert.ok(acc > 0.8 && acc < 0.9, `accuracy ${acc}`);
});

for (const method of ['corenet', 'corenet+', 'uniform', 'magnitude', 'svd'] as const) {
  for (const keep of [0.1, 0.05]) {
    test(`budget mode: ${method} at keep ${keep} keeps within 1% of the target`, async () => {
      const { report } = await runMethod(prep, { method, target: { kind: 'keep', keep }, seed: 1, allocation: method === 'svd' || method === 'magnitude' ? undefined : 'uniform-eps' });
      const tolerance = 0.01;
      assert.ok(Math.abs(report.total.keepRatio - keep) / keep <= tolerance, `${method}: kept ${report.total.keepRatio}`);
      assert.equal(report.total.kept, report.layers.reduce((a, l) => a + l.kept, 0));
      assert.ok(report.total.accuracy!.compressed > 0.1, 'better than chance');
    });
  }
}

test('the written model loads in onnxruntime and its accuracy matches the report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corenet-pipe-'));
  const run = await runMethod(prep, { method: 'corenet+', target: { kind: 'keep', keep: 0.1 }, seed: 3, allocation: 'uniform-eps' });
  const out = join(dir, 'm.corenet.onnx');
  writeOutputs(prep, run, out, join(dir, 'm.corenet.json'));
  assert.deepEqual(readdirSync(dir).sort(), ['m.corenet.json', 'm.corenet.onnx'], 'no temp file left');
  const written = loadModel(out);
  const dropped = run.report.layers[0].droppedNeurons.length;
  assert.ok(dropped > 0, 'CoreNet+ dropped dead neurons on this fixture');
  assert.equal(written.dense[0].outFeatures, 300 - dropped, 'the first layer is structurally smaller');
  assert.equal(written.dense[1].inFeatures, 300 - dropped);
  const images = loadInputs(TEST_IMAGES());
  const labels = loadLabels(TEST_LABELS());
  const session = await createSession(written.bytes, out);
  const logits = (await runBatched(session, out, { name: 'input', featureDims: [1, 28, 28], fixedBatch: null }, images.data, 2000, ['logits'])).get('logits')!;
  assert.ok(Math.abs(accuracy(logits, labels) - run.report.total.accuracy!.compressed) < 1e-9);
  // Full-shape weights with zero rows and columns compute the same function as the structural model.
  const full = buildModel(prep.model, { layers: run.result.weights });
  const s2 = await createSession(full, out);
  const logits2 = (await runBatched(s2, out, { name: 'input', featureDims: [1, 28, 28], fixedBatch: null }, images.data, 200, ['logits'])).get('logits')!;
  for (let k = 0; k < logits2.data.length; k++) assert.ok(Math.abs(logits2.data[k] - logits.data[k]) < 1e-4);
});

test('same seed, same result; another seed, another sample', async () => {
  const a = await runMethod(prep, { method: 'corenet', target: { kind: 'keep', keep: 0.1 }, seed: 5, allocation: 'uniform-eps' });
  const b = await runMethod(prep, { method: 'corenet', target: { kind: 'keep', keep: 0.1 }, seed: 5, allocation: 'uniform-eps' });
  const c = await runMethod(prep, { method: 'corenet', target: { kind: 'keep', keep: 0.1 }, seed: 6, allocation: 'uniform-eps' });
  assert.equal(a.report.total.measuredError.mean, b.report.total.measuredError.mean);
  assert.deepEqual(Array.from(a.result.weights[0].weight), Array.from(b.result.weights[0].weight));
  assert.notEqual(a.report.total.measuredError.mean, c.report.total.measuredError.mean);
  assert.equal(a.report.seed, 5);
});

test('theory mode with a small eps keeps everything reachable and says so; coverage is measured', async () => {
  const { report } = await runMethod(prep, { method: 'corenet', target: { kind: 'eps', eps: 0.5 }, seed: 0 });
  assert.equal(report.allocation, 'theory');
  assert.equal(report.eps, 0.5);
  assert.ok(report.notes.some((n) => /every weight with non-zero sensitivity is kept/.test(n)));
  assert.ok(report.total.measuredError.coverage! >= 0.9, `coverage ${report.total.measuredError.coverage}`);
  assert.ok(report.total.measuredError.mean < 0.05);
});

test('the tuned allocation (default) is at least as good on held-out calibration data as one eps for all layers', async () => {
  const tuned = await runMethod(prep, { method: 'corenet+', target: { kind: 'keep', keep: 0.05 }, seed: 2 });
  const flat = await runMethod(prep, { method: 'corenet+', target: { kind: 'keep', keep: 0.05 }, seed: 2, allocation: 'uniform-eps' });
  assert.equal(tuned.report.allocation, 'tuned');
  assert.ok(Math.abs(tuned.report.total.keepRatio - 0.05) / 0.05 <= 0.01);
  // Tuning starts from the one-eps split and only accepts improvements on T, so on T it cannot lose.
  assert.ok(tuned.report.notes.some((n) => /allocation tuned/.test(n)));
  assert.ok(tuned.report.total.measuredError.mean <= flat.report.total.measuredError.mean * 1.05, `${tuned.report.total.measuredError.mean} vs ${flat.report.total.measuredError.mean}`);
});

test('--dump-sensitivity writes one [out, in] float32 .npy per layer and side, matching the sensitivities', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corenet-dump-'));
  const files = dumpSensitivity(prep, dir);
  assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['0-_1_Gemm-pos.npy', '0-_1_Gemm-neg.npy', '1-_3_Gemm-pos.npy', '1-_3_Gemm-neg.npy', '2-_5_Gemm-pos.npy', '2-_5_Gemm-neg.npy']);
  const pos = readNpy(files[0]);
  assert.equal(pos.dtype, 'float32');
  assert.deepEqual(pos.shape, [300, 784]);
  assert.equal(pos.values[1234], prep.sensitivity[0].pos[1234]);
  const w = prep.model.dense[0].weight;
  for (let k = 0; k < w.length; k += 97) if (w[k] < 0) assert.equal(pos.values[k], 0, 'negative weights are not on the positive side');
});
