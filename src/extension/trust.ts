/** Compress, sweep and bound write files beside the model: only in trusted workspaces. */
import * as vscode from 'vscode';

export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const choice = await vscode.window.showInformationMessage(
    `CoreNet: ${action} runs the model and writes files beside it, so it is disabled in Restricted Mode. Trust this workspace to use it (inspecting models still works).`,
    manage,
  );
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
