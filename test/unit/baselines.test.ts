import assert from 'node:assert/strict';
import { test } from 'node:test';
import { magnitude } from '../../src/core/compress/magnitude';
import { svd } from '../../src/core/compress/svd';
import type { MethodContext } from '../../src/core/compress/types';
import { symmetricEigen } from '../../src/core/math/eigen';
import { Rng } from '../../src/core/math/rng';
import type { DenseLayer } from '../../src/core/onnx/layers';
import { randomMatrix } from './helpers';

function dense(weight: Float32Array, out: number, inF: number, bias = true): DenseLayer {
  return {
    index: 0, name: 'l', op: 'Gemm', nodeIndex: 0, addNodeIndex: null, weightName: 'w', biasName: bias ? 'b' : null, layout: 'out_in', alpha: 1, beta: 1,
    biasDims: bias ? [out] : null, inputName: 'x', outputName: 'z', weight, bias: bias ? new Float32Array(out).fill(0.5) : null, inFeatures: inF, outFeatures: out,
    activation: 'none', activatedName: 'z', next: null,
  };
}
const ctx = (layers: DenseLayer[], keep: number) => ({ layers, target: { kind: 'keep', keep } }) as unknown as MethodContext;

test('magnitude keeps exactly the budget, the largest weights, over all layers', async () => {
  const r = new Rng(1);
  const a = dense(randomMatrix(r, 10, 20, (x) => x.normal()), 10, 20), b = dense(randomMatrix(r, 5, 10, (x) => 3 * x.normal()), 5, 10);
  const res = await magnitude.compress(ctx([a, b], 0.2));
  const total = 210 + 55;
  const kept = res.layers.reduce((s, l) => s + l.kept, 0);
  assert.equal(kept, Math.round(0.2 * total));
  const keptAbs = res.weights.flatMap((w) => Array.from(w.weight).filter((v) => v !== 0).map(Math.abs));
  const droppedAbs = [a, b].flatMap((l, i) => Array.from(l.weight).filter((_, k) => res.weights[i].weight[k] === 0).map(Math.abs));
  assert.ok(Math.min(...keptAbs) >= Math.max(...droppedAbs));
  assert.ok(res.layers[1].kept - 5 > (res.layers[0].kept - 10) * 0.5, 'the larger-scale layer keeps relatively more');
});

test('SVD truncation error equals the discarded singular values (Eckart-Young)', async () => {
  const r = new Rng(2);
  const out = 12, inF = 30;
  const w = randomMatrix(r, out, inF, (x) => x.normal());
  const res = await svd.compress(ctx([dense(w, out, inF)], 0.3));
  const rank = res.layers[0].rank!;
  const budget = 0.3 * (out * inF + out), cost = (k: number) => k * (out + inF) + out;
  assert.ok(Math.abs(cost(rank) - budget) <= Math.min(Math.abs(cost(rank - 1) - budget), Math.abs(cost(rank + 1) - budget)), `rank ${rank} is the closest to the budget`);
  const g = new Float64Array(out * out);
  for (let i = 0; i < out; i++) for (let j = 0; j < out; j++) for (let k = 0; k < inF; k++) g[i * out + j] += w[i * inF + k] * w[j * inF + k];
  const sigma2 = symmetricEigen(g, out).values;
  const discarded = sigma2.slice(rank).reduce((a, b) => a + b, 0);
  let err = 0;
  for (let k = 0; k < w.length; k++) err += (w[k] - res.weights[0].weight[k]) ** 2;
  assert.ok(Math.abs(err - discarded) / discarded < 1e-4, `||W - W_k||² = ${err}, discarded σ² = ${discarded}`);
  assert.equal(res.layers[0].kept, rank * (out + inF) + out);
});

test('SVD truncation is optimal for tall layers too (out > in: the right singular vectors)', async () => {
  const r = new Rng(3);
  const out = 30, inF = 12;
  const w = randomMatrix(r, out, inF, (x) => x.normal());
  const res = await svd.compress(ctx([dense(w, out, inF)], 0.3));
  const rank = res.layers[0].rank!;
  const g = new Float64Array(inF * inF);
  for (let a = 0; a < inF; a++) for (let b = 0; b < inF; b++) for (let k = 0; k < out; k++) g[a * inF + b] += w[k * inF + a] * w[k * inF + b];
  const discarded = symmetricEigen(g, inF).values.slice(rank).reduce((a, b) => a + b, 0);
  let err = 0;
  for (let k = 0; k < w.length; k++) err += (w[k] - res.weights[0].weight[k]) ** 2;
  assert.ok(rank >= 1 && rank < inF);
  assert.ok(Math.abs(err - discarded) / discarded < 1e-4, `||W - W_k||² = ${err}, discarded σ² = ${discarded}`);
});
