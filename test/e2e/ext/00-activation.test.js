'use strict';
// The installed VSIX: its files, activation, and every contributed command registered.
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const u = require('./_util');

describe('activation and contributions', () => {
  let ext;

  it('is installed from the VSIX with its bundles and the native onnxruntime binary', () => {
    ext = vscode.extensions.getExtension(u.EXT_ID);
    assert.ok(ext, `${u.EXT_ID} not found among ${vscode.extensions.all.map((e) => e.id).filter((id) => !id.startsWith('vscode.')).join(', ')}`);
    for (const f of ['package.json', 'dist/extension.js', 'dist/worker.js', 'dist/webview.js', 'media/webview.css',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node']) {
      assert.ok(fs.existsSync(path.join(ext.extensionPath, f)), `the VSIX lacks ${f}`);
    }
    assert.ok(fs.readdirSync(path.join(ext.extensionPath, 'dist')).some((f) => f.endsWith('.wasm')), 'the VSIX lacks the tfjs .wasm files');
  });

  it('activates without error', async () => {
    // Recorded for the README (a measurement, not an assertion: speed belongs in benchmarks).
    const wasActive = ext.isActive;
    const t0 = performance.now();
    await u.activate();
    const ms = performance.now() - t0;
    assert.strictEqual(ext.isActive, true);
    console.log(`[e2e-mocha] activation time: ${wasActive ? 'already active' : `${ms.toFixed(1)} ms`}`);
  });

  it('registers every contributed command', async () => {
    const contributed = ext.packageJSON.contributes.commands.map((c) => c.command);
    for (const c of ['corenet.compress', 'corenet.inspect', 'corenet.boundReport', 'corenet.sweep', 'corenet.showLastReport']) {
      assert.ok(contributed.includes(c), `package.json does not contribute ${c}`);
    }
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !all.has(c));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes the inspector, the Layers view and the Explorer menu entry', () => {
    const c = ext.packageJSON.contributes;
    assert.ok(c.customEditors.some((e) => e.viewType === 'corenet.modelInspector' && e.priority === 'option'), 'custom editor corenet.modelInspector (priority option)');
    assert.ok(c.views.explorer.some((v) => v.id === 'corenet.layers' && v.name === 'CoreNet Layers'), 'view corenet.layers');
    const menu = c.menus['explorer/context'].find((m) => /\.onnx/.test(m.when || ''));
    assert.ok(menu, 'an explorer/context entry for .onnx files');
    const title = c.commands.find((x) => x.command === menu.command).title;
    assert.strictEqual(title, 'Compress with CoreNet');
  });
});
