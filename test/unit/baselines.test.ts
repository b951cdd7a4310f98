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
/** Eckart-Young: the best rank-k error is the sum of the squared singular values beyond k (eigenvalues of the smaller Gram matrix). */
function discardedEnergy(w: Float32Array, out: number, inF: number, rank: number): number {
  const n = Math.min(out, inF), g = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++)
      if (out <= inF) for (let k = 0; k < inF; k++) g[a * n + b] += w[a * inF + k] * w[b * inF + k];
      else for (let k = 0; k < out; k++) g[a * n + b] += w[k * inF + a] * w[k * inF + b];
  return symmetricEigen(g, n).values.slice(rank).reduce((x, y) => x + y, 0);
}
const squaredError = (a: Float32Array, b: Float32Array) => a.reduce((s, v, k) => s + (v - b[k]) ** 2, 0);
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
  const discarded = discardedEnergy(w, out, inF, rank);
  const err = squaredError(w, res.weights[0].weight);
  assert.ok(Math.abs(err - discarded) / discarded < 1e-4, `||W - W_k||² = ${err}, discarded σ² = ${discarded}`);
  assert.equal(res.layers[0].kept, rank * (out + inF) + out);
});

test('SVD truncation is optimal for tall layers too (out > in: the right singular vectors)', async () => {
  const r = new Rng(3);
  const out = 30, inF = 12;
  const w = randomMatrix(r, out, inF, (x) => x.normal());
  const res = await svd.compress(ctx([dense(w, out, inF)], 0.3));
  const rank = res.layers[0].rank!;
  const discarded = discardedEnergy(w, out, inF, rank);
  const err = squaredError(w, res.weights[0].weight);
  assert.ok(rank >= 1 && rank < inF);
  assert.ok(Math.abs(err - discarded) / discarded < 1e-4, `||W - W_k||² = ${err}, discarded σ² = ${discarded}`);
});
