import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadInputs } from '../../src/core/data/load';
import { loadModel } from '../../src/core/onnx/model';
import { buildModel } from '../../src/core/onnx/write';
import { createSession, runBatched } from '../../src/core/runtime/ort';
import { LENET, FIXTURES, readNpy, tiny } from './helpers';
import { join } from 'node:path';

async function run(bytes: Uint8Array, file: string, inputFile: string, outputs?: string[]) {
  const model = loadModel(file);
  const ds = loadInputs(inputFile);
  const session = await createSession(bytes, file);
  const names = outputs ?? [model.outputs[0]];
  const r = await runBatched(session, file, { name: model.inputs[0].name, featureDims: ds.shape.slice(1), fixedBatch: null }, ds.data, ds.rows, names);
  return r.get(names[0])!;
}

test('onnxruntime on the committed LeNet-300-100 reproduces the torch logits to 1e-4', async () => {
  const model = loadModel(LENET);
  const out = await run(model.bytes, LENET, join(FIXTURES, 'lenet300-ref-input.npy'));
  const ref = readNpy(join(FIXTURES, 'lenet300-ref-logits.npy'));
  assert.deepEqual(ref.shape, [16, 10]);
  let maxDiff = 0;
  for (let k = 0; k < ref.values.length; k++) maxDiff = Math.max(maxDiff, Math.abs(out.data[k] - ref.values[k]));
  assert.ok(maxDiff < 1e-4, `max |ORT - torch| = ${maxDiff}`);
});

test('LeNet-300-100 is read as three Gemm layers with ReLU links', () => {
  const m = loadModel(LENET);
  assert.deepEqual(m.dense.map((d) => [d.op, d.outFeatures, d.inFeatures, d.activation, d.next]), [
    ['Gemm', 300, 784, 'relu', 1], ['Gemm', 100, 300, 'relu', 2], ['Gemm', 10, 100, 'none', null],
  ]);
  assert.equal(m.layers.reduce((a, l) => a + l.params, 0), 266610);
  assert.deepEqual(m.inputs[0].dims, ['batch', 1, 28, 28]);
});

const cases: Array<[string, string[], string[]]> = [
  ['tiny-gemm', ['Gemm', 'Gemm', 'Gemm'], []],
  ['tiny-matmul', ['MatMul+Add', 'MatMul+Add', 'MatMul+Add'], []],
  ['tiny-reshape', ['Gemm', 'Gemm'], []],
  ['tiny-conv', ['Gemm', 'Gemm'], ['Conv']],
  ['tiny-conv-only', [], ['Conv']],
];
for (const [name, dense, other] of cases) {
  test(`${name}: compressible layers ${dense.join(', ') || 'none'}; not compressible ${other.join(', ') || 'none'}`, () => {
    const m = loadModel(tiny(`${name}.onnx`));
    assert.deepEqual(m.dense.map((d) => d.op), dense);
    assert.deepEqual(m.layers.filter((l) => !l.compressible).map((l) => l.op), other);
    for (const l of m.layers.filter((x) => !x.compressible)) assert.match(l.reason!, /not supported/);
  });
}

test('tiny-nobias layers have no bias and still compress', () => {
  const m = loadModel(tiny('tiny-nobias.onnx'));
  assert.equal(m.dense.length, 2);
  assert.ok(m.dense.every((d) => d.bias === null));
});

for (const name of ['tiny-gemm', 'tiny-matmul', 'tiny-nobias', 'tiny-reshape', 'tiny-conv']) {
  test(`${name}: rewriting the weights round-trips, and a changed weight changes the output as computed by hand`, async () => {
    const file = tiny(`${name}.onnx`);
    const m = loadModel(file);
    const ref = readNpy(tiny(`${name}-output.npy`));
    const same = await run(buildModel(m, { layers: m.dense.map((d) => ({ weight: d.weight, bias: d.bias, outFeatures: d.outFeatures, inFeatures: d.inFeatures })) }), file, tiny(`${name}-input.npy`));
    for (let k = 0; k < ref.values.length; k++) assert.ok(Math.abs(same.data[k] - ref.values[k]) < 1e-4);
    // Zero the last layer and double its bias: the output must be exactly 2 b.
    const last = m.dense[m.dense.length - 1];
    const layers = m.dense.map(() => null as null | { weight: Float32Array; bias: Float32Array | null; outFeatures: number; inFeatures: number });
    const bias = last.bias ? last.bias.map((b) => 2 * b) : null;
    layers[layers.length - 1] = { weight: new Float32Array(last.weight.length), bias, outFeatures: last.outFeatures, inFeatures: last.inFeatures };
    const changed = await run(buildModel(m, { layers }), file, tiny(`${name}-input.npy`));
    for (let r = 0; r < changed.rows; r++) for (let c = 0; c < changed.cols; c++) assert.ok(Math.abs(changed.data[r * changed.cols + c] - (bias ? bias[c] : 0)) < 1e-6);
  });
}

test('extra graph outputs expose a layer input', async () => {
  const m = loadModel(tiny('tiny-gemm.onnx'));
  const acts = await run(buildModel(m, { extraOutputs: [m.dense[1].inputName] }), tiny('tiny-gemm.onnx'), tiny('tiny-gemm-input.npy'), [m.dense[1].inputName]);
  assert.equal(acts.cols, 8);
  assert.ok(acts.data.every((v) => v >= 0), 'a ReLU output');
});
