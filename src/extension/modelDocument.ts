/**
 * The document behind the model inspector: the worker's summary of the .onnx file and the
 * latest report beside it. It watches both files, so a compression from the CLI, the command or
 * another window shows up without reopening.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { LatestResults } from '../protocol/webview';
import type { ModelSummary } from '../protocol/worker';
import type { InspectService } from './inspectService';
import { outputPaths } from './paths';
import { latestResultsOf, readReportFile } from './reportFiles';

export class ModelDocument implements vscode.CustomDocument {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  summary: ModelSummary | null = null;
  summaryError: string | null = null;
  latest: LatestResults | null = null;
  readonly reportFile: string;

  constructor(
    readonly uri: vscode.Uri,
    private readonly inspector: InspectService,
    outputSuffix: string,
  ) {
    this.reportFile = outputPaths(uri.fsPath, outputSuffix).report;
    const watch = (file: string, onChange: () => void) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file)));
      this.disposables.push(w, w.onDidCreate(onChange), w.onDidChange(onChange), w.onDidDelete(onChange));
    };
    watch(this.reportFile, () => {
      this.loadReport();
      this.changed.fire();
    });
    watch(uri.fsPath, () => void this.loadSummary().then(() => this.changed.fire()));
  }

  get model(): string {
    return this.uri.fsPath;
  }

  async load(): Promise<void> {
    this.loadReport();
    await this.loadSummary();
  }

  private async loadSummary(): Promise<void> {
    try {
      this.summary = await this.inspector.inspect(this.model);
      this.summaryError = null;
    } catch (e) {
      this.summary = null;
      this.summaryError = e instanceof Error ? e.message : String(e);
    }
  }

  private loadReport(): void {
    const report = readReportFile(this.reportFile);
    this.latest = report ? latestResultsOf(report, this.reportFile) : null;
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
