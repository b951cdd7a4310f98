/**
 * "CoreNet Layers" in the Explorer: the layers of the current model with what the latest report
 * says about each. Empty (so viewsWelcome explains what to open) until a model is current.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { LayerReport } from '../core/report';
import type { LayerSummary } from '../core/onnx/layers';
import type { CurrentModel, ModelInfo } from './currentModel';

export class LayerItem extends vscode.TreeItem {
  constructor(
    readonly model: string,
    readonly layer: LayerSummary,
    readonly position: number,
    readonly result: LayerReport | null,
  ) {
    super(layer.name, vscode.TreeItemCollapsibleState.None);
    this.id = `${model}#${position}`;
    const shape = layer.inFeatures !== null && layer.outFeatures !== null ? `${layer.outFeatures}×${layer.inFeatures}` : '';
    // What changes between runs comes first: the sidebar cuts long descriptions at its right edge.
    const parts: string[] = [];
    if (result) parts.push(`kept ${(100 * result.keepRatio).toFixed(1)}%`);
    if (!layer.compressible) parts.push('not compressible');
    parts.push(shape, layer.op, `${layer.params.toLocaleString('en-US')} params`);
    if (!result && layer.sparsity !== null && layer.sparsity > 0) parts.push(`sparsity ${(100 * layer.sparsity).toFixed(1)}%`);
    this.description = parts.filter(Boolean).join(' · ');
    this.tooltip = tooltipFor(layer, result);
    this.iconPath = new vscode.ThemeIcon(layer.compressible ? 'symbol-array' : 'circle-slash');
    this.contextValue = layer.compressible ? 'corenetLayer' : 'corenetLayerFixed';
    if (layer.denseIndex !== null) {
      this.command = { command: 'corenet.revealLayer', title: 'Reveal Layer', arguments: [model, layer.denseIndex] };
    }
    this.accessibilityInformation = { label: `${layer.name}, ${this.description}` };
  }
}

function tooltipFor(layer: LayerSummary, r: LayerReport | null): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**`).appendText(layer.name).appendMarkdown(`** (${layer.op})\n\n`);
  md.appendMarkdown(`- parameters: ${layer.params.toLocaleString('en-US')}\n`);
  if (layer.sparsity !== null) md.appendMarkdown(`- sparsity (exact zeros): ${(100 * layer.sparsity).toFixed(2)}%\n`);
  if (!layer.compressible) md.appendMarkdown(`- not compressible: `).appendText(layer.reason ?? 'unknown reason').appendMarkdown('\n');
  if (r) {
    const s = r.sensitivitySum;
    const meanS = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
    md.appendMarkdown(`- kept: ${r.kept.toLocaleString('en-US')} (${r.keepRatio.toFixed(4)})\n`);
    md.appendMarkdown(`- sensitivity sums S_i: mean ${meanS.toFixed(3)}, max ${Math.max(...s).toFixed(3)}\n`);
    md.appendMarkdown(`- measured relative error: ${r.measuredError.toPrecision(4)}`);
    md.appendMarkdown(r.predictedError === null ? '\n' : `, predicted ${r.predictedError.toPrecision(4)}\n`);
    if (r.droppedNeurons.length) md.appendMarkdown(`- neurons removed: ${r.droppedNeurons.length}\n`);
  }
  return md;
}

export class LayersTreeProvider implements vscode.TreeDataProvider<LayerItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private items: LayerItem[] = [];
  private readonly subscription: vscode.Disposable;
  view: vscode.TreeView<LayerItem> | null = null;

  constructor(private readonly current: CurrentModel) {
    this.subscription = current.onDidChange((info) => this.rebuild(info));
  }

  private rebuild(info: ModelInfo | null): void {
    const layers = info?.summary?.layers ?? [];
    this.items = info ? layers.map((l, i) => new LayerItem(info.model, l, i, l.denseIndex !== null ? info.report?.layers[l.denseIndex] ?? null : null)) : [];
    if (this.view) {
      this.view.description = info ? basename(info.model) : undefined;
      this.view.message = info?.summaryError ? `Cannot read ${basename(info.model)}: ${info.summaryError}` : undefined;
    }
    this.changed.fire();
  }

  getTreeItem(item: LayerItem): vscode.TreeItem {
    return item;
  }

  getChildren(item?: LayerItem): LayerItem[] {
    return item ? [] : this.items;
  }

  getParent(): undefined {
    return undefined;
  }

  /** Selects the item of a compressible layer (when the panel picks one). */
  async select(model: string, denseIndex: number): Promise<void> {
    const item = this.items.find((i) => i.model === model && i.layer.denseIndex === denseIndex);
    if (item && this.view?.visible) await this.view.reveal(item, { select: true, focus: false });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
