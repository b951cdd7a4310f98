import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeNpyFloat32 } from '../../src/core/data/npy';
import { LENET, ROOT, TEST_IMAGES, TEST_LABELS, tiny } from './helpers';

const CLI = join(ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(join(tmpdir(), 'corenet-cli-'));
const cli = (...args: string[]) => {
  assert.ok(existsSync(CLI), 'dist/cli.js is built by the test command (npm run build)');
  const r = spawnSync(process.execPath, [CLI, ...args, '--quiet'], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const write = (name: string, data: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const CALIB = tiny('tiny-gemm-input.npy');
const TINY = tiny('tiny-gemm.onnx');

test('inspect prints the layers; --json is machine readable', () => {
  const r = cli('inspect', LENET, '--json');
  assert.equal(r.code, 0);
  const info = JSON.parse(r.out);
  assert.equal(info.compressible, 3);
  assert.deepEqual(info.input, { name: 'input', dims: ['batch', 1, 28, 28] });
  assert.deepEqual(info.layers.map((l: { params: number }) => l.params), [235500, 30100, 1010]);
  const text = cli('inspect', tiny('tiny-conv.onnx'));
  assert.equal(text.code, 0);
  assert.match(text.out, /Conv .* not compressible: op "Conv" is not supported/);
});

test('compress on the tiny model writes a loadable model and a report, and never touches the input', () => {
  const model = join(dir, 'm.onnx');
  copyFileSync(TINY, model);
  const before = sha(model);
  const r = cli('compress', model, '--calib', CALIB, '--keep', '0.5', '--calib-size', '4', '--seed', '3');
  assert.equal(r.code, 0, r.err);
  assert.equal(sha(model), before);
  const report = JSON.parse(readFileSync(join(dir, 'm.corenet.json'), 'utf8'));
  for (const key of ['method', 'seed', 'eps', 'delta', 'keep', 'calibrationSize', 'layers', 'total', 'timings']) assert.ok(key in report, key);
  for (const key of ['name', 'inFeatures', 'outFeatures', 'params', 'kept', 'sampleSizes', 'sensitivitySum', 'predictedError', 'measuredError']) assert.ok(key in report.layers[0], key);
  for (const key of ['load', 'activations', 'sensitivity', 'sampling', 'write', 'evaluation']) assert.equal(typeof report.timings[key], 'number');
  assert.equal(report.seed, 3);
  assert.equal(report.calibrationSize, 4);
  assert.match(r.out, /compressed model: .*m\.corenet\.onnx/);
  assert.equal(cli('inspect', join(dir, 'm.corenet.onnx')).code, 0);
});

test('refuses to write over its input (usage error, exit 2)', () => {
  const model = join(dir, 'keep.onnx');
  copyFileSync(TINY, model);
  const before = sha(model);
  const r = cli('compress', model, '--calib', CALIB, '--calib-size', '4', '--out', model);
  assert.equal(r.code, 2);
  assert.match(r.err, /refusing to write the compressed model over its input/);
  assert.equal(sha(model), before);
});

const lenetBytes = readFileSync(LENET);
const badModels: Array<[string, () => string, RegExp]> = [
  ['missing model', () => join(dir, 'absent.onnx'), /absent\.onnx: file not found/],
  ['empty model', () => write('empty.onnx', ''), /empty\.onnx: file is empty/],
  ['truncated model', () => write('trunc.onnx', lenetBytes.subarray(0, lenetBytes.length / 2)), /trunc\.onnx: not a valid ONNX model/],
  ['text file named .onnx', () => write('text.onnx', 'this is not a model\n'), /text\.onnx: not a valid ONNX model/],
  ['no compressible layer', () => tiny('tiny-conv-only.onnx'), /tiny-conv-only\.onnx: no compressible layer/],
];
for (const [what, make, pattern] of badModels) {
  test(`bad model (${what}): exit 3 and a message naming the file`, () => {
    const r = cli('compress', make(), '--calib', CALIB);
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, pattern);
  });
}

const badData: Array<[string, () => string[], RegExp]> = [
  ['missing calibration file', () => ['--calib', join(dir, 'nope.npy')], /nope\.npy: file not found/],
  ['shape mismatch', () => ['--calib', write('wrong.npy', encodeNpyFloat32([10, 5], new Float32Array(50)))], /wrong\.npy: shape mismatch: the model input "input" expects \[N, 12\]/],
  ['NaN in the data', () => ['--calib', write('nan.npy', encodeNpyFloat32([2, 12], Float32Array.from({ length: 24 }, (_, i) => (i === 13 ? NaN : 0.5))))], /nan\.npy: contains NaN at row 1/],
  ['labels out of range', () => ['--calib', CALIB, '--eval', CALIB, '--labels', write('lab.npy', encodeNpyFloat32([8], new Float32Array(8)))], /lab\.npy: labels must be integers/],
  ['too few labels', () => ['--calib', CALIB, '--eval', TEST_IMAGES(), '--labels', TEST_LABELS(), '--eval-limit', '20'], /t10k-images.*shape mismatch/],
];
for (const [what, args, pattern] of badData) {
  test(`bad data (${what}): exit 3 and a message naming the file`, () => {
    const r = cli('compress', TINY, ...args(), '--calib-size', '4');
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, pattern);
    assert.ok(!readdirSync(dir).some((f) => f.startsWith('.corenet-tmp-')), 'no temp file left');
  });
}

test('usage errors exit 2', () => {
  assert.equal(cli('compress', TINY).code, 2);
  assert.equal(cli('compress', TINY, '--calib', CALIB, '--keep', '2').code, 2);
  assert.equal(cli('compress', TINY, '--calib', CALIB, '--method', 'bogus').code, 2);
  assert.equal(cli('frobnicate').code, 2);
  assert.match(cli('compress', TINY, '--calib', CALIB, '--keep', '0.1', '--eps', '0.2').err, /either --keep or --eps/);
});

test('bound prints every term and says whether it is vacuous', () => {
  const r = cli('bound', TINY, '--calib', CALIB, '--calib-size', '4', '--train-size', '60000', '--margin', '1', '--json', join(dir, 'b.json'));
  assert.equal(r.code, 0, r.err);
  const b = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
  assert.equal(b.trainSize, 60000);
  assert.ok(b.terms.length >= 10);
  assert.ok(b.complexity > 0 && Number.isFinite(b.complexity));
  assert.match(r.out, /complexity term|Bound/);
});

test('the bound report is a well-formed Markdown table: every row has exactly four cells', () => {
  const md = join(dir, 'b.md');
  const r = cli('bound', TINY, '--calib', CALIB, '--calib-size', '4', '--train-size', '1000', '--margin', '0.5', '--md', md);
  assert.equal(r.code, 0, r.err);
  const rows = readFileSync(md, 'utf8').split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('|---'));
  assert.ok(rows.length >= 10);
  for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length - 2, 4, row);
  assert.ok(rows.some((row) => row.includes('\\|S\\| = 4')), 'the |S| note survives, escaped');
});
