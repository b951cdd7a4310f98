/**
 * Entry point: builds the shared services and registers commands, the inspector, the Layers view
 * and the results panel. Nothing here computes; every registration goes to context.subscriptions.
 */
import * as vscode from 'vscode';
import { boundCommand } from './commands/bound';
import { compressCommand } from './commands/compress';
import { inspectCommand, showLastReportCommand } from './commands/reports';
import { sweepCommand } from './commands/sweep';
import { CurrentModel } from './currentModel';
import { InspectService } from './inspectService';
import { JobRunner, createWorkerClient, type JobRunnerContext } from './jobRunner';
import { LayersTreeProvider } from './layersView';
import { createLog } from './log';
import { ModelInspectorProvider } from './modelInspectorProvider';
import { AnswerMemory } from './prompts';
import { ResultsPanel } from './resultsPanel';
import type { Services } from './services';
import { getSettings } from './settings';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const settings = () => getSettings(log);
  const runnerContext: JobRunnerContext = { workerPath: context.asAbsolutePath('dist/worker.js'), log, settings };
  const inspector = new InspectService(() => createWorkerClient(runnerContext), () => settings().maxModelMB * 1024 * 1024);
  const current = new CurrentModel(inspector, settings);
  const layers = new LayersTreeProvider(current);
  const panel = new ResultsPanel(context.extensionUri, {
    log,
    onSelectLayer: (_reportFile, index) => {
      if (current.value) void layers.select(current.value.model, index);
    },
  });
  const inspectorProvider = new ModelInspectorProvider({ extensionUri: context.extensionUri, inspector, current, settings, log });
  const services: Services = { log, settings, runner: new JobRunner(runnerContext), answers: new AnswerMemory(context.workspaceState), current, panel, state: context.workspaceState };

  const layersView = vscode.window.createTreeView('corenet.layers', { treeDataProvider: layers, showCollapseAll: false });
  layers.view = layersView;

  const revealLayer = async (model: unknown, index: unknown) => {
    if (typeof model !== 'string' || typeof index !== 'number') return;
    const info = await current.select(model);
    if (info?.report && info.reportFile) {
      if (panel.shownFile !== info.reportFile) panel.showReport(info.report, info.reportFile);
      panel.revealLayer(index);
    } else if (!inspectorProvider.revealLayer(model, index)) {
      await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(model), ModelInspectorProvider.viewType);
      setTimeout(() => inspectorProvider.revealLayer(model, index), 500);
    }
  };

  context.subscriptions.push(
    log,
    { dispose: () => inspector.dispose() },
    current,
    layers,
    layersView,
    panel,
    vscode.window.registerCustomEditorProvider(ModelInspectorProvider.viewType, inspectorProvider, {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { retainContextWhenHidden: false },
    }),
    vscode.commands.registerCommand('corenet.compress', (uri?: unknown, options?: unknown) => compressCommand(services, uri, options)),
    // Explorer entries: the same commands under the titles the context menu needs.
    vscode.commands.registerCommand('corenet.compressFile', (uri?: unknown) => compressCommand(services, uri)),
    vscode.commands.registerCommand('corenet.inspectFile', (uri?: unknown) => inspectCommand(services, uri)),
    vscode.commands.registerCommand('corenet.sweep', (uri?: unknown, options?: unknown) => sweepCommand(services, uri, options)),
    vscode.commands.registerCommand('corenet.boundReport', (uri?: unknown, options?: unknown) => boundCommand(services, uri, options)),
    vscode.commands.registerCommand('corenet.showLastReport', (uri?: unknown) => showLastReportCommand(services, uri)),
    vscode.commands.registerCommand('corenet.inspect', (uri?: unknown) => inspectCommand(services, uri)),
    vscode.commands.registerCommand('corenet.revealLayer', revealLayer),
  );
  log.info(`CoreNet activated (worker ${runnerContext.workerPath})`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the inspect worker is killed there).
}
