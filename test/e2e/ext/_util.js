'use strict';
// Helpers shared by the extension-host tests (not a test file: no .test.js suffix).
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

const EXT_ID = 'corenet.corenet-vscode';

function ws() {
  const f = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(f, 'no workspace folder open');
  return f.uri.fsPath;
}

/** Absolute path of a file in the workspace (see test/e2e/workspace/make-workspace.js for its layout). */
const wsPath = (...p) => path.join(ws(), ...p);

/** The workspace's data files. */
function data() {
  return {
    calib: wsPath('data', 'calib-images-idx3-ubyte.gz'),
    calibLabels: wsPath('data', 'calib-labels-idx1-ubyte.gz'),
    eval: wsPath('data', 'eval-images-idx3-ubyte.gz'),
    labels: wsPath('data', 'eval-labels-idx1-ubyte.gz'),
  };
}

/** What the extension writes beside MODEL.onnx (default corenet.outputSuffix). */
function outputsOf(model) {
  const stem = model.replace(/\.onnx$/, '.corenet');
  return { compressed: `${stem}.onnx`, report: `${stem}.json`, sweep: `${stem}.sweep.json`, boundMd: `${stem}.bound.md`, boundJson: `${stem}.bound.json` };
}

const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function activate() {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} not installed`);
  if (!ext.isActive) await ext.activate();
  return ext;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves/rejects like `p`, or rejects after `ms` naming `what`. */
function within(p, ms, what) {
  let t;
  return Promise.race([
    Promise.resolve(p).finally(() => clearTimeout(t)),
    new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what}: still pending after ${ms} ms`)), ms); }),
  ]);
}

/**
 * Runs a command that may open quick picks / input boxes, pressing Escape (closeQuickOpen) every
 * `everyMs` until it settles. Returns { value, prompts } where prompts counts the Escapes sent
 * while it was still pending (0 = it finished without waiting for input).
 */
async function runDismissingPrompts(command, args = [], { everyMs = 400, timeoutMs = 20000 } = {}) {
  let settled = false;
  const p = vscode.commands.executeCommand(command, ...args).then(
    (v) => { settled = true; return v; },
    (e) => { settled = true; throw e; },
  );
  let prompts = 0;
  const end = Date.now() + timeoutMs;
  while (!settled && Date.now() < end) {
    await sleep(everyMs);
    if (settled) break;
    prompts++;
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
  const value = await within(p, 5000, `${command} after dismissing its prompts`);
  return { value, prompts };
}

/** Tabs of all groups. */
const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

/** Webview-panel tabs whose viewType contains `viewType` (VS Code prefixes it, e.g. mainThreadWebview-corenet.results). */
const webviewTabs = (viewType) => allTabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewType));

/** Custom-editor tabs of `viewType` (optionally on `file`). */
const customTabs = (viewType, file) => allTabs().filter((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === viewType && (!file || t.input.uri.fsPath === file));

async function waitFor(pred, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await pred();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(200);
  }
}

async function closeAll() {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sleep(200);
}

module.exports = { EXT_ID, ws, wsPath, data, outputsOf, sha256, activate, sleep, within, runDismissingPrompts, allTabs, webviewTabs, customTabs, waitFor, closeAll };
