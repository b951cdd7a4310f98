/** The webview side of the VS Code API (acquireVsCodeApi may be called only once per page). */
import type { HostToWebview, WebviewToHost } from '../src/protocol/webview';
import type { HeatmapMode } from './viewModel';

export interface UiState {
  heatmapMode: HeatmapMode;
  sampleLayer: number;
  scrollY: number;
}

export interface SavedState {
  content: HostToWebview | null;
  ui: UiState;
}

interface VsCodeApi {
  postMessage(m: WebviewToHost): void;
  getState(): SavedState | undefined;
  setState(s: SavedState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export const vscode: VsCodeApi = acquireVsCodeApi();

export const DEFAULT_UI: UiState = { heatmapMode: 'sensitivity', sampleLayer: 0, scrollY: 0 };

let saved: SavedState = vscode.getState() ?? { content: null, ui: { ...DEFAULT_UI } };

export function savedState(): SavedState {
  return saved;
}

/** Persists content and UI choices so a panel hidden and shown again comes back as it was. */
export function saveState(patch: { content?: HostToWebview | null; ui?: Partial<UiState> }): void {
  saved = { content: patch.content !== undefined ? patch.content : saved.content, ui: { ...saved.ui, ...patch.ui } };
  vscode.setState(saved);
}
