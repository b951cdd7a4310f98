import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { checkAgainstModel, loadInputs, loadLabels } from '../../src/core/data/load';
import { encodeNpyFloat32 } from '../../src/core/data/npy';
import { DataFileError } from '../../src/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'corenet-data-'));
function npy(descr: string, shape: number[], bytes: Uint8Array): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + bytes.length);
  out.set([0x93, 78, 85, 77, 80, 89, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(bytes, 10 + header.length);
  return out;
}
function idx(type: number, shape: number[], bytes: Uint8Array): Uint8Array {
  const head = new Uint8Array(4 + 4 * shape.length);
  head.set([0, 0, type, shape.length]);
  shape.forEach((d, i) => new DataView(head.buffer).setUint32(4 + 4 * i, d, false));
  return Buffer.concat([head, bytes]);
}
const file = (name: string, data: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

test('float32 .npy round-trips through the writer and the reader', () => {
  const p = file('a.npy', encodeNpyFloat32([2, 3], Float32Array.from([1, 2, 3, 4.5, -5, 6])));
  const d = loadInputs(p);
  assert.deepEqual(d.shape, [2, 3]);
  assert.deepEqual(Array.from(d.data), [1, 2, 3, 4.5, -5, 6]);
  assert.equal(d.scaled, false);
});

test('uint8 IDX (gzipped) is scaled to [0, 1] by default and kept with --scale none', () => {
  const p = file('img.idx.gz', gzipSync(idx(0x08, [2, 2, 2], Uint8Array.from([0, 255, 51, 102, 0, 0, 255, 1]))));
  const d = loadInputs(p);
  assert.deepEqual(d.shape, [2, 2, 2]);
  assert.equal(d.rowSize, 4);
  assert.ok(Math.abs(d.data[2] - 0.2) < 1e-6);
  assert.equal(loadInputs(p, { scale: 'none' }).data[1], 255);
});

test('float64 big-endian .npy is read', () => {
  const bytes = new Uint8Array(16);
  new DataView(bytes.buffer).setFloat64(0, 1.25, false);
  new DataView(bytes.buffer).setFloat64(8, -2, false);
  assert.deepEqual(Array.from(loadInputs(file('be.npy', npy('>f8', [2, 1], bytes))).data), [1.25, -2]);
});

test('labels from int64 .npy and IDX; out-of-range labels name the file and value', () => {
  const b = new Uint8Array(24);
  [3, 0, 9].forEach((v, i) => new DataView(b.buffer).setBigInt64(8 * i, BigInt(v), true));
  assert.deepEqual(Array.from(loadLabels(file('l.npy', npy('<i8', [3], b)))), [3, 0, 9]);
  assert.deepEqual(Array.from(loadLabels(file('l.idx', idx(0x08, [3], Uint8Array.from([1, 2, 3]))))), [1, 2, 3]);
  assert.throws(() => loadLabels(file('l2.idx', idx(0x08, [2], Uint8Array.from([1, 12]))), { classes: 10 }), (e: Error) => e instanceof DataFileError && /l2\.idx.*label 12 at row 1/.test(e.message));
});

const bad: Array<[string, () => string, RegExp]> = [
  ['missing file', () => join(dir, 'nope.npy'), /nope\.npy: file not found/],
  ['empty file', () => file('empty.npy', new Uint8Array(0)), /empty\.npy: file is empty/],
  ['truncated .npy', () => file('trunc.npy', encodeNpyFloat32([10, 3], new Float32Array(30)).subarray(0, 150)), /trunc\.npy: truncated: header says shape \[10, 3\]/],
  ['header lies in IDX', () => file('lie.idx', idx(0x08, [100, 28, 28], new Uint8Array(10))), /lie\.idx: truncated: header says shape \[100, 28, 28\]/],
  ['NaN in data', () => file('nan.npy', encodeNpyFloat32([2, 2], Float32Array.from([1, 2, NaN, 4]))), /nan\.npy: contains NaN at row 1/],
  ['Inf in data', () => file('inf.npy', encodeNpyFloat32([1, 2], Float32Array.from([1, Infinity]))), /inf\.npy: contains Infinity at row 0/],
  ['unsupported dtype', () => file('c.npy', npy('<c8', [1], new Uint8Array(8))), /c\.npy: unsupported dtype '<c8'/],
  ['not a data file', () => file('text.npy', Buffer.from('hello world')), /text\.npy: unknown data format/],
  ['corrupt gzip', () => file('bad.gz', Uint8Array.from([0x1f, 0x8b, 1, 2, 3])), /bad\.gz: gzip data is corrupt/],
];
for (const [what, make, pattern] of bad) {
  test(`bad data: ${what} gives a DataFileError naming the file`, () => {
    assert.throws(() => loadInputs(make()), (e: Error) => e instanceof DataFileError && pattern.test(e.message));
  });
}

test('shape mismatch against the model names expected and found shapes', () => {
  const d = loadInputs(file('s.npy', encodeNpyFloat32([2, 5], new Float32Array(10))));
  assert.throws(() => checkAgainstModel(d, [1, 28, 28], 'input'), /s\.npy: shape mismatch: the model input "input" expects \[N, 1, 28, 28\] \(784 values per row\) but the file holds \[2, 5\] \(5 per row\)/);
  checkAgainstModel(loadInputs(file('ok.npy', encodeNpyFloat32([1, 784], new Float32Array(784)))), [1, 28, 28], 'input');
});
