/** Issue 6: hostile model and data files, limits, and outputs that only replace after success. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { onnx } from 'onnx-proto';
import { encodeNpyFloat32 } from '../../src/core/data/npy';
import { ModelFileError } from '../../src/core/errors';
import { Rng } from '../../src/core/math/rng';
import { parseModel } from '../../src/core/onnx/model';
import { ROOT, tiny } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'corenet-hostile-'));
const CALIB = tiny('tiny-gemm-input.npy');
const base = () => onnx.ModelProto.decode(readFileSync(tiny('tiny-gemm.onnx')));
const save = (name: string, m: onnx.ModelProto | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, m instanceof Uint8Array ? m : onnx.ModelProto.encode(m).finish());
  return p;
};
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args, '--quiet'], { encoding: 'utf8', timeout: 60000 });
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const parses = (file: string) => parseModel(file, new Uint8Array(readFileSync(file)));

test('random bytes are not an ONNX model', () => {
  const r = new Rng(1);
  const f = save('random.onnx', Uint8Array.from({ length: 4096 }, () => Math.floor(r.uniform() * 256)));
  assert.throws(() => parses(f), (e: Error) => e instanceof ModelFileError && e.message.startsWith(f));
});

test('protobuf with a wrong wire type for the graph field is refused', () => {
  // Field 7 (graph) written as a varint instead of a length-delimited message.
  const f = save('wiretype.onnx', Uint8Array.from([0x08, 0x07, 0x38, 0x96, 0x01]));
  assert.throws(() => parses(f), (e: Error) => e instanceof ModelFileError && /no graph nodes|not a valid ONNX/.test(e.message));
});

test('absurd dims (10^12 elements) are refused before any allocation', () => {
  const m = base();
  m.graph!.initializer![0].dims = [1_000_000, 1_000_000];
  const f = save('absurd.onnx', m);
  assert.throws(() => parses(f), /absurd\.onnx: initializer .* holds \d+ bytes but its dims \[1000000, 1000000\] need 4000000000000/);
});

test('dims that do not match the stored data are refused', () => {
  const m = base();
  const dims = m.graph!.initializer![0].dims!.map(Number);
  m.graph!.initializer![0].dims = [dims[0] + 1, dims[1]];
  assert.throws(() => parses(save('dims.onnx', m)), /dims\.onnx: initializer .* holds \d+ bytes but its dims/);
});

test('external data is refused without reading the referenced path, even one escaping the folder', () => {
  const m = base();
  const t = m.graph!.initializer![0];
  t.rawData = new Uint8Array(0);
  t.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
  t.externalData = [{ key: 'location', value: '../../../../etc/shadow' }, { key: 'offset', value: '0' }];
  const f = save('external.onnx', m);
  assert.throws(() => parses(f), /external\.onnx: initializer .* uses external data, which is not supported yet/);
  const r = cli('compress', f, '--calib', CALIB);
  assert.equal(r.status, 3);
  assert.doesNotMatch(r.stderr, /shadow.*(permission|ENOENT)/i, 'the path was never opened');
});

test('NaN weights are refused with the layer named', () => {
  const m = base();
  const t = m.graph!.initializer!.find((x) => x.dims!.length === 2)!;
  const raw = Uint8Array.from(t.rawData!);
  new DataView(raw.buffer).setFloat32(8, NaN, true);
  t.rawData = raw;
  assert.throws(() => parses(save('nanw.onnx', m)), /nanw\.onnx: layer .* contains NaN at index 2/);
});

test('an opset far in the future and an unknown op fail with a clear exit 3, not a crash', () => {
  const future = base();
  future.opsetImport = [{ domain: '', version: 999 }];
  const r1 = cli('compress', save('future.onnx', future), '--calib', CALIB, '--calib-size', '4');
  assert.equal(r1.status, 3, r1.stderr);
  assert.match(r1.stderr, /future\.onnx: onnxruntime cannot load this model/);
  const unknown = base();
  unknown.graph!.node!.push({ opType: 'FrobnicateTensor', domain: 'com.example', input: [unknown.graph!.output![0].name!], output: ['extra'], name: 'weird' });
  unknown.opsetImport!.push({ domain: 'com.example', version: 1 });
  const f2 = save('unknown-op.onnx', unknown);
  assert.match(cli('inspect', f2).stdout, /weird .* not compressible: op "FrobnicateTensor" is not supported/);
  const r2 = cli('compress', f2, '--calib', CALIB, '--calib-size', '4');
  assert.equal(r2.status, 3, r2.stderr);
  assert.match(r2.stderr, /unknown-op\.onnx: onnxruntime cannot load this model/);
});

test('fewer calibration rows than asked is a clear data error', () => {
  const r = cli('compress', tiny('tiny-gemm.onnx'), '--calib', CALIB, '--calib-size', '8');
  assert.equal(r.status, 3);
  assert.match(r.stderr, /tiny-gemm-input\.npy: holds 8 rows but --calib-size asks for 8 plus a held-out split/);
});

test('a model or data file over the memory budget is refused up front with its size', () => {
  const r = cli('compress', tiny('tiny-gemm.onnx'), '--calib', CALIB, '--max-bytes', '1000');
  assert.equal(r.status, 3);
  assert.match(r.stderr, /tiny-gemm\.onnx: file is 1368 bytes, larger than the memory budget of 1000 bytes/);
  const big = join(dir, 'big.npy');
  writeFileSync(big, encodeNpyFloat32([100, 12], new Float32Array(1200)));
  const r2 = cli('compress', tiny('tiny-gemm.onnx'), '--calib', big, '--max-bytes', '2000');
  assert.equal(r2.status, 3);
  assert.match(r2.stderr, /big\.npy: file is 4928 bytes, larger than the memory budget of 2000 bytes/);
});

test('an existing output is replaced only after a successful run, and the input never changes', () => {
  const model = join(dir, 'm.onnx');
  copyFileSync(tiny('tiny-gemm.onnx'), model);
  const out = join(dir, 'existing.onnx');
  writeFileSync(out, 'previous result');
  const modelSum = sha(model), outSum = sha(out);
  const bad = join(dir, 'bad.npy');
  writeFileSync(bad, encodeNpyFloat32([4, 12], Float32Array.from({ length: 48 }, (_, i) => (i === 5 ? Infinity : 1))));
  assert.equal(cli('compress', model, '--calib', bad, '--out', out).status, 3);
  assert.equal(sha(out), outSum, 'a failed run leaves the old output alone');
  assert.equal(cli('compress', model, '--calib', CALIB, '--calib-size', '4', '--out', out).status, 0);
  assert.notEqual(sha(out), outSum, 'a successful run replaces it');
  assert.equal(sha(model), modelSum);
  assert.ok(!readdirSync(dir).some((f) => f.startsWith('.corenet-tmp-')));
  assert.ok(existsSync(join(dir, 'existing.json')));
});
