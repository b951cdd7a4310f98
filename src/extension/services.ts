/** What the command handlers share; built once in extension.ts. */
import type * as vscode from 'vscode';
import type { CurrentModel } from './currentModel';
import type { JobRunner } from './jobRunner';
import type { AnswerMemory } from './prompts';
import type { ResultsPanel } from './resultsPanel';
import type { CoreNetSettings } from './settingsModel';

export interface Services {
  log: vscode.LogOutputChannel;
  settings: () => CoreNetSettings;
  runner: JobRunner;
  answers: AnswerMemory;
  current: CurrentModel;
  panel: ResultsPanel;
  /** Remembers the newest report file across sessions (Show Last Report). */
  state: vscode.Memento;
}

export const LAST_REPORT_KEY = 'corenet.lastReportFile';

/** Extra arguments from tests or other extensions: a plain object (the Explorer passes a Uri[] instead). */
export function optionsArg<T extends object>(v: unknown): Partial<T> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  if ('scheme' in v && 'fsPath' in v) return undefined; // a Uri
  return v as Partial<T>;
}

/**
 * A caller (an extension-host test, another extension) may pass `{ token }` in a command's options to
 * cancel the job the way the notification's Cancel button does.
 */
export function cancellationArg(v: unknown): vscode.CancellationToken | undefined {
  const t = (optionsArg<{ token: unknown }>(v) ?? {}).token as Partial<vscode.CancellationToken> | undefined;
  return t && typeof t.onCancellationRequested === 'function' ? (t as vscode.CancellationToken) : undefined;
}
