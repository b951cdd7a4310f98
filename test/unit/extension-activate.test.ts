/**
 * Activates the extension against a small fake `vscode` module (no VS Code here) and runs the
 * non-interactive compress command end to end: real worker, real files, results panel fed.
 * It checks the wiring (registrations, messages, paths); the UI itself is covered by test/e2e.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, test } from 'node:test';

const root = resolve(__dirname, '../..');

class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T) {
    this.listeners.forEach((l) => l(e));
  }
  dispose() {}
}

class Uri {
  constructor(readonly scheme: string, readonly path: string) {}
  get fsPath() {
    return this.path;
  }
  static file(p: string) {
    return new Uri('file', p);
  }
  static joinPath(u: Uri, ...parts: string[]) {
    return new Uri(u.scheme, join(u.path, ...parts));
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
}

const commands = new Map<string, (...args: unknown[]) => unknown>();
const messages: Array<{ level: string; text: string }> = [];
const posted: unknown[] = [];
const progressReports: Array<{ increment?: number; message?: string }> = [];
let webviewHtml = '';
let onWebviewMessage: ((m: unknown) => void) | null = null;
const noop = { dispose() {} };

const fakeVscode = {
  EventEmitter, Uri,
  ProgressLocation: { Notification: 15 },
  ViewColumn: { Active: -1, Beside: -2 },
  TreeItemCollapsibleState: { None: 0 },
  TreeItem: class { constructor(readonly label: string) {} },
  ThemeIcon: class { constructor(readonly id: string) {} },
  MarkdownString: class { value = ''; appendMarkdown(s: string) { this.value += s; return this; } appendText(s: string) { this.value += s; return this; } },
  TabInputText: class {}, TabInputCustom: class {},
  RelativePattern: class { constructor(readonly base: unknown, readonly pattern: string) {} },
  workspace: {
    isTrusted: true,
    getConfiguration: () => ({ get: () => undefined }),
    findFiles: async () => [],
    asRelativePath: (p: string | Uri) => String(typeof p === 'string' ? p : p.fsPath),
    createFileSystemWatcher: () => ({ ...noop, onDidCreate: () => noop, onDidChange: () => noop, onDidDelete: () => noop }),
  },
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, debug() {}, show() {}, dispose() {} }),
    createTreeView: () => ({ ...noop, visible: false }),
    registerCustomEditorProvider: () => noop,
    tabGroups: { activeTabGroup: { activeTab: undefined } },
    showInformationMessage: async (text: string) => void messages.push({ level: 'info', text }),
    showWarningMessage: async (text: string) => void messages.push({ level: 'warn', text }),
    showErrorMessage: async (text: string) => void messages.push({ level: 'error', text }),
    withProgress: async (_o: unknown, task: (p: unknown, t: unknown) => Promise<unknown>) =>
      task({ report: (r: { increment?: number; message?: string }) => progressReports.push(r) }, { onCancellationRequested: () => noop }),
    createWebviewPanel: () => {
      const panel = {
        title: '', visible: true, iconPath: undefined,
        webview: {
          cspSource: 'vscode-resource:', asWebviewUri: (u: Uri) => u,
          set html(h: string) { webviewHtml = h; }, get html() { return webviewHtml; },
          postMessage: async (m: unknown) => { posted.push(m); return true; },
          onDidReceiveMessage: (l: (m: unknown) => void) => { onWebviewMessage = l; return noop; },
        },
        reveal() {}, onDidChangeViewState: () => noop, onDidDispose: () => noop, dispose() {},
      };
      return panel;
    },
  },
  commands: {
    registerCommand: (id: string, fn: (...a: unknown[]) => unknown) => { commands.set(id, fn); return noop; },
    executeCommand: async () => undefined,
  },
};

before(() => {
  if (!existsSync(join(root, 'dist/worker.js'))) assert.equal(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' }).status, 0);
  const M = Module as unknown as { _resolveFilename: (r: string, ...rest: unknown[]) => string };
  const original = M._resolveFilename;
  M._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fakeVscode } as unknown as NodeModule;
});

test('activate registers every contributed command and compress runs non-interactively', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require('../../src/extension/extension') as typeof import('../../src/extension/extension');
  const subscriptions: Array<{ dispose(): void }> = [];
  const state = new Map<string, unknown>();
  ext.activate({
    subscriptions, extensionUri: Uri.file(root), asAbsolutePath: (p: string) => join(root, p),
    workspaceState: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v), keys: () => [...state.keys()] },
  } as never);
  try {
    await exerciseCommands(state);
  } finally {
    subscriptions.forEach((s) => s.dispose()); // kills the inspect worker, or the test process never exits
  }
});

async function exerciseCommands(state: Map<string, unknown>): Promise<void> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
  for (const c of pkg.contributes.commands) assert.ok(commands.has(c.command), `${c.command} is contributed but not registered`);
  // Nothing open, nothing in the workspace: a clear message, no exception.
  for (const id of ['corenet.sweep', 'corenet.boundReport', 'corenet.inspect', 'corenet.showLastReport']) assert.equal(await commands.get(id)!(), undefined);
  assert.ok(messages.some((m) => m.level === 'info' && /no model to sweep/.test(m.text)));
  assert.ok(messages.some((m) => m.level === 'info' && /no report yet/.test(m.text)));

  const dir = mkdtempSync(join(tmpdir(), 'corenet-activate-'));
  const model = join(dir, 'lenet300.onnx');
  copyFileSync(join(root, 'test/fixtures/lenet300.onnx'), model);
  const outcome = (await commands.get('corenet.compress')!(Uri.file(model), { calib: join(root, 'test/fixtures/lenet300-ref-input.npy'), method: 'magnitude', keep: 0.3, seed: 1 })) as { output: string; reportFile: string; report: { total: { keepRatio: number }; seed: number } };
  assert.equal(outcome.output, join(dir, 'lenet300.corenet.onnx'));
  assert.equal(outcome.reportFile, join(dir, 'lenet300.corenet.json'));
  assert.ok(Math.abs(outcome.report.total.keepRatio - 0.3) < 0.01);
  assert.equal(outcome.report.seed, 1);
  assert.deepEqual(readdirSync(dir).sort(), ['lenet300.corenet.json', 'lenet300.corenet.onnx', 'lenet300.onnx']);
  assert.ok(progressReports.length > 0 && progressReports.every((r) => (r.increment ?? 0) >= 0));
  assert.equal(state.get('corenet.lastReportFile'), outcome.reportFile);

  // The panel was created with a strict CSP and gets the report once its webview says 'ready'.
  assert.match(webviewHtml, /default-src 'none'; img-src vscode-resource: data:; style-src vscode-resource: 'nonce-[^']+'; script-src 'nonce-[^']+'; font-src vscode-resource:/);
  assert.match(webviewHtml, /<body data-view="results">/);
  onWebviewMessage!({ type: 'ready' });
  assert.deepEqual((posted.at(-1) as { type: string; reportFile: string }).reportFile, outcome.reportFile);
  onWebviewMessage!({ type: 'selectLayer', index: 'x' }); // malformed: ignored, no throw

  // Bad options are refused with a message (and a rejection, for programmatic callers).
  await assert.rejects(Promise.resolve(commands.get('corenet.compress')!(Uri.file(model), { calib: 'x.npy', keep: 3 })), /keep ratio/);
  assert.ok(messages.some((m) => m.level === 'error' && m.text.includes(model)));
  // A missing data file: the worker's input error names it.
  await assert.rejects(Promise.resolve(commands.get('corenet.compress')!(Uri.file(model), { calib: join(dir, 'missing.npy') })), /missing\.npy/);
}
