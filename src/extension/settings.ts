/** Thin vscode wrapper around settingsModel.ts: reads `corenet.*` and reports bad values once each. */
import * as vscode from 'vscode';
import { readSettings, type CoreNetSettings } from './settingsModel';

const reported = new Set<string>();

export function getSettings(log?: vscode.LogOutputChannel): CoreNetSettings {
  const config = vscode.workspace.getConfiguration('corenet');
  const { settings, problems } = readSettings((key) => config.get(key));
  for (const p of problems) {
    if (reported.has(p)) continue;
    reported.add(p);
    log?.warn(p);
    void vscode.window.showWarningMessage(`CoreNet settings: ${p}`);
  }
  return settings;
}
