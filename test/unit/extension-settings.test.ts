import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { outputPaths, removeWorkerTempFiles } from '../../src/extension/paths';
import { DEFAULT_SETTINGS, outputSuffixProblem, parseKeepList, parseTarget, readSettings, type CoreNetSettings } from '../../src/extension/settingsModel';

const reader = (values: Partial<Record<keyof CoreNetSettings, unknown>>) => (key: keyof CoreNetSettings) => values[key];

test('unset settings read as the documented defaults, without problems', () => {
  const { settings, problems } = readSettings(reader({}));
  assert.deepEqual(problems, []);
  assert.equal(settings.defaultMethod, 'corenet+');
  assert.equal(settings.defaultKeep, 0.1);
  assert.equal(settings.defaultDelta, 0.1);
  assert.equal(settings.defaultSeed, 0);
  assert.equal(settings.allocation, 'tuned');
  assert.equal(settings.outputSuffix, '.corenet');
  assert.equal(settings.workerMemoryMB, 4096);
  assert.equal(settings.workerTimeoutMinutes, 30);
  assert.equal(settings.maxModelMB, 1024);
  assert.equal(settings.boundTrainSize, 60000);
  assert.equal(settings.boundMargin, 1.0);
  assert.deepEqual(settings.sweepKeeps, [0.5, 0.2, 0.1, 0.05, 0.02]);
  assert.equal(settings.sweepSeeds, 3);
});

test('valid values are taken as given', () => {
  const { settings, problems } = readSettings(reader({ defaultMethod: 'svd', defaultKeep: 0.25, defaultSeed: 7, allocation: 'theory', outputSuffix: '.small', sweepKeeps: ' 0.3, 0.03 ', sweepMethods: ['magnitude', 'uniform', 'magnitude'], workerMemoryMB: 1024 }));
  assert.deepEqual(problems, []);
  assert.equal(settings.defaultMethod, 'svd');
  assert.equal(settings.defaultKeep, 0.25);
  assert.equal(settings.defaultSeed, 7);
  assert.equal(settings.allocation, 'theory');
  assert.equal(settings.outputSuffix, '.small');
  assert.deepEqual(settings.sweepKeeps, [0.3, 0.03]);
  assert.deepEqual(settings.sweepMethods, ['magnitude', 'uniform']);
  assert.equal(settings.workerMemoryMB, 1024);
});

test('each invalid value falls back to its default and is reported by name', () => {
  const { settings, problems } = readSettings(reader({ defaultMethod: 'prune-it', defaultKeep: 1.5, defaultDelta: 0, defaultSeed: -1, outputSuffix: '', workerMemoryMB: 12, sweepKeeps: '0.5,abc', sweepMethods: [], boundMargin: 'wide' }));
  assert.equal(settings.defaultMethod, DEFAULT_SETTINGS.defaultMethod);
  assert.equal(settings.defaultKeep, 0.1);
  assert.equal(settings.defaultDelta, 0.1);
  assert.equal(settings.defaultSeed, 0);
  assert.equal(settings.outputSuffix, '.corenet');
  assert.equal(settings.workerMemoryMB, 4096);
  assert.deepEqual(settings.sweepKeeps, DEFAULT_SETTINGS.sweepKeeps);
  assert.deepEqual(settings.sweepMethods, DEFAULT_SETTINGS.sweepMethods);
  assert.equal(settings.boundMargin, 1);
  assert.equal(problems.length, 9);
  for (const key of ['defaultMethod', 'defaultKeep', 'defaultDelta', 'defaultSeed', 'outputSuffix', 'workerMemoryMB', 'sweepKeeps', 'sweepMethods', 'boundMargin']) {
    assert.ok(problems.some((p) => p.startsWith(`corenet.${key}:`)), `no problem reported for ${key}: ${problems.join(' | ')}`);
  }
});

test('keep lists, targets and suffixes are validated', () => {
  assert.deepEqual(parseKeepList('0.5,0.2 , 0.1'), [0.5, 0.2, 0.1]);
  assert.equal(parseKeepList(''), null);
  assert.equal(parseKeepList('0.5,0'), null);
  assert.equal(parseKeepList('2'), null);
  assert.deepEqual(parseTarget('0.1', 'corenet+'), { keep: 0.1 });
  assert.deepEqual(parseTarget('eps=0.5', 'corenet'), { eps: 0.5 });
  assert.deepEqual(parseTarget('EPS = 2', 'corenet++'), { eps: 2 });
  assert.match(parseTarget('eps=0.5', 'magnitude') as string, /CoreNet method/);
  assert.match(parseTarget('1.2', 'svd') as string, /keep ratio/);
  assert.match(parseTarget('eps=-1', 'corenet') as string, /positive/);
  assert.equal(outputSuffixProblem('.corenet'), null);
  assert.notEqual(outputSuffixProblem(''), null);
  assert.notEqual(outputSuffixProblem('../x'), null);
  assert.notEqual(outputSuffixProblem('.onnx'), null);
});

test('outputs go beside the model, named with the suffix, never over it', () => {
  const p = outputPaths('/data/models/lenet.onnx', '.corenet');
  assert.equal(p.compressed, '/data/models/lenet.corenet.onnx');
  assert.equal(p.report, '/data/models/lenet.corenet.json');
  assert.equal(p.sweep, '/data/models/lenet.corenet.sweep.json');
  assert.equal(p.boundMarkdown, '/data/models/lenet.corenet.bound.md');
  assert.equal(p.boundJson, '/data/models/lenet.corenet.bound.json');
  assert.throws(() => outputPaths('/m/a.onnx', ''), /overwrite the model/);
});

test('removeWorkerTempFiles removes only that worker pid\'s temp files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corenet-tmpfiles-'));
  const mine = join(dir, '.corenet-tmp-4242-1-model.corenet.onnx');
  const other = join(dir, '.corenet-tmp-999-1-model.corenet.onnx');
  const keep = join(dir, 'model.corenet.onnx');
  for (const f of [mine, other, keep]) writeFileSync(f, 'x');
  assert.deepEqual(removeWorkerTempFiles([dir, dir, join(dir, 'missing')], 4242), [mine]);
  assert.equal(existsSync(mine), false);
  assert.equal(existsSync(other), true);
  assert.equal(existsSync(keep), true);
});
