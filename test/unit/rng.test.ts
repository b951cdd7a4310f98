import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../src/core/math/rng';

test('same seed gives the same stream, different seeds differ', () => {
  const a = new Rng(42), b = new Rng(42), c = new Rng(43);
  const xa = Array.from({ length: 5 }, () => a.uniform());
  assert.deepEqual(xa, Array.from({ length: 5 }, () => b.uniform()));
  assert.notDeepEqual(xa, Array.from({ length: 5 }, () => c.uniform()));
});

test('binomial has the right mean and variance in both regimes', () => {
  for (const [n, p] of [[50, 0.1], [100000, 0.3]] as const) {
    const r = new Rng(7);
    const xs = Array.from({ length: 20000 }, () => r.binomial(n, p));
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length;
    assert.ok(Math.abs(m - n * p) < 0.02 * n * p + 0.05, `mean ${m} vs ${n * p}`);
    assert.ok(Math.abs(v - n * p * (1 - p)) < 0.06 * n * p * (1 - p), `variance ${v} vs ${n * p * (1 - p)}`);
  }
});

test('multinomial counts add up to m and follow q', () => {
  const r = new Rng(3);
  const q = [0.5, 0.3, 0.2, 0];
  const totals = [0, 0, 0, 0];
  const out = new Float64Array(4);
  for (let t = 0; t < 2000; t++) {
    r.multinomial(100, q, out);
    assert.equal(out.reduce((a, b) => a + b, 0), 100);
    out.forEach((c, j) => (totals[j] += c));
  }
  totals.forEach((c, j) => assert.ok(Math.abs(c / 200000 - q[j]) < 0.005, `component ${j}: ${c / 200000} vs ${q[j]}`));
  assert.equal(totals[3], 0);
});
