'use strict';
// Bad inputs: a corrupt model, a missing data file, invalid options. Each call rejects with a message
// naming the problem, writes nothing, and the extension host keeps working.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const u = require('./_util');

const msgOf = (e) => `${e && e.message} ${e && e.file ? e.file : ''}`;

describe('errors', () => {
  before(async () => {
    await u.activate();
    await u.closeAll();
  });

  it('a corrupt .onnx rejects with an error naming the file, and writes nothing', async () => {
    const broken = u.wsPath('broken.onnx');
    const shaBefore = u.sha256(broken);
    const d = u.data();
    let err;
    await assert.rejects(
      u.within(vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(broken), { calib: d.calib, keep: 0.1 }), 60000, 'compress broken.onnx'),
      (e) => { err = e; return true; },
    );
    assert.match(msgOf(err), /broken\.onnx/, `the error does not name the file: ${msgOf(err)}`);
    assert.match(msgOf(err), /ONNX|protobuf|truncated/i, `the error does not say what is wrong: ${msgOf(err)}`);
    const o = u.outputsOf(broken);
    assert.ok(!fs.existsSync(o.compressed) && !fs.existsSync(o.report), 'outputs written for a corrupt model');
    assert.strictEqual(u.sha256(broken), shaBefore);
    assert.deepStrictEqual(fs.readdirSync(u.ws()).filter((f) => f.startsWith('.corenet-tmp')), []);
  });

  it('a missing calibration file rejects naming that file', async () => {
    const missing = u.wsPath('data', 'no-such-file.npy');
    let err;
    await assert.rejects(vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(u.wsPath('model.onnx')), { calib: missing, keep: 0.1 }), (e) => { err = e; return true; });
    assert.match(msgOf(err), /no-such-file\.npy/, msgOf(err));
  });

  it('a calibration file that does not fit the model rejects (labels file as inputs)', async () => {
    const d = u.data();
    let err;
    await assert.rejects(vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(u.wsPath('model.onnx')), { calib: d.labels, keep: 0.1 }), (e) => { err = e; return true; });
    assert.match(msgOf(err), /eval-labels-idx1-ubyte\.gz/, msgOf(err));
    assert.match(msgOf(err), /shape|values/i, msgOf(err));
  });

  for (const [what, opts, re] of [
    ['keep 0', { keep: 0 }, /keep/i],
    ['keep 1.5', { keep: 1.5 }, /keep/i],
    ['an unknown method', { method: 'nope' }, /method/i],
    ['labels without evaluation data', { labels: 'x.npy' }, /eval/i],
  ]) {
    it(`invalid options (${what}) reject before any work`, async () => {
      const d = u.data();
      await assert.rejects(vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(u.wsPath('model.onnx')), { calib: d.calib, keep: 0.1, ...opts }), re);
    });
  }

  it('the extension host still compresses afterwards', async () => {
    const d = u.data();
    const model = u.wsPath('model.onnx');
    const r = await vscode.commands.executeCommand('corenet.compress', vscode.Uri.file(model), { calib: d.calib, keep: 0.2, method: 'magnitude' });
    assert.ok(r && fs.existsSync(r.output) && fs.existsSync(r.reportFile));
  });

  after(() => u.closeAll());
});
