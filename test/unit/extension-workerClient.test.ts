/**
 * WorkerClient against the real dist/worker.js (built here when missing) and against tiny fake
 * workers that crash, hang, run out of memory or leave a temp file behind.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';
import { WorkerClient, WorkerJobError } from '../../src/extension/workerClient';

const root = resolve(__dirname, '../..');
const realWorker = join(root, 'dist/worker.js');
const model = join(root, 'test/fixtures/lenet300.onnx');
const calib = join(root, 'test/fixtures/lenet300-ref-input.npy');
const scratch = mkdtempSync(join(tmpdir(), 'corenet-worker-test-'));

function fakeWorker(name: string, body: string): string {
  const file = join(scratch, `${name}.js`);
  writeFileSync(file, `process.send({ type: 'ready', pid: process.pid });\n${body}\n`);
  return file;
}

before(() => {
  if (!existsSync(realWorker)) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    assert.equal(r.status, 0, 'building dist/ failed');
  }
});

test('a real inspect request returns the worker\'s model summary', async () => {
  const client = new WorkerClient({ workerPath: realWorker, memoryMB: 1024, timeoutMs: 60_000 });
  try {
    const r = await client.request({ type: 'inspect', model });
    assert.equal(r.kind, 'inspect');
    assert.equal(r.summary.compressible, 3);
    assert.deepEqual(r.summary.layers.map((l) => [l.name, l.inFeatures, l.outFeatures, l.params]), [
      ['/1/Gemm', 784, 300, 235500], ['/3/Gemm', 300, 100, 30100], ['/5/Gemm', 100, 10, 1010],
    ]);
    assert.equal(r.summary.input.name, 'input');
  } finally {
    client.dispose();
  }
});

test('an input error comes back with its kind and names the file', async () => {
  const client = new WorkerClient({ workerPath: realWorker, memoryMB: 1024, timeoutMs: 60_000 });
  const missing = join(scratch, 'nope.onnx');
  try {
    await assert.rejects(client.request({ type: 'inspect', model: missing }), (e: unknown) => e instanceof WorkerJobError && e.kind === 'input' && e.message.includes(missing));
  } finally {
    client.dispose();
  }
});

test('a real compress writes the model and report and streams progress', async () => {
  const dir = mkdtempSync(join(scratch, 'compress-'));
  const copy = join(dir, 'lenet300.onnx');
  copyFileSync(model, copy);
  const client = new WorkerClient({ workerPath: realWorker, memoryMB: 2048, timeoutMs: 120_000 });
  const stages: string[] = [];
  try {
    const r = await client.request(
      { type: 'compress', job: { model: copy, calib, seed: 0, delta: 0.1, method: 'magnitude', keep: 0.2, allocation: 'tuned', out: join(dir, 'lenet300.corenet.onnx'), report: join(dir, 'lenet300.corenet.json') } },
      (p) => { if (!stages.includes(p.stage)) stages.push(p.stage); },
    );
    assert.equal(r.kind, 'compress');
    assert.ok(Math.abs(r.report.total.keepRatio - 0.2) < 0.01, `keep ratio ${r.report.total.keepRatio}`);
    assert.ok(existsSync(join(dir, 'lenet300.corenet.onnx')) && existsSync(join(dir, 'lenet300.corenet.json')));
    assert.deepEqual(stages.slice(0, 3), ['load', 'activations', 'sensitivity']);
    assert.ok(stages.includes('evaluation'));
  } finally {
    client.dispose();
  }
});

test('a worker that exits mid-job rejects with a clear crash message', async () => {
  const client = new WorkerClient({ workerPath: fakeWorker('crash', "process.on('message', () => { console.error('boom: native failure'); process.exit(7); });"), memoryMB: 256, timeoutMs: 10_000 });
  await assert.rejects(client.request({ type: 'inspect', model }), (e: unknown) =>
    e instanceof WorkerJobError && e.kind === 'crash' && /stopped unexpectedly \(it exited with code 7\): boom: native failure/.test(e.message));
  assert.equal(client.running, false);
  // The next request forks a fresh worker.
  await assert.rejects(client.request({ type: 'inspect', model }), /exited with code 7/);
});

test('running out of heap is reported as out of memory, naming the setting', async () => {
  const hog = "process.on('message', () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); });";
  const client = new WorkerClient({ workerPath: fakeWorker('oom', hog), memoryMB: 64, timeoutMs: 60_000 });
  await assert.rejects(client.request({ type: 'inspect', model }), (e: unknown) => e instanceof WorkerJobError && e.kind === 'crash' && /ran out of memory \(limit 64 MB, setting corenet\.workerMemoryMB\)/.test(e.message));
});

test('cancel kills a busy worker and removes its unfinished temp files', async () => {
  const dir = mkdtempSync(join(scratch, 'cancel-'));
  const body = `process.on('message', (m) => {
    if (m.type === 'cancel') return;
    require('fs').writeFileSync(require('path').join(${JSON.stringify(dir)}, '.corenet-tmp-' + process.pid + '-1-x.onnx'), 'partial');
    process.send({ type: 'progress', id: m.id, stage: 'write', fraction: 0.5 });
    for (;;) {}
  });`;
  const client = new WorkerClient({ workerPath: fakeWorker('busy', body), memoryMB: 256, timeoutMs: 60_000 });
  const job = { model, calib, seed: 0, delta: 0.1, method: 'corenet' as const, keep: 0.1, allocation: 'tuned' as const, out: join(dir, 'x.corenet.onnx'), report: join(dir, 'x.corenet.json') };
  const pending = client.request({ type: 'compress', job }, () => client.cancel());
  await assert.rejects(pending, (e: unknown) => e instanceof WorkerJobError && e.kind === 'cancelled');
  assert.deepEqual(readdirSync(dir), []);
  assert.equal(client.running, false);
});

test('a job over the time limit is stopped with a timeout error', async () => {
  const client = new WorkerClient({ workerPath: fakeWorker('hang', "process.on('message', () => {});"), memoryMB: 256, timeoutMs: 300 });
  await assert.rejects(client.request({ type: 'inspect', model }), (e: unknown) => e instanceof WorkerJobError && e.kind === 'timeout' && /corenet\.workerTimeoutMinutes/.test(e.message));
});

test('malformed worker messages are ignored; a mismatched result kind is rejected', async () => {
  const logged: string[] = [];
  const body = `process.on('message', (m) => {
    process.send({ hello: 'garbage' });
    process.send({ type: 'result', id: m.id, result: { kind: 'sweep', result: {}, json: 'x' } });
  });`;
  const client = new WorkerClient({ workerPath: fakeWorker('liar', body), memoryMB: 256, timeoutMs: 10_000, log: (l) => logged.push(l) });
  try {
    await assert.rejects(client.request({ type: 'inspect', model }), (e: unknown) => e instanceof WorkerJobError && e.kind === 'internal' && /inspect request with a sweep result/.test(e.message));
    assert.ok(logged.some((l) => l.includes('malformed worker message')));
  } finally {
    client.dispose();
  }
});
