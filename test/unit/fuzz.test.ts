/**
 * Mutation fuzzing of the parsers and the CLI: bit flips, truncations, splices and insertions of the
 * fixture model and data files. Outcomes must be a parsed result or an InputError naming the file;
 * anything else (another exception, a crash, a hang) fails. CORENET_FUZZ_CASES sets the count
 * (default 400 per target in CI; the README documents a longer run).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadInputs, loadLabels } from '../../src/core/data/load';
import { InputError } from '../../src/core/errors';
import { Rng } from '../../src/core/math/rng';
import { parseModel } from '../../src/core/onnx/model';
import { FIXTURES, LENET, ROOT, tiny } from './helpers';

const CASES = Number(process.env.CORENET_FUZZ_CASES ?? 400);
const CLI_CASES = Number(process.env.CORENET_FUZZ_CLI_CASES ?? 24);
const dir = mkdtempSync(join(tmpdir(), 'corenet-fuzz-'));

function mutate(src: Uint8Array, rng: Rng): { bytes: Uint8Array; how: string } {
  const b = Uint8Array.from(src);
  const at = () => Math.floor(rng.uniform() * b.length);
  switch (Math.floor(rng.uniform() * 5)) {
    case 0: {
      const flips = 1 + Math.floor(rng.uniform() * 8);
      for (let i = 0; i < flips; i++) { const p = at(); b[p] ^= 1 << Math.floor(rng.uniform() * 8); }
      return { bytes: b, how: `${flips} bit flip(s)` };
    }
    case 1: {
      const n = at();
      return { bytes: b.subarray(0, n), how: `truncated to ${n}` };
    }
    case 2: {
      const from = at(), to = at(), len = Math.min(1 + Math.floor(rng.uniform() * 64), b.length - from);
      b.copyWithin(to, from, from + len);
      return { bytes: b, how: `splice ${len} bytes ${from}->${to}` };
    }
    case 3: {
      const p = at(), ins = Uint8Array.from({ length: 1 + Math.floor(rng.uniform() * 16) }, () => Math.floor(rng.uniform() * 256));
      return { bytes: Buffer.concat([b.subarray(0, p), ins, b.subarray(p)]), how: `insert ${ins.length} at ${p}` };
    }
    default: {
      const p = Math.floor(rng.uniform() * Math.min(64, b.length));
      b[p] = Math.floor(rng.uniform() * 256);
      return { bytes: b, how: `header byte ${p}` };
    }
  }
}

function tally(name: string, run: (bytes: Uint8Array, file: string) => void, source: Uint8Array, seed: number) {
  const rng = new Rng(seed);
  const outcomes = { ok: 0, inputError: 0 };
  for (let c = 0; c < CASES; c++) {
    const { bytes, how } = mutate(source, rng);
    const file = join(dir, `${name}-${c}`);
    try {
      run(bytes, file);
      outcomes.ok++;
    } catch (e) {
      if (!(e instanceof InputError)) assert.fail(`${name} case ${c} (${how}): ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
      assert.ok(e.message.startsWith(file), `message names the file: ${e.message}`);
      outcomes.inputError++;
    }
  }
  console.log(`fuzz ${name}: ${CASES} cases, ${outcomes.ok} parsed, ${outcomes.inputError} clear input errors, 0 crashes`);
  return outcomes;
}

test('fuzz: the ONNX parser never throws anything but an InputError naming the file', () => {
  for (const [name, src, seed] of [['tiny-gemm.onnx', tiny('tiny-gemm.onnx'), 1], ['tiny-matmul.onnx', tiny('tiny-matmul.onnx'), 2], ['lenet300.onnx', LENET, 3]] as const) {
    const o = tally(name, (bytes, file) => parseModel(file, bytes), new Uint8Array(readFileSync(src)), seed);
    assert.ok(o.inputError > 0, 'mutations must reach the error paths');
  }
});

test('fuzz: the data readers (npy, IDX, gzipped IDX, labels) never throw anything but an InputError', () => {
  const idx = new Uint8Array(readFileSync(join(FIXTURES, 'lenet300-ref-input.npy')));
  const labels = gzipSync(Buffer.concat([Buffer.from([0, 0, 8, 1, 0, 0, 0, 16]), Buffer.from(Array.from({ length: 16 }, (_, i) => i % 10))]));
  const images = gzipSync(Buffer.concat([Buffer.from([0, 0, 8, 3, 0, 0, 0, 4, 0, 0, 0, 28, 0, 0, 0, 28]), Buffer.alloc(4 * 784, 7)]));
  const viaFile = (load: (f: string) => unknown) => (bytes: Uint8Array, file: string) => { writeFileSync(file, bytes); load(file); };
  tally('npy', viaFile((f) => loadInputs(f)), idx, 4);
  tally('idx.gz', viaFile((f) => loadInputs(f)), new Uint8Array(images), 5);
  tally('labels.gz', viaFile((f) => loadLabels(f, { classes: 10 })), new Uint8Array(labels), 6);
});

test('fuzz: the CLI on mutated models exits 0 or 3 (message naming the file), never crashes or hangs', () => {
  const rng = new Rng(7);
  const src = new Uint8Array(readFileSync(tiny('tiny-gemm.onnx')));
  const codes: Record<string, number> = {};
  for (let c = 0; c < CLI_CASES; c++) {
    const { bytes, how } = mutate(src, rng);
    const file = join(dir, `cli-${c}.onnx`);
    writeFileSync(file, bytes);
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'compress', file, '--calib', tiny('tiny-gemm-input.npy'), '--calib-size', '4', '--keep', '0.5', '--quiet', '--out', join(dir, `cli-${c}.out.onnx`)], { encoding: 'utf8', timeout: 60000 });
    const key = r.signal ? `signal ${r.signal}` : String(r.status);
    codes[key] = (codes[key] ?? 0) + 1;
    assert.ok(r.status === 0 || r.status === 3, `case ${c} (${how}): exit ${r.status} signal ${r.signal}\n${r.stderr}`);
    if (r.status === 3) assert.match(r.stderr, new RegExp(`cli-${c}\\.onnx`));
  }
  console.log(`fuzz cli: ${CLI_CASES} cases, exit codes ${JSON.stringify(codes)}`);
});
