import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LayerPlan } from '../../src/core/compress/sparsify';
import { initEngine } from '../../src/core/math/engine';
import { Rng } from '../../src/core/math/rng';
import type { DenseLayer } from '../../src/core/onnx/layers';
import { computeSensitivity } from '../../src/core/sensitivity';
import { randomMatrix } from './helpers';

function layer(weight: Float32Array, out: number, inF: number): DenseLayer {
  return {
    index: 0, name: 'l', op: 'Gemm', nodeIndex: 0, addNodeIndex: null, weightName: 'w', biasName: null, layout: 'out_in', alpha: 1, beta: 1,
    biasDims: null, inputName: 'x', outputName: 'z', weight, bias: null, inFeatures: inF, outFeatures: out, activation: 'none', activatedName: 'z', next: null,
  };
}

for (const signed of [false, true]) {
  test(`reweighted sampling is unbiased: the mean over many seeds approaches W x (${signed ? 'signed' : 'non-negative'} inputs)`, async () => {
    await initEngine();
    const rng = new Rng(21);
    const out = 5, inF = 40, n = 20;
    const w = randomMatrix(rng, out, inF, (r) => r.normal());
    const acts = randomMatrix(rng, n, inF, (r) => (signed ? r.normal() : r.uniform()));
    const plan = new LayerPlan(layer(w, out, inF), await computeSensitivity(w, out, inF, acts, n), 'sensitivity');
    const x = acts.subarray(0, inF);
    const exact = Array.from({ length: out }, (_, i) => x.reduce((s, v, j) => s + w[i * inF + j] * v, 0));
    const trials = 3000;
    const sum = new Float64Array(out), sumSq = new Float64Array(out);
    let keptTotal = 0;
    for (let t = 0; t < trials; t++) {
      const s = plan.sample(0.5, new Rng(1000 + t));
      keptTotal += s.kept;
      for (let i = 0; i < out; i++) {
        let z = 0;
        for (let j = 0; j < inF; j++) z += s.weights.weight[i * inF + j] * x[j];
        sum[i] += z;
        sumSq[i] += z * z;
      }
    }
    assert.ok(keptTotal / trials < out * inF * 0.9, 'the test must actually drop weights');
    for (let i = 0; i < out; i++) {
      const mean = sum[i] / trials;
      const sd = Math.sqrt(sumSq[i] / trials - mean * mean);
      assert.ok(sd > 0, 'the estimate must vary between seeds');
      // 5 standard errors: deterministic seeds, so this either always passes or always fails.
      assert.ok(Math.abs(mean - exact[i]) < (5 * sd) / Math.sqrt(trials), `neuron ${i}: mean ${mean} vs exact ${exact[i]} (sd ${sd})`);
    }
  });
}

test('expected kept count agrees with the average realized count', async () => {
  await initEngine();
  const rng = new Rng(4);
  const out = 20, inF = 60, n = 30;
  const w = randomMatrix(rng, out, inF, (r) => r.normal());
  const acts = randomMatrix(rng, n, inF, (r) => (r.uniform() < 0.3 ? 0 : r.uniform()));
  const plan = new LayerPlan(layer(w, out, inF), await computeSensitivity(w, out, inF, acts, n), 'sensitivity');
  const u = 3;
  let total = 0;
  for (let t = 0; t < 200; t++) total += plan.sample(u, new Rng(t)).kept;
  const expected = plan.expectedKept(u);
  assert.ok(expected > 50 && expected < out * inF - 50);
  assert.ok(Math.abs(total / 200 - expected) / expected < 0.02, `realized ${total / 200} vs expected ${expected}`);
});

test('uniform distribution spreads draws over the side edges with equal probability', async () => {
  await initEngine();
  const w = Float32Array.from([1, 2, -1, 4, 0, -3]);
  const acts = Float32Array.from([1, 1, 1, 1, 1, 1]);
  const plan = new LayerPlan(layer(w, 1, 6), await computeSensitivity(w, 1, 6, acts, 1), 'uniform');
  const pos = plan.sides.find((s) => s.edges.includes(0))!;
  assert.deepEqual(Array.from(pos.edges), [0, 1, 3]);
  assert.deepEqual(Array.from(pos.q), [1 / 3, 1 / 3, 1 / 3]);
});
