'use strict';
// Cancel mid-run, from code: the command takes { token } like the notification's Cancel button.
// A slow job (the full 60 000-image file as calibration) is cancelled a moment after it starts; the
// worker is killed, nothing is written beside the model, and the original is unchanged.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const u = require('./_util');

describe('corenet.compress cancelled from code', () => {
  it('rejects as cancelled and leaves no output, no temp file and the original untouched', async () => {
    await u.activate();
    const model = u.wsPath('model.onnx');
    const out = u.outputsOf(model);
    for (const f of [out.compressed, out.report]) fs.rmSync(f, { force: true });
    const before = u.sha256(model);
    const source = new vscode.CancellationTokenSource();
    const started = Date.now();
    const job = vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(model),
      { calib: u.wsPath('big', 'train-images-idx3-ubyte.gz'), keep: 0.1, method: 'corenet++', seed: 0, token: source.token });
    setTimeout(() => source.cancel(), 1500);
    await assert.rejects(job, (e) => /cancel/i.test(String(e && (e.kind || e.message))), 'the job must end as cancelled');
    assert.ok(Date.now() - started < 20000, `cancel took ${Date.now() - started} ms`);
    assert.ok(!fs.existsSync(out.compressed), 'no compressed model');
    assert.ok(!fs.existsSync(out.report), 'no report');
    assert.deepStrictEqual(fs.readdirSync(u.ws()).filter((f) => f.startsWith('.corenet-tmp')), []);
    assert.strictEqual(u.sha256(model), before);
    source.dispose();
  });
});
