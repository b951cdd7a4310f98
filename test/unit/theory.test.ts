import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultCalibrationSize, defaultK, deltaProducts, eta, etaStar, invertSampleSize, kappa, sampleConstant, sampleSize } from '../../src/core/theory';

const lenet = { neurons: [300, 100, 10] };

test('LeNet-300-100 constants match the paper: eta 410, eta* 300, |S| = 152', () => {
  assert.equal(eta(lenet), 410);
  assert.equal(etaStar(lenet), 300);
  assert.equal(defaultCalibrationSize(lenet), 152);
  assert.ok(Math.abs(defaultK(lenet) - Math.log(123000)) < 1e-12);
});

test('kappa follows §4 (about 190 for such nets)', () => {
  const lambda = Math.log(410 * 300) / 2;
  const expected = Math.sqrt(2 * lambda) * (1 + Math.sqrt(2 * lambda) * Math.log((8 * 410 * 300) / 0.1));
  assert.ok(Math.abs(kappa(lenet, 0.1) - expected) < 1e-9);
  assert.ok(kappa(lenet, 0.1) > 150 && kappa(lenet, 0.1) < 250);
});

test('sample size and its inverse agree; Delta products run from the back', () => {
  const c = sampleConstant(lenet, defaultK(lenet), 0.1);
  const m = sampleSize(c, 2.5, 0.3);
  assert.equal(m, Math.ceil((c * 2.5) / 0.09));
  const eps = invertSampleSize(c, 2.5, m);
  assert.ok(eps <= 0.3 && eps > 0.2999);
  assert.equal(sampleSize(c, 0, 0.3), 0);
  assert.deepEqual(deltaProducts([2, 3, 4]), [24, 12, 4]);
});
