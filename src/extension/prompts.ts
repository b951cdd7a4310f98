/**
 * The questions the commands ask, each remembering the last answer per model (workspaceState),
 * so compressing the same model again is mostly pressing Enter. `undefined` always means the
 * user pressed Escape: the command stops quietly.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { MethodName } from '../core/compress/types';
import { DATA_FILE_GLOB } from './paths';

export interface RememberedAnswers {
  calib?: string;
  eval?: string | null;
  labels?: string | null;
  method?: MethodName;
  /** "0.1" or "eps=0.5", as typed. */
  target?: string;
  delta?: number;
  seed?: number;
  trainSize?: number;
  margin?: number;
  sweepKeeps?: string;
  sweepMethods?: MethodName[];
  sweepSeeds?: number;
}

export class AnswerMemory {
  constructor(private readonly state: vscode.Memento) {}

  private key(model: string): string {
    return `corenet.answers:${model}`;
  }

  get(model: string): RememberedAnswers {
    return this.state.get<RememberedAnswers>(this.key(model)) ?? {};
  }

  async update(model: string, answers: RememberedAnswers): Promise<void> {
    await this.state.update(this.key(model), { ...this.get(model), ...answers });
  }
}

export interface Step {
  title: string;
  step: number;
  totalSteps: number;
}

interface FileItem extends vscode.QuickPickItem {
  file?: string;
  action?: 'browse' | 'none';
}

let workspaceDataFiles: Thenable<vscode.Uri[]> | null = null;

function findDataFiles(): Thenable<vscode.Uri[]> {
  // One search per session is enough for a picker; new files are still reachable through Browse….
  workspaceDataFiles ??= vscode.workspace.findFiles(DATA_FILE_GLOB, '**/node_modules/**', 500);
  return workspaceDataFiles;
}

/**
 * A data file: workspace files matching the data extensions, the last answer, "Browse…", and,
 * when `noneLabel` is given, a "none" entry. Resolves to a path, null for "none", undefined on Escape.
 */
export async function pickDataFile(step: Step, placeholder: string, last: string | null | undefined, noneLabel?: string): Promise<string | null | undefined> {
  const files = await findDataFiles();
  const items: FileItem[] = [];
  if (noneLabel) items.push({ label: noneLabel, action: 'none', description: last === null ? 'last used' : undefined });
  if (last) items.push({ label: basename(last), description: 'last used', detail: last, file: last });
  for (const u of files) {
    if (u.fsPath === last) continue;
    items.push({ label: basename(u.fsPath), description: vscode.workspace.asRelativePath(dirname(u.fsPath)), file: u.fsPath });
  }
  items.push({ label: 'Browse…', description: 'choose a file anywhere', action: 'browse' });
  const picked = await vscode.window.showQuickPick(items, { ...quickPickTitle(step), placeHolder: placeholder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  if (!picked) return undefined;
  if (picked.action === 'none') return null;
  if (picked.file) return picked.file;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Use this file',
    title: placeholder,
    filters: { 'Data (.npy, IDX, gzipped)': ['npy', 'gz', 'idx', 'ubyte', 'idx1-ubyte', 'idx3-ubyte'], 'All files': ['*'] },
  });
  return chosen?.[0]?.fsPath;
}

function quickPickTitle(step: Step): { title: string } {
  return { title: `${step.title} (${step.step}/${step.totalSteps})` };
}

/** An input box for a number, validated as the user types. */
export async function askNumber(step: Step, prompt: string, value: number, problem: (v: number) => string | null): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    ...quickPickTitle(step),
    prompt,
    value: String(value),
    ignoreFocusOut: true,
    validateInput: (t) => (t.trim() === '' ? 'a value is needed' : problem(Number(t.trim()))),
  });
  return text === undefined ? undefined : Number(text.trim());
}

/** Free text validated by `problem` (e.g. a list of keep ratios). */
export async function askText(step: Step, prompt: string, value: string, problem: (t: string) => string | null): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({ ...quickPickTitle(step), prompt, value, ignoreFocusOut: true, validateInput: (t) => problem(t.trim()) });
  return text?.trim();
}
