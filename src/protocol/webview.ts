/**
 * Extension host ↔ webview messages (postMessage). The same bundle (dist/webview.js) serves two
 * views: the results panel (`corenet.results`) and the model inspector custom editor. Messages
 * from the webview are untrusted input: the host checks each one with `isWebviewToHost`.
 */
import type { ModelSummary } from './worker';
import type { CompressionReport } from '../core/report';
import type { SweepResult } from '../core/sweep';

export type WebviewKind = 'results' | 'inspector';

/** What the inspector shows about the latest compression of the model, when a report exists. */
export interface LatestResults {
  reportFile: string;
  method: string;
  keepRatio: number;
  measuredErrorMean: number;
  accuracy: { original: number; compressed: number } | null;
  createdAt: string;
}

export type HostToWebview =
  | { type: 'showReport'; report: CompressionReport; reportFile: string }
  | { type: 'showSweep'; sweep: SweepResult; file: string }
  | { type: 'revealLayer'; index: number }
  | { type: 'showModel'; summary: ModelSummary; latest: LatestResults | null; canCompress: boolean }
  | { type: 'showError'; message: string };

export type WebviewToHost =
  | { type: 'ready' }
  /** Inspector: open the full results panel for this model's latest report. */
  | { type: 'openResults' }
  /** Inspector: start the interactive compression of this model. */
  | { type: 'compress' }
  /** Results panel: the user picked a layer (the Layers view follows). */
  | { type: 'selectLayer'; index: number }
  /** Results panel: open the JSON report the panel shows, in a text editor. */
  | { type: 'openReportFile' };

const NO_PAYLOAD = new Set(['ready', 'openResults', 'compress', 'openReportFile']);

/** Structural check: a compromised or buggy webview must not make the host act on garbage. */
export function isWebviewToHost(m: unknown): m is WebviewToHost {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  if (typeof o.type !== 'string') return false;
  if (NO_PAYLOAD.has(o.type)) return true;
  if (o.type === 'selectLayer') return typeof o.index === 'number' && Number.isInteger(o.index) && o.index >= 0;
  return false;
}

/** Lighter check on the webview side (the host is trusted, but a wrong build should fail loudly). */
export function isHostToWebview(m: unknown): m is HostToWebview {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'showReport':
      return typeof o.report === 'object' && o.report !== null && typeof o.reportFile === 'string';
    case 'showSweep':
      return typeof o.sweep === 'object' && o.sweep !== null && typeof o.file === 'string';
    case 'revealLayer':
      return typeof o.index === 'number';
    case 'showModel':
      return typeof o.summary === 'object' && o.summary !== null && typeof o.canCompress === 'boolean';
    case 'showError':
      return typeof o.message === 'string';
    default:
      return false;
  }
}
