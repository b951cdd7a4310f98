/**
 * corenet.modelInspector: a read-only custom editor for .onnx files (priority "option", so the
 * default editor stays). It shows the model summary from the worker and the latest results, with
 * buttons to open the results panel and to compress.
 */
import * as vscode from 'vscode';
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from '../protocol/webview';
import type { CurrentModel } from './currentModel';
import type { InspectService } from './inspectService';
import { ModelDocument } from './modelDocument';
import type { CoreNetSettings } from './settingsModel';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface InspectorDeps {
  extensionUri: vscode.Uri;
  inspector: InspectService;
  current: CurrentModel;
  settings: () => CoreNetSettings;
  log: vscode.LogOutputChannel;
}

export class ModelInspectorProvider implements vscode.CustomReadonlyEditorProvider<ModelDocument> {
  static readonly viewType = 'corenet.modelInspector';
  private readonly panels = new Map<ModelDocument, Set<vscode.WebviewPanel>>();

  constructor(private readonly deps: InspectorDeps) {}

  async openCustomDocument(uri: vscode.Uri): Promise<ModelDocument> {
    const doc = new ModelDocument(uri, this.deps.inspector, this.deps.settings().outputSuffix);
    await doc.load();
    return doc;
  }

  resolveCustomEditor(doc: ModelDocument, panel: vscode.WebviewPanel): void {
    const { extensionUri, log } = this.deps;
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'inspector', 'CoreNet Model Inspector');
    const set = this.panels.get(doc) ?? new Set();
    set.add(panel);
    this.panels.set(doc, set);
    const post = () => void panel.webview.postMessage(this.contentFor(doc));
    const subscriptions = [
      doc.onDidChange(post),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        if (!isWebviewToHost(raw)) {
          log.warn(`inspector: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        this.onMessage(raw, doc, post);
      }),
      panel.onDidChangeViewState(() => {
        if (panel.active) void this.deps.current.select(doc.model);
      }),
    ];
    panel.onDidDispose(() => {
      subscriptions.forEach((d) => d.dispose());
      set.delete(panel);
    });
    if (panel.active) void this.deps.current.select(doc.model);
  }

  /** Scrolls open inspectors of `model` to a layer; false when none is open. */
  revealLayer(model: string, layerIndex: number): boolean {
    let shown = false;
    for (const [doc, panels] of this.panels) {
      if (doc.model !== model) continue;
      for (const p of panels) {
        void p.webview.postMessage({ type: 'revealLayer', index: layerIndex } satisfies HostToWebview);
        shown = true;
      }
    }
    return shown;
  }

  private contentFor(doc: ModelDocument): HostToWebview {
    if (!doc.summary) return { type: 'showError', message: `Cannot inspect ${doc.model}: ${doc.summaryError ?? 'unknown error'}` };
    return { type: 'showModel', summary: doc.summary, latest: doc.latest, canCompress: vscode.workspace.isTrusted };
  }

  private onMessage(m: WebviewToHost, doc: ModelDocument, post: () => void): void {
    switch (m.type) {
      case 'ready':
        post();
        return;
      case 'openResults':
        void vscode.commands.executeCommand('corenet.showLastReport', vscode.Uri.file(doc.reportFile));
        return;
      case 'compress':
        void vscode.commands.executeCommand('corenet.compress', doc.uri);
        return;
      case 'selectLayer':
      case 'openReportFile':
        return; // results-panel messages
      default: {
        const never: never = m;
        this.deps.log.warn(`inspector: unhandled message ${JSON.stringify(never)}`);
      }
    }
  }
}
