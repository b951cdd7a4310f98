import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { computeBound, boundMarkdown } from '../core/bound';
import { ALLOCATION_NAMES, METHOD_NAMES, type AllocationName, type MethodName, type Target } from '../core/compress/types';
import { CancelledError, DataFileError, InputError, UsageError, errorMessage } from '../core/errors';
import { writeFileAtomic } from '../core/io/atomicWrite';
import { loadModel, summarizeModel } from '../core/onnx/model';
import { defaultOutputPath, dumpSensitivity, prepare, reportPathFor, runMethod, writeOutputs, type PrepareOptions } from '../core/pipeline';
import type { CompressionReport } from '../core/report';
import { sweepCharts } from '../core/plot';
import { sweep, sweepCsv, sweepTable, type SweepResult } from '../core/sweep';
import { list, num, parseArgs, str, type Parsed } from './args';
import { endProgress, stderrProgress } from './progress';

const USAGE = `corenet — compress neural networks with provable error guarantees (CoreNet, ICLR 2019)

Usage:
  corenet inspect MODEL.onnx [--json]
  corenet compress MODEL.onnx --calib DATA [--eval DATA --labels LABELS] [--method M]
                   [--keep R | --eps E] [--delta D] [--seed N] [--out FILE.onnx] [--report FILE.json]
                   [--dump-sensitivity DIR] [--allocation tuned|theory|uniform-eps]
  corenet sweep MODEL.onnx --calib DATA --eval DATA --labels LABELS [--methods a,b,..]
                   [--keep 0.5,0.2,..] [--seeds N] [--csv FILE] [--json FILE]
  corenet bound MODEL.onnx --calib DATA --train-size N --margin G [--eval DATA --labels LABELS] [--json FILE] [--md FILE]
  corenet plot SWEEP.json [--out DIR] [--name TITLE]   (SVG charts of a sweep, light and dark themes)

Data: .npy (float32/float64/uint8, C order) or IDX (MNIST format), plain or gzipped; any leading batch dim.
Common options: --calib-size N (|S|, default from §4 of the spec), --holdout-size N (|T|, default 500),
  --eval-limit N, --scale auto|none|FACTOR (auto: uint8 -> [0,1]), --K K, --candidates N (corenet++),
  --quiet (no progress on stderr).
Methods: ${METHOD_NAMES.join(', ')}.  Exit codes: 0 ok, 1 internal error, 2 usage error, 3 bad input file.`;

const DATA_FLAGS = ['calib', 'eval', 'labels', 'seed', 'delta', 'calib-size', 'holdout-size', 'eval-limit', 'scale', 'K', 'max-bytes'];

