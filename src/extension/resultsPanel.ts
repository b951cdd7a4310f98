/**
 * The results panel (viewType corenet.results): one panel, reused, showing a compression report
 * or a sweep. The webview asks for its content with 'ready' every time it (re)loads, e.g. after
 * being hidden, so the host keeps the last message and answers with it.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { CompressionReport } from '../core/report';
import type { SweepResult } from '../core/sweep';
import { isWebviewToHost, type HostToWebview, type WebviewToHost } from '../protocol/webview';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface ResultsPanelHandlers {
  onSelectLayer(report: string, index: number): void;
  log: vscode.LogOutputChannel;
}

export class ResultsPanel implements vscode.Disposable {
  static readonly viewType = 'corenet.results';
  private panel: vscode.WebviewPanel | null = null;
  private content: Extract<HostToWebview, { type: 'showReport' | 'showSweep' }> | null = null;
  private pendingReveal: number | null = null;
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly handlers: ResultsPanelHandlers,
  ) {}

  /** The report file (or sweep file) the panel shows, if any. */
  get shownFile(): string | null {
    if (!this.content) return null;
    return this.content.type === 'showReport' ? this.content.reportFile : this.content.file;
  }

  showReport(report: CompressionReport, reportFile: string): void {
    this.show({ type: 'showReport', report, reportFile }, `CoreNet: ${basename(report.model)} (${report.method})`);
  }

  showSweep(sweep: SweepResult, file: string): void {
    this.show({ type: 'showSweep', sweep, file }, `CoreNet sweep: ${basename(sweep.model)}`);
  }

  revealLayer(index: number): void {
    this.panel?.reveal(undefined, true);
    if (this.ready) void this.panel?.webview.postMessage({ type: 'revealLayer', index } satisfies HostToWebview);
    else this.pendingReveal = index;
  }

  private show(message: Extract<HostToWebview, { type: 'showReport' | 'showSweep' }>, title: string): void {
    this.content = message;
    this.pendingReveal = null;
    const panel = this.ensurePanel();
    panel.title = title;
    panel.reveal(undefined, false);
    if (this.ready) void panel.webview.postMessage(message);
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const panel = vscode.window.createWebviewPanel(ResultsPanel.viewType, 'CoreNet Results', vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'corenet.svg');
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'results', 'CoreNet Results');
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    panel.onDidChangeViewState(() => {
      // A hidden webview is torn down and sends 'ready' again when shown.
      if (!panel.visible) this.ready = false;
    });
    panel.onDidDispose(() => {
      this.panel = null;
      this.ready = false;
    });
    this.panel = panel;
    return panel;
  }

  private onMessage(raw: unknown): void {
    if (!isWebviewToHost(raw)) {
      this.handlers.log.warn(`results panel: ignored a malformed message ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    const m: WebviewToHost = raw;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.content) void this.panel?.webview.postMessage(this.content);
        if (this.pendingReveal !== null) void this.panel?.webview.postMessage({ type: 'revealLayer', index: this.pendingReveal } satisfies HostToWebview);
        this.pendingReveal = null;
        return;
      case 'selectLayer':
        if (this.content?.type === 'showReport') this.handlers.onSelectLayer(this.content.reportFile, m.index);
        return;
      case 'openReportFile': {
        const file = this.shownFile;
        if (file) void vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside });
        return;
      }
      case 'openResults':
      case 'compress':
        return; // inspector-only messages
      default: {
        const never: never = m;
        this.handlers.log.warn(`results panel: unhandled message ${JSON.stringify(never)}`);
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
