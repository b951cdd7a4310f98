import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initEngine } from '../../src/core/math/engine';
import { Rng } from '../../src/core/math/rng';
import { computeSensitivity } from '../../src/core/sensitivity';
import { maxProduct } from '../../src/core/math/maxProduct';
import { randomMatrix } from './helpers';

/** The spec's §2 definitions, written as plainly as possible, for signed or unsigned inputs. */
function bruteForce(w: Float32Array, out: number, inF: number, a: Float32Array, n: number) {
  const pos = new Float64Array(out * inF), neg = new Float64Array(out * inF);
  for (let x = 0; x < n; x++) {
    const row = (j: number) => a[x * inF + j];
    // Virtual edges: (weight w_ij on a_j+) and (weight -w_ij on a_j-).
    const terms = (i: number) => {
      const t: Array<{ j: number; v: number }> = [];
      for (let j = 0; j < inF; j++) {
        const wij = w[i * inF + j], aj = row(j);
        t.push({ j, v: wij * Math.max(aj, 0) }, { j, v: -wij * Math.max(-aj, 0) });
      }
      return t;
    };
    for (let i = 0; i < out; i++) {
      const t = terms(i);
      const sumPos = t.filter((e) => e.v > 0).reduce((s, e) => s + e.v, 0);
      const sumNeg = t.filter((e) => e.v < 0).reduce((s, e) => s - e.v, 0);
      for (const e of t) {
        if (e.v > 0 && sumPos > 0) pos[i * inF + e.j] = Math.max(pos[i * inF + e.j], e.v / sumPos);
        if (e.v < 0 && sumNeg > 0) neg[i * inF + e.j] = Math.max(neg[i * inF + e.j], -e.v / sumNeg);
      }
    }
  }
  return { pos, neg };
}

for (const signed of [false, true]) {
  test(`sensitivities equal the brute-force definition (${signed ? 'signed' : 'non-negative'} inputs)`, async () => {
    await initEngine();
    const rng = new Rng(signed ? 11 : 12);
    const out = 7, inF = 9, n = 13;
    const w = randomMatrix(rng, out, inF, (r) => (r.uniform() < 0.1 ? 0 : r.normal()));
    const a = randomMatrix(rng, n, inF, (r) => (signed ? r.normal() : r.uniform() < 0.4 ? 0 : r.uniform()));
    const s = await computeSensitivity(w, out, inF, a, n);
    const b = bruteForce(w, out, inF, a, n);
    assert.equal(s.signedInputs, signed);
    let nonZero = 0;
    for (let k = 0; k < out * inF; k++) {
      assert.ok(Math.abs(s.pos[k] - b.pos[k]) < 1e-5, `pos[${k}] ${s.pos[k]} vs ${b.pos[k]}`);
      assert.ok(Math.abs(s.neg[k] - b.neg[k]) < 1e-5, `neg[${k}] ${s.neg[k]} vs ${b.neg[k]}`);
      if (b.pos[k] > 0) nonZero++;
    }
    assert.ok(nonZero > out * inF * 0.2, 'the case must exercise real values');
    for (let i = 0; i < out; i++) {
      let sp = 0;
      for (let j = 0; j < inF; j++) sp += b.pos[i * inF + j];
      assert.ok(Math.abs(s.sumPos[i] - sp) < 1e-4);
    }
  });
}

test('Delta_i is the mean over S of sum|w a| / |sum w a|', async () => {
  await initEngine();
  const rng = new Rng(5);
  const out = 4, inF = 6, n = 10;
  const w = randomMatrix(rng, out, inF, (r) => r.normal());
  const a = randomMatrix(rng, n, inF, (r) => r.uniform());
  const s = await computeSensitivity(w, out, inF, a, n);
  for (let i = 0; i < out; i++) {
    let total = 0;
    for (let x = 0; x < n; x++) {
      let num = 0, den = 0;
      for (let j = 0; j < inF; j++) { num += Math.abs(w[i * inF + j] * a[x * inF + j]); den += w[i * inF + j] * a[x * inF + j]; }
      total += num / Math.abs(den);
    }
    const expected = total / n;
    assert.ok(Math.abs(s.deltaMean[i] - expected) / expected < 1e-4, `neuron ${i}: ${s.deltaMean[i]} vs ${expected}`);
    assert.ok(s.deltaMean[i] >= 1);
  }
});

test('an input never active on S has zero sensitivity and is marked inactive', async () => {
  await initEngine();
  const rng = new Rng(8);
  const w = randomMatrix(rng, 3, 4, (r) => r.normal());
  const a = randomMatrix(rng, 5, 4, (r) => r.uniform());
  for (let x = 0; x < 5; x++) a[x * 4 + 2] = 0;
  const s = await computeSensitivity(w, 3, 4, a, 5);
  assert.deepEqual(Array.from(s.inputActive), [1, 1, 0, 1]);
  for (let i = 0; i < 3; i++) assert.equal(s.pos[i * 4 + 2] + s.neg[i * 4 + 2], 0);
});

test('the SIMD max-product kernel equals the definition, to the bit, on a LeNet-sized problem', () => {
  const rng = new Rng(99);
  const n = 200, inF = 300, outF = 100;
  const u = randomMatrix(rng, n, inF, (r) => (r.uniform() < 0.1 ? 0 : r.uniform()));
  const rA = Float64Array.from({ length: n * outF }, () => rng.uniform());
  const rB = Float64Array.from({ length: n * outF }, () => rng.uniform());
  const posEdge = Uint8Array.from({ length: outF * inF }, () => (rng.uniform() < 0.5 ? 1 : 0));
  const m = maxProduct(u, n, inF, rA, rB, posEdge, outF);
  for (let t = 0; t < 500; t++) {
    const i = Math.floor(rng.uniform() * outF), j = Math.floor(rng.uniform() * inF);
    let best = 0;
    for (let x = 0; x < n; x++) best = Math.max(best, u[x * inF + j] * (posEdge[i * inF + j] ? rA[x * outF + i] : rB[x * outF + i]));
    assert.equal(m[i * inF + j], best, `M[${i}, ${j}]`);
  }
  assert.ok(m[5 * inF + 2] > 0 && m[5 * inF + inF - 2] > 0, 'first and last columns filled');
});