function prepareOptions(p: Parsed): PrepareOptions {
  const model = p.positional[1];
  if (!model) throw new UsageError('missing MODEL.onnx');
  const calib = str(p, 'calib');
  if (!calib) throw new UsageError('--calib DATA is required');
  const scaleArg = str(p, 'scale');
  let scale: PrepareOptions['scale'] = 'auto';
  if (scaleArg === 'none' || scaleArg === 'auto') scale = scaleArg;
  else if (scaleArg !== undefined) scale = num(p, 'scale', (v) => v > 0, 'auto, none or a positive factor');
  return {
    model, calib, eval: str(p, 'eval'), labels: str(p, 'labels'),
    seed: num(p, 'seed', (v) => Number.isInteger(v) && v >= 0, 'a non-negative integer') ?? 0,
    delta: num(p, 'delta', (v) => v > 0 && v < 1, 'in (0, 1)') ?? 0.1,
    calibSize: num(p, 'calib-size', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'),
    holdoutSize: num(p, 'holdout-size', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'),
    evalLimit: num(p, 'eval-limit', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'),
    scale,
    maxBytes: num(p, 'max-bytes', (v) => v > 0, 'a positive number of bytes'),
  };
}

function method(p: Parsed, name = str(p, 'method') ?? 'corenet+'): MethodName {
  if (!(METHOD_NAMES as string[]).includes(name)) throw new UsageError(`unknown method "${name}"; choose one of ${METHOD_NAMES.join(', ')}`);
  return name as MethodName;
}

function allocation(p: Parsed): AllocationName {
  const a = str(p, 'allocation') ?? 'tuned';
  if (!(ALLOCATION_NAMES as string[]).includes(a)) throw new UsageError(`unknown allocation "${a}"; choose one of ${ALLOCATION_NAMES.join(', ')}`);
  return a as AllocationName;
}

function target(p: Parsed): Target {
  const keep = num(p, 'keep', (v) => v > 0 && v <= 1, 'in (0, 1]');
  const eps = num(p, 'eps', (v) => v > 0, 'positive');
  if (keep !== undefined && eps !== undefined) throw new UsageError('give either --keep or --eps, not both');
  if (eps !== undefined) return { kind: 'eps', eps };
  return { kind: 'keep', keep: keep ?? 0.1 };
}

function summarize(r: CompressionReport): string {
  const f = (v: number | null | undefined, d = 4) => (v === null || v === undefined ? 'n/a' : Math.abs(v) >= 1e4 ? v.toExponential(2) : v.toFixed(d));
  const lines = [
    `method ${r.method} (allocation: ${r.allocation ?? 'n/a'}), seed ${r.seed}, delta ${r.delta}, |S| = ${r.calibrationSize}, |T| = ${r.heldOutSize}`,
    `kept ${r.total.kept} of ${r.total.params} parameters (keep ratio ${f(r.total.keepRatio)})`,
    ...r.layers.map((l) => `  ${l.name.padEnd(24)} ${String(l.outFeatures).padStart(5)}x${String(l.inFeatures).padEnd(5)} kept ${String(l.kept).padStart(7)}/${String(l.params).padEnd(7)} (${f(l.keepRatio, 3)})  predicted ${f(l.predictedError, 3)}  measured ${f(l.measuredError)}${l.droppedNeurons.length ? `  dropped ${l.droppedNeurons.length} neurons` : ''}`),
    `relative output error on ${r.evaluation.rows} points: mean ${f(r.total.measuredError.mean)}, ${(1 - r.delta) * 100}% quantile ${f(r.total.measuredError.quantile)}; predicted eps ${f(r.total.predictedError)}; coverage ${f(r.total.measuredError.coverage, 3)}`,
  ];
  if (r.total.accuracy) lines.push(`top-1 accuracy: original ${f(r.total.accuracy.original)}, compressed ${f(r.total.accuracy.compressed)}`);
  lines.push(`timings (ms): ${Object.entries(r.timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const cmd = argv[0];
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    process.stdout.write(USAGE + '\n');
    return cmd ? 0 : 2;
  }
  switch (cmd) {
    case 'inspect': {
      const p = parseArgs(argv, ['max-bytes'], ['json', 'quiet']);
      const file = p.positional[1];
      if (!file) throw new UsageError('missing MODEL.onnx');
      const m = loadModel(file);
      if (p.flags.has('json')) process.stdout.write(JSON.stringify(summarizeModel(m), null, 2) + '\n');
      else {
        process.stdout.write(`${file}: opset ${m.opset}, input ${m.inputs[0].name} [${m.inputs[0].dims.join(', ')}], ${m.dense.length} compressible layer(s)\n`);
        for (const l of m.layers) {
          const shape = l.inFeatures !== null ? `${l.outFeatures}x${l.inFeatures}` : '';
          process.stdout.write(`  ${l.name.padEnd(28)} ${l.op.padEnd(11)} ${shape.padEnd(10)} ${String(l.params).padStart(9)} params  ${l.compressible ? `compressible, sparsity ${(l.sparsity! * 100).toFixed(1)}%` : `not compressible: ${l.reason}`}\n`);
        }
        if (m.dense.length === 0) process.stdout.write('  no compressible layer: CoreNet compresses fully-connected layers (Gemm, MatMul, MatMul+Add)\n');
      }
      return 0;
    }
    case 'compress': {
      const p = parseArgs(argv, [...DATA_FLAGS, 'method', 'keep', 'eps', 'out', 'report', 'dump-sensitivity', 'allocation', 'candidates'], ['quiet']);
      const opts = prepareOptions(p);
      const out = str(p, 'out') ?? defaultOutputPath(opts.model);
      const reportFile = str(p, 'report') ?? reportPathFor(out);
      const m = method(p), t = target(p);
      if ((m === 'magnitude' || m === 'svd') && t.kind === 'eps') throw new UsageError(`--eps applies to the sampling methods; ${m} needs --keep`);
      const progress = stderrProgress(p.flags.has('quiet'));
      const prep = await prepare(opts, progress);
      const dump = str(p, 'dump-sensitivity');
      if (dump) dumpSensitivity(prep, dump);
      const run = await runMethod(prep, { method: m, target: t, seed: opts.seed, allocation: allocation(p), candidates: num(p, 'candidates', (v) => Number.isInteger(v) && v >= 1, 'a positive integer'), K: num(p, 'K', (v) => v > 0, 'positive') }, progress);
      const t0 = performance.now();
      writeOutputs(prep, run, out, null);
      run.report.timings.write += performance.now() - t0;
      writeOutputs(prep, run, null, reportFile);
      endProgress();
      process.stdout.write(summarize(run.report) + '\n');
      process.stdout.write(`compressed model: ${out}\nreport: ${reportFile}\n`);
      if (dump) process.stdout.write(`sensitivities: ${dump}\n`);
      return 0;
    }
    case 'sweep': {
      const p = parseArgs(argv, [...DATA_FLAGS, 'methods', 'keep', 'seeds', 'csv', 'json', 'allocation', 'candidates'], ['quiet']);
      const opts = prepareOptions(p);
      const methods = (list(p, 'methods') ?? ['corenet', 'corenet+', 'uniform', 'magnitude', 'svd']).map((m) => method(p, m));
      const keeps = (list(p, 'keep') ?? ['0.5', '0.2', '0.1', '0.05', '0.02']).map((k) => {
        const v = Number(k);
        if (!(v > 0 && v <= 1)) throw new UsageError(`--keep values must be in (0, 1], got "${k}"`);
        return v;
      });
      const nSeeds = num(p, 'seeds', (v) => Number.isInteger(v) && v >= 1, 'a positive integer') ?? 3;
      const seeds = Array.from({ length: nSeeds }, (_, i) => opts.seed + i);
      const progress = stderrProgress(p.flags.has('quiet'));
      const prep = await prepare(opts, progress);
      const result = await sweep(prep, { methods, keeps, seeds, allocation: allocation(p), candidates: num(p, 'candidates', (v) => Number.isInteger(v) && v >= 1, 'a positive integer') }, progress);
      endProgress();
      process.stdout.write(sweepTable(result));
      const csv = str(p, 'csv'), json = str(p, 'json');
      if (csv) { mkdirSync(dirname(csv), { recursive: true }); writeFileAtomic(csv, sweepCsv(result)); process.stdout.write(`csv: ${csv}\n`); }
      if (json) { mkdirSync(dirname(json), { recursive: true }); writeFileAtomic(json, JSON.stringify(result, null, 2) + '\n'); process.stdout.write(`json: ${json}\n`); }
      return 0;
    }
    case 'bound': {
      const p = parseArgs(argv, [...DATA_FLAGS, 'train-size', 'margin', 'json', 'md'], ['quiet']);
      const opts = prepareOptions(p);
      const n = num(p, 'train-size', (v) => Number.isInteger(v) && v >= 1, 'a positive integer');
      const g = num(p, 'margin', (v) => v > 0, 'positive');
      if (n === undefined || g === undefined) throw new UsageError('bound needs --train-size N and --margin G');
      const prep = await prepare(opts, stderrProgress(p.flags.has('quiet')));
      endProgress();
      const b = computeBound(prep, n, g);
      const md = boundMarkdown(b);
      process.stdout.write(md);
      const json = str(p, 'json'), mdFile = str(p, 'md');
      if (json) { writeFileAtomic(json, JSON.stringify(b, null, 2) + '\n'); process.stdout.write(`json: ${json}\n`); }
      if (mdFile) { writeFileAtomic(mdFile, md); process.stdout.write(`markdown: ${mdFile}\n`); }
      return 0;
    }
    case 'plot': {
      const p = parseArgs(argv, ['out', 'name'], ['quiet']);
      const file = p.positional[1];
      if (!file) throw new UsageError('missing SWEEP.json (written by corenet sweep --json)');
      const out = str(p, 'out') ?? dirname(file);
      let result: SweepResult;
      try {
        result = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new DataFileError(file, `not a readable sweep JSON (${errorMessage(e)})`);
      }
      if (!Array.isArray(result?.summary) || !Array.isArray(result?.cells)) throw new DataFileError(file, 'not a sweep result: no "summary" and "cells" arrays');
      mkdirSync(out, { recursive: true });
      for (const [name, svg] of Object.entries(sweepCharts(result, str(p, 'name') ?? basename(result.model)))) {
        writeFileAtomic(join(out, name), svg);
        process.stdout.write(`${join(out, name)}\n`);
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${cmd}"; try corenet --help`);
  }
}

// A reader that closes early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    endProgress();
    if (e instanceof UsageError) {
      process.stderr.write(`corenet: ${e.message}\n${USAGE.split('\n').slice(2, 12).join('\n')}\n`);
      process.exit(2);
    }
    if (e instanceof InputError) {
      process.stderr.write(`corenet: error: ${e.message}\n`);
      process.exit(3);
    }
    if (e instanceof CancelledError) {
      process.stderr.write('corenet: cancelled\n');
      process.exit(130);
    }
    process.stderr.write(`corenet: internal error: ${errorMessage(e)}\n${(e as Error)?.stack ?? ''}\n`);
    process.exit(1);
  },
);
