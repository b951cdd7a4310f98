'use strict';
// Every command, run the way the palette runs it (no arguments), with nothing open and nothing
// compressed yet: it either finishes (e.g. an information message) or asks something; Escape then
// ends it quietly. No command may throw, and the host must stay responsive afterwards.
const assert = require('assert');
const vscode = require('vscode');
const u = require('./_util');

describe('palette commands with nothing open', () => {
  let palette;
  before(async () => {
    const ext = await u.activate();
    const c = ext.packageJSON.contributes;
    const hidden = new Set((c.menus.commandPalette || []).filter((m) => m.when === 'false').map((m) => m.command));
    palette = c.commands.map((x) => x.command).filter((id) => !hidden.has(id));
    await u.closeAll();
  });

  it('lists the five palette commands', () => {
    for (const id of ['corenet.compress', 'corenet.inspect', 'corenet.boundReport', 'corenet.sweep', 'corenet.showLastReport']) {
      assert.ok(palette.includes(id), `${id} hidden from the palette`);
    }
  });

  for (const id of ['corenet.showLastReport', 'corenet.compress', 'corenet.sweep', 'corenet.boundReport', 'corenet.inspect']) {
    it(`${id}: no throw; prompts are dismissible; writes nothing`, async () => {
      const before = new Set(require('fs').readdirSync(u.ws()));
      const { value, prompts } = await u.runDismissingPrompts(id);
      // Escape at the first question (the model pick) ends every command with undefined
      assert.strictEqual(value, undefined, `${id} returned ${JSON.stringify(value)} after Escape`);
      if (id === 'corenet.showLastReport') assert.strictEqual(prompts, 0, 'no report yet: an information message, no question');
      else assert.ok(prompts > 0, `${id} finished without asking which model (two .onnx files in the workspace)`);
      const added = require('fs').readdirSync(u.ws()).filter((f) => !before.has(f));
      assert.deepStrictEqual(added, [], `${id} wrote files after Escape`);
    });
  }

  it('any palette command not covered above also runs without throwing', async () => {
    const covered = new Set(['corenet.showLastReport', 'corenet.compress', 'corenet.sweep', 'corenet.boundReport', 'corenet.inspect']);
    for (const id of palette.filter((x) => !covered.has(x))) await u.runDismissingPrompts(id);
  });

  it('Explorer entries with a model: compressFile asks (Escape ends it), inspectFile opens the inspector', async () => {
    const model = vscode.Uri.file(u.wsPath('model.onnx'));
    const r = await u.runDismissingPrompts('corenet.compressFile', [model]);
    assert.strictEqual(r.value, undefined);
    assert.ok(r.prompts > 0, 'compressFile did not ask for calibration data');
    await vscode.commands.executeCommand('corenet.inspectFile', model);
    await u.waitFor(() => u.customTabs('corenet.modelInspector', model.fsPath).length > 0, 15000, 'the inspector tab');
    await vscode.commands.executeCommand('corenet.revealLayer', model.fsPath, 1);
    await u.closeAll();
  });

  it('a non-ONNX file is refused quietly (information, no throw)', async () => {
    const r = await u.runDismissingPrompts('corenet.compress', [vscode.Uri.file(u.wsPath('data', 'eval-labels-idx1-ubyte.gz'))]);
    assert.strictEqual(r.value, undefined);
    assert.strictEqual(r.prompts, 0);
  });

  it('the extension host is still responsive', async () => {
    const all = await u.within(vscode.commands.getCommands(true), 5000, 'getCommands');
    assert.ok(all.includes('corenet.compress'));
  });
});
