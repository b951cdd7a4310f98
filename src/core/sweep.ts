import type { AllocationName, MethodName } from './compress/types';
import { mean, stdev } from './metrics';
import { runMethod, type CancelToken, type Prepared, type Progress } from './pipeline';

export interface SweepCell {
  method: MethodName;
  keep: number;
  seed: number;
  keptRatio: number;
  accuracy: number | null;
  measuredError: number;
  errorQuantile: number;
  predictedError: number | null;
  coverage: number | null;
}

export interface SweepSummary {
  method: MethodName;
  keep: number;
  seeds: number;
  accuracyMean: number | null;
  accuracyStd: number | null;
  errorMean: number;
  errorStd: number;
  keptRatioMean: number;
  predictedErrorMean: number | null;
}

export interface SweepResult {
  model: string;
  calibrationSize: number;
  heldOutSize: number;
  evaluation: { source: string; rows: number };
  originalAccuracy: number | null;
  allocation: AllocationName;
  delta: number;
  cells: SweepCell[];
  summary: SweepSummary[];
  seconds: number;
}

export async function sweep(
  prep: Prepared,
  opts: { methods: MethodName[]; keeps: number[]; seeds: number[]; allocation?: AllocationName; candidates?: number },
  progress: Progress = () => {},
  token?: CancelToken,
): Promise<SweepResult> {
  const t0 = performance.now();
  const cells: SweepCell[] = [];
  const total = opts.methods.length * opts.keeps.length * opts.seeds.length;
  let originalAccuracy: number | null = null;
  for (const method of opts.methods)
    for (const keep of opts.keeps)
      for (const seed of opts.seeds) {
        progress('sampling', cells.length / total, `${method} keep ${keep} seed ${seed}`);
        const { report } = await runMethod(prep, { method, target: { kind: 'keep', keep }, seed, allocation: opts.allocation, candidates: opts.candidates }, () => {}, token);
        originalAccuracy = report.total.accuracy?.original ?? null;
        cells.push({
          method, keep, seed, keptRatio: report.total.keepRatio, accuracy: report.total.accuracy?.compressed ?? null,
          measuredError: report.total.measuredError.mean, errorQuantile: report.total.measuredError.quantile,
          predictedError: report.total.predictedError, coverage: report.total.measuredError.coverage,
        });
      }
  progress('sampling', 1, 'done');
  const summary: SweepSummary[] = [];
  for (const method of opts.methods)
    for (const keep of opts.keeps) {
      const c = cells.filter((x) => x.method === method && x.keep === keep);
      const acc = c.map((x) => x.accuracy).filter((a): a is number => a !== null);
      const pred = c.map((x) => x.predictedError).filter((a): a is number => a !== null);
      summary.push({
        method, keep, seeds: c.length,
        accuracyMean: acc.length ? mean(acc) : null, accuracyStd: acc.length ? stdev(acc) : null,
        errorMean: mean(c.map((x) => x.measuredError)), errorStd: stdev(c.map((x) => x.measuredError)),
        keptRatioMean: mean(c.map((x) => x.keptRatio)), predictedErrorMean: pred.length ? mean(pred) : null,
      });
    }
  return {
    model: prep.options.model, calibrationSize: prep.nS, heldOutSize: prep.nT, evaluation: { source: prep.evalSource, rows: prep.nE },
    originalAccuracy, allocation: opts.allocation ?? 'tuned', delta: prep.options.delta, cells, summary, seconds: (performance.now() - t0) / 1000,
  };
}

export function sweepCsv(r: SweepResult): string {
  const head = 'method,keep,seed,kept_ratio,accuracy,measured_error,error_quantile,predicted_error,coverage';
  const rows = r.cells.map((c) => [c.method, c.keep, c.seed, c.keptRatio, c.accuracy ?? '', c.measuredError, c.errorQuantile, c.predictedError ?? '', c.coverage ?? ''].join(','));
  return [head, ...rows].join('\n') + '\n';
}

export function sweepTable(r: SweepResult): string {
  const lines = [`accuracy (mean ± std over seeds) and relative output error; original accuracy ${r.originalAccuracy?.toFixed(4) ?? 'n/a'}`];
  lines.push(['method'.padEnd(10), 'keep'.padStart(6), 'kept'.padStart(7), 'accuracy'.padStart(17), 'rel. error'.padStart(19)].join(' '));
  for (const s of r.summary) {
    const acc = s.accuracyMean === null ? 'n/a'.padStart(17) : `${s.accuracyMean.toFixed(4)} ± ${s.accuracyStd!.toFixed(4)}`.padStart(17);
    lines.push([s.method.padEnd(10), String(s.keep).padStart(6), s.keptRatioMean.toFixed(4).padStart(7), acc, `${s.errorMean.toFixed(4)} ± ${s.errorStd.toFixed(4)}`.padStart(19)].join(' '));
  }
  return lines.join('\n') + '\n';
}
