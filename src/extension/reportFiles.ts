/**
 * Reading the JSON the worker (or the CLI) wrote. Files on disk can be stale, hand-edited or from
 * another version, so each reader checks the shape it relies on and returns null otherwise.
 * No `vscode` import: unit-tested directly.
 */
import { readFileSync } from 'node:fs';
import type { CompressionReport } from '../core/report';
import type { SweepResult } from '../core/sweep';
import type { LatestResults } from '../protocol/webview';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function isCompressionReport(v: unknown): v is CompressionReport {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<CompressionReport>;
  return r.tool === 'corenet' && Array.isArray(r.layers) && typeof r.total === 'object' && r.total !== null && typeof r.total.keepRatio === 'number' &&
    r.layers.every((l) => typeof l?.name === 'string' && typeof l.heatmap === 'object' && l.heatmap !== null && Array.isArray(l.sensitivitySum));
}

export function isSweepResult(v: unknown): v is SweepResult {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<SweepResult>;
  return Array.isArray(s.summary) && Array.isArray(s.cells) && typeof s.model === 'string';
}

export function readReportFile(file: string): CompressionReport | null {
  const v = readJson(file);
  return isCompressionReport(v) ? v : null;
}

export function readSweepFile(file: string): SweepResult | null {
  const v = readJson(file);
  return isSweepResult(v) ? v : null;
}

/** The inspector's short summary of a report. */
export function latestResultsOf(report: CompressionReport, reportFile: string): LatestResults {
  return {
    reportFile,
    method: report.method,
    keepRatio: report.total.keepRatio,
    measuredErrorMean: report.total.measuredError.mean,
    accuracy: report.total.accuracy ?? null,
    createdAt: report.createdAt,
  };
}
