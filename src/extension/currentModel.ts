/**
 * "The model CoreNet is looking at": the active inspector, else the last model compressed or
 * picked. The Layers view and the palette commands read it; it loads the worker's summary and
 * the report beside the model (if any) and tells listeners when either changes.
 */
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { CompressionReport } from '../core/report';
import type { ModelSummary } from '../protocol/worker';
import type { InspectService } from './inspectService';
import { outputPaths } from './paths';
import { readReportFile } from './reportFiles';
import type { CoreNetSettings } from './settingsModel';

export interface ModelInfo {
  model: string;
  summary: ModelSummary | null;
  /** Why there is no summary (the worker's message), when there is none. */
  summaryError: string | null;
  report: CompressionReport | null;
  reportFile: string | null;
}

export class CurrentModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelInfo | null>();
  readonly onDidChange = this.changed.event;
  private info: ModelInfo | null = null;
  /** Guards against an older, slower load overwriting a newer selection. */
  private generation = 0;

  constructor(
    private readonly inspector: InspectService,
    private readonly settings: () => CoreNetSettings,
  ) {}

  get value(): ModelInfo | null {
    return this.info;
  }

  /** Makes `model` current (no-op if it already is, unless `force`). */
  async select(model: string, force = false): Promise<ModelInfo | null> {
    if (!force && this.info?.model === model) return this.info;
    const generation = ++this.generation;
    const reportFile = outputPaths(model, this.settings().outputSuffix).report;
    const report = existsSync(reportFile) ? readReportFile(reportFile) : null;
    let summary: ModelSummary | null = null;
    let summaryError: string | null = null;
    try {
      summary = await this.inspector.inspect(model);
    } catch (e) {
      summaryError = e instanceof Error ? e.message : String(e);
    }
    if (generation !== this.generation) return this.info;
    this.info = { model, summary, summaryError, report, reportFile: report ? reportFile : null };
    this.changed.fire(this.info);
    return this.info;
  }

  /** A new report was written for `model` (e.g. a compression just finished). */
  async reportChanged(model: string): Promise<void> {
    await this.select(model, true);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
