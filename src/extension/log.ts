import * as vscode from 'vscode';

/** The "CoreNet" output channel: one line per job stage, plus worker stderr and failures. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('CoreNet', { log: true });
}
