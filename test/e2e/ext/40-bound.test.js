'use strict';
// corenet.boundReport with arguments: <model>.corenet.bound.md and .bound.json beside the model, opened.
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const u = require('./_util');

describe('corenet.boundReport with arguments', () => {
  let model, out, result;
  before(async () => {
    await u.activate();
    await u.closeAll();
    model = u.wsPath('model.onnx');
    out = u.outputsOf(model);
  });

  it('writes the Markdown and JSON reports beside the model', async () => {
    const d = u.data();
    const shaBefore = u.sha256(model);
    result = await vscode.commands.executeCommand('corenet.boundReport', vscode.Uri.file(model),
      { calib: d.calib, eval: d.calib, labels: d.calibLabels, trainSize: 60000, margin: 1 });
    assert.ok(result, 'no result');
    assert.strictEqual(result.markdownFile, out.boundMd);
    assert.strictEqual(result.json, out.boundJson);
    assert.ok(fs.existsSync(out.boundMd) && fs.existsSync(out.boundJson));
    assert.strictEqual(u.sha256(model), shaBefore);
  });

  it('the Markdown names every term with its value', () => {
    const md = fs.readFileSync(out.boundMd, 'utf8');
    assert.match(md, /^# Generalization bound report/m);
    for (const term of ['training-set size', 'margin', 'empirical margin loss', 'complexity term', '/1/Gemm', '/3/Gemm', '/5/Gemm']) {
      assert.ok(md.includes(term), `the report lacks "${term}"`);
    }
    assert.match(md, /\| n \| training-set size \| 60000 \|/);
    assert.match(md, /\*\*Bound/, 'no bound line');
    JSON.parse(fs.readFileSync(out.boundJson, 'utf8'));
  });

  it('opens the report (Markdown preview or editor)', async () => {
    const tab = await u.waitFor(() => u.allTabs().find((t) => /bound\.md/.test(t.label) || (t.input && t.input.uri && /bound\.md$/.test(t.input.uri.fsPath))), 10000, 'a tab showing the bound report');
    assert.ok(tab);
  });

  after(() => u.closeAll());
});
