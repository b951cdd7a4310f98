/**
 * Which model a command acts on: the Explorer's URI, else the active editor tab showing an .onnx
 * (our inspector or any other), else the current model, else a pick among the workspace's models.
 * Every palette command must be safe with nothing open, hence the clear message at the end.
 */
import * as vscode from 'vscode';
import type { CurrentModel } from './currentModel';

export function isOnnxUri(u: vscode.Uri): boolean {
  return u.scheme === 'file' && u.path.toLowerCase().endsWith('.onnx');
}

function activeTabModel(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return isOnnxUri(input.uri) ? input.uri : undefined;
  return undefined;
}

export async function resolveModel(arg: unknown, current: CurrentModel, action: string, interactive = true): Promise<string | undefined> {
  if (arg instanceof vscode.Uri) {
    if (isOnnxUri(arg)) return arg.fsPath;
    void vscode.window.showInformationMessage(`CoreNet works on ONNX models (.onnx files on disk); ${arg.fsPath || arg.toString()} is not one.`);
    return undefined;
  }
  const fromTab = activeTabModel();
  if (fromTab) return fromTab.fsPath;
  if (current.value) return current.value.model;
  if (interactive) {
    const found = await vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**', 200);
    if (found.length > 0) {
      const pick = await vscode.window.showQuickPick(
        found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u })),
        { title: 'CoreNet', placeHolder: `Choose the ONNX model to ${action}` },
      );
      return pick?.uri.fsPath;
    }
  }
  void vscode.window.showInformationMessage(
    `CoreNet: no model to ${action}. Open an .onnx file (or right-click one in the Explorer and choose "Compress with CoreNet"), then run this again.`,
  );
  return undefined;
}
