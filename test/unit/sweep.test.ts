import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { METHOD_NAMES } from '../../src/core/compress/types';
import { prepare } from '../../src/core/pipeline';
import { sweepCharts } from '../../src/core/plot';
import { sweep, sweepCsv, type SweepResult } from '../../src/core/sweep';
import { LENET, ROOT, TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES } from './helpers';

function checkComplete(r: SweepResult, methods: string[], keeps: number[], seeds: number[]) {
  for (const m of methods)
    for (const k of keeps)
      for (const s of seeds) {
        const cells = r.cells.filter((c) => c.method === m && c.keep === k && c.seed === s);
        assert.equal(cells.length, 1, `cell ${m} keep ${k} seed ${s}`);
        const c = cells[0];
        for (const v of [c.keptRatio, c.accuracy, c.measuredError, c.errorQuantile]) assert.ok(Number.isFinite(v), `${m} ${k} ${s}: ${JSON.stringify(c)}`);
        assert.ok(Math.abs(c.keptRatio - k) / k < (m === 'svd' ? 0.025 : 0.011), `${m} at ${k} kept ${c.keptRatio}`);
        if (m.startsWith('corenet') || m === 'uniform') assert.ok(Number.isFinite(c.predictedError) && Number.isFinite(c.coverage));
      }
  assert.equal(r.summary.length, methods.length * keeps.length);
}

test('a sweep has every (method, keep, seed) cell, finite, and its CSV and charts follow', async () => {
  const prep = await prepare({ model: LENET, calib: TRAIN_IMAGES(), eval: TEST_IMAGES(), labels: TEST_LABELS(), seed: 0, delta: 0.1, evalLimit: 500, holdoutSize: 200 });
  const keeps = [0.2, 0.05], seeds = [0, 1];
  const r = await sweep(prep, { methods: METHOD_NAMES, keeps, seeds, allocation: 'uniform-eps', candidates: 2 });
  checkComplete(r, METHOD_NAMES, keeps, seeds);
  const csv = sweepCsv(r).trim().split('\n');
  assert.equal(csv[0], 'method,keep,seed,kept_ratio,accuracy,measured_error,error_quantile,predicted_error,coverage');
  assert.equal(csv.length, 1 + METHOD_NAMES.length * keeps.length * seeds.length);
  const charts = sweepCharts(r, 'test');
  assert.deepEqual(Object.keys(charts).sort(), ['accuracy-vs-keep.svg', 'error-vs-keep.svg', 'predicted-vs-measured.svg']);
  for (const svg of Object.values(charts)) {
    assert.match(svg, /^<svg [^>]*viewBox/);
    assert.match(svg, /prefers-color-scheme: dark/);
    assert.ok((svg.match(/<polyline/g) ?? []).length >= 2, 'lines are drawn');
  }
  assert.ok(r.originalAccuracy! > 0.8);
});

test('the committed results (docs/results/*.json) are complete and finite', () => {
  const dir = join(ROOT, 'docs', 'results');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('allocation-')) : [];
  assert.ok(files.length >= 1, 'docs/results holds the published sweeps (bash scripts/results.sh)');
  for (const f of files) {
    const r: SweepResult = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    const methods = [...new Set(r.cells.map((c) => c.method))];
    const keeps = [...new Set(r.cells.map((c) => c.keep))];
    const seeds = [...new Set(r.cells.map((c) => c.seed))];
    // The LeNet sweeps are the published grid; the wide net's documented run is smaller (scripts/results.sh).
    if (f.startsWith('lenet300')) assert.ok(methods.length >= 6 && keeps.length >= 8 && seeds.length >= 5, `${f}: ${methods.length} methods, ${keeps.length} keeps, ${seeds.length} seeds`);
    else assert.ok(methods.length >= 6 && keeps.length >= 4 && seeds.length >= 3, `${f}: ${methods.length} methods, ${keeps.length} keeps, ${seeds.length} seeds`);
    checkComplete(r, methods, keeps, seeds);
  }
});
