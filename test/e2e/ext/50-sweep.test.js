'use strict';
// corenet.sweep with arguments: a small sweep (2 methods x 2 keeps x 1 seed) written beside the model.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const u = require('./_util');

describe('corenet.sweep with arguments', () => {
  it('writes <model>.corenet.sweep.json and shows it', async () => {
    await u.activate();
    await u.closeAll();
    const model = u.wsPath('model.onnx');
    const d = u.data();
    const r = await vscode.commands.executeCommand('corenet.sweep', vscode.Uri.file(model),
      { calib: d.calib, eval: d.eval, labels: d.labels, methods: ['corenet', 'magnitude'], keeps: [0.5, 0.1], seeds: 1 });
    assert.ok(r, 'no result');
    assert.strictEqual(r.json, u.outputsOf(model).sweep);
    const s = JSON.parse(fs.readFileSync(r.json, 'utf8'));
    assert.strictEqual(s.summary.length, 4, `${s.summary.length} summary rows for 2 methods x 2 keeps`);
    for (const row of s.summary) assert.ok(row.accuracyMean > 0.1, `accuracy ${row.accuracyMean} for ${row.method} keep ${row.keep}`);
    await u.waitFor(() => u.webviewTabs('corenet.results').length > 0, 10000, 'the results panel');
    await u.closeAll();
  });

  it('shows any sweep JSON (as in docs/results/) with Show Last Report, whatever its name', async () => {
    const model = u.wsPath('model.onnx');
    const copy = u.wsPath('published-sweep.json');
    fs.copyFileSync(u.outputsOf(model).sweep, copy);
    const shown = await vscode.commands.executeCommand('corenet.showLastReport', vscode.Uri.file(copy));
    assert.strictEqual(shown, copy);
    await u.waitFor(() => u.webviewTabs('corenet.results').length > 0, 10000, 'the sweep view');
    await u.closeAll();
    fs.rmSync(copy, { force: true });
  });
});
