/** corenet.showLastReport and corenet.inspect: the read-only commands (allowed in Restricted Mode). */
import { existsSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { isOnnxUri, resolveModel } from '../modelTarget';
import { outputPaths } from '../paths';
import { readReportFile, readSweepFile } from '../reportFiles';
import { LAST_REPORT_KEY, type Services } from '../services';

async function newestWorkspaceReport(suffix: string): Promise<string | undefined> {
  const found = await vscode.workspace.findFiles(`**/*${suffix}.json`, '**/node_modules/**', 500);
  const dated = found.map((u) => ({ file: u.fsPath, mtime: statSync(u.fsPath, { throwIfNoEntry: false })?.mtimeMs ?? 0 }));
  dated.sort((a, b) => b.mtime - a.mtime);
  return dated[0]?.file;
}

/** The report to show: one passed in, the active model's, the last one written, else the newest in the workspace. */
async function findReport(s: Services, arg: unknown): Promise<string | undefined> {
  const suffix = s.settings().outputSuffix;
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    if (arg.path.endsWith('.json')) return arg.fsPath;
    if (isOnnxUri(arg)) return outputPaths(arg.fsPath, suffix).report;
  }
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  // A report or sweep JSON open in the editor (docs/results/*.json, say) is the one meant.
  if (input instanceof vscode.TabInputText && input.uri.scheme === 'file' && input.uri.path.endsWith('.json')) return input.uri.fsPath;
  if ((input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) && isOnnxUri(input.uri)) {
    const beside = outputPaths(input.uri.fsPath, suffix).report;
    if (existsSync(beside)) return beside;
  }
  const last = s.state.get<string>(LAST_REPORT_KEY);
  if (last && existsSync(last)) return last;
  const current = s.current.value?.reportFile;
  if (current && existsSync(current)) return current;
  return newestWorkspaceReport(suffix);
}

export async function showLastReportCommand(s: Services, arg?: unknown): Promise<string | undefined> {
  const file = await findReport(s, arg);
  if (!file) {
    void vscode.window.showInformationMessage('CoreNet: no report yet. Compress a model first (right-click an .onnx file → "Compress with CoreNet").');
    return undefined;
  }
  const sweep = readSweepFile(file);
  if (sweep) {
    s.panel.showSweep(sweep, file);
    return file;
  }
  const report = readReportFile(file);
  if (!report) {
    void vscode.window.showErrorMessage(`CoreNet: ${file} is not a CoreNet report (missing, unreadable, or from another tool).`);
    return undefined;
  }
  s.panel.showReport(report, file);
  // The Layers view follows the report on screen, when its model is still there.
  if (existsSync(report.model)) void s.current.select(report.model, true);
  return file;
}

export async function inspectCommand(s: Services, arg?: unknown): Promise<string | undefined> {
  const model = await resolveModel(arg, s.current, 'inspect');
  if (!model) return undefined;
  await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(model), 'corenet.modelInspector');
  return model;
}
