import { writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { METHODS } from './compress';
import { layerParams, type AllocationName, type MethodName, type MethodResult, type Target } from './compress/types';
import { checkAgainstModel, loadInputs, loadLabels, takeRows, type Dataset, type ScaleMode } from './data/load';
import { encodeNpyFloat32 } from './data/npy';
import { CancelledError, DataFileError, ModelFileError, UsageError } from './errors';
import { writeFileAtomic } from './io/atomicWrite';
import { initEngine, matMulABt } from './math/engine';
import { Rng } from './math/rng';
import { accuracy, mean, quantile, relativeErrors } from './metrics';
import { inputFeatureShape, loadModel, type LoadedModel } from './onnx/model';
import { buildModel, type LayerWeights } from './onnx/write';
import type { CompressionReport, Heatmap, LayerReport, StageName } from './report';
import { REPORT_VERSION } from './report';
import { createSession, runBatched, type Matrix } from './runtime/ort';
import { computeSensitivity, type LayerSensitivity } from './sensitivity';
import { defaultCalibrationSize, defaultK, kappa } from './theory';

export interface PrepareOptions {
  model: string;
  calib: string;
  eval?: string;
  labels?: string;
  seed: number;
  delta: number;
  /** |S|; default from §4. */
  calibSize?: number;
  /** |T|, the held-out calibration split for allocation tuning and amplification. */
  holdoutSize?: number;
  /** At most this many evaluation rows (default: all). */
  evalLimit?: number;
  scale?: ScaleMode;
  maxBytes?: number;
}

export interface Progress {
  (stage: StageName, fraction: number, message?: string): void;
}

export interface CancelToken {
  readonly cancelled: boolean;
}

const NEVER: CancelToken = { cancelled: false };

/** Everything measured once per model and data, shared by every method run (a sweep runs many). */
export interface Prepared {
  options: PrepareOptions;
  model: LoadedModel;
  engine: string;
  input: { name: string; featureDims: number[]; fixedBatch: number | null };
  outputName: string;
  S: Float32Array;
  nS: number;
  T: Float32Array;
  nT: number;
  E: Float32Array;
  nE: number;
  evalSource: string;
  labels: Int32Array | null;
  /** Layer inputs on S and on (a prefix of) E, per dense layer. */
  actsS: Matrix[];
  actsE: Matrix[];
  originalS: Matrix;
  originalT: Matrix;
  originalE: Matrix;
  sensitivity: LayerSensitivity[];
  timings: Partial<Record<StageName, number>>;
  K: number;
}

/** Per-layer measurements use at most this many evaluation rows (two matmuls per layer per run). */
const LAYER_EVAL_ROWS = 2000;

function check(token: CancelToken) {
  if (token.cancelled) throw new CancelledError();
}

export async function prepare(opts: PrepareOptions, progress: Progress = () => {}, token: CancelToken = NEVER): Promise<Prepared> {
  const timings: Partial<Record<StageName, number>> = {};
  let t0 = performance.now();
  progress('load', 0, 'reading model');
  const engine = await initEngine();
  const model = loadModel(opts.model, opts.maxBytes);
  if (model.dense.length === 0) {
    const ops = [...new Set(model.layers.map((l) => l.op))].join(', ') || 'none with weights';
    throw new ModelFileError(opts.model, `no compressible layer: CoreNet compresses fully-connected layers (Gemm, MatMul, MatMul+Add); this model's layers are: ${ops}`);
  }
  const featureShape = inputFeatureShape(model);
  const inputDims = model.inputs[0].dims;
  progress('load', 0.3, 'reading calibration data');
  const calib = loadInputs(opts.calib, { scale: opts.scale, maxBytes: opts.maxBytes });
  checkAgainstModel(calib, featureShape, model.inputs[0].name);
  const featureDims = featureShape ?? calib.shape.slice(1);
  const fixedBatch = typeof inputDims[0] === 'number' && inputDims[0] > 0 ? inputDims[0] : null;
  const input = { name: model.inputs[0].name, featureDims, fixedBatch };

  const shape = { neurons: model.dense.map((d) => d.outFeatures) };
  const rng = new Rng(opts.seed).fork(1000);
  if (calib.rows < 2) throw new DataFileError(opts.calib, `holds ${calib.rows} row(s); calibration needs at least 2 (some for S, some held out)`);
  let nS = opts.calibSize ?? defaultCalibrationSize(shape);
  if (nS < 1) throw new UsageError(`--calib-size must be at least 1, got ${nS}`);
  const perm = rng.sampleIndices(calib.rows, calib.rows);
  if (opts.calibSize !== undefined && opts.calibSize >= calib.rows) {
    throw new DataFileError(opts.calib, `holds ${calib.rows} rows but --calib-size asks for ${opts.calibSize} plus a held-out split`);
  }
  nS = Math.min(nS, Math.max(1, Math.floor(calib.rows * 0.75)));
  const nT = Math.min(opts.holdoutSize ?? 500, calib.rows - nS);
  const S = takeRows(calib, perm.subarray(0, nS));
  const T = takeRows(calib, perm.subarray(nS, nS + nT));

  let E: Float32Array, nE: number, evalSource: string, labels: Int32Array | null = null;
  let evalSet: Dataset | null = null;
  if (opts.eval) {
    progress('load', 0.6, 'reading evaluation data');
    evalSet = loadInputs(opts.eval, { scale: opts.scale, maxBytes: opts.maxBytes });
    checkAgainstModel(evalSet, featureShape, model.inputs[0].name);
    if (featureShape === null && evalSet.rowSize !== calib.rowSize) {
      throw new DataFileError(opts.eval, `has ${evalSet.rowSize} values per row but the calibration data ${opts.calib} has ${calib.rowSize}`);
    }
    nE = Math.min(evalSet.rows, opts.evalLimit ?? evalSet.rows);
    E = evalSet.data.subarray(0, nE * evalSet.rowSize);
    evalSource = opts.eval;
  } else {
    const rest = perm.subarray(nS + nT, nS + nT + (opts.evalLimit ?? 2000));
    if (rest.length === 0) {
      // No separate data: measure on T (the report says so).
      E = T;
      nE = nT;
      evalSource = `${opts.calib} (held-out calibration split, also used for tuning)`;
    } else {
      E = takeRows(calib, rest);
      nE = rest.length;
      evalSource = `${opts.calib} (calibration rows not used for S or T)`;
    }
  }
  if (opts.labels) {
    if (!opts.eval) throw new UsageError('--labels needs --eval (labels belong to the evaluation data)');
    labels = loadLabels(opts.labels, { maxBytes: opts.maxBytes });
    if (labels.length < nE) throw new DataFileError(opts.labels, `holds ${labels.length} labels but the evaluation data ${opts.eval} has ${nE} rows`);
  }
  timings.load = performance.now() - t0;
  check(token);

  t0 = performance.now();
  progress('activations', 0, 'running the original model');
  const outputName = model.outputs[0];
  const layerInputs = [...new Set(model.dense.map((d) => d.inputName))];
  const probe = buildModel(model, { extraOutputs: layerInputs });
  const session = await createSession(probe, opts.model);
  const wanted = [outputName, ...layerInputs.filter((n) => n !== outputName)];
  const total = nS + nT + nE;
  const onS = await runBatched(session, opts.model, input, S, nS, wanted, (d) => progress('activations', d / total));
  check(token);
  const onT = await runBatched(session, opts.model, input, T, nT, [outputName], (d) => progress('activations', (nS + d) / total));
  const nLayerE = Math.min(nE, LAYER_EVAL_ROWS);
  const onE = await runBatched(session, opts.model, input, E, nE, [outputName], (d) => progress('activations', (nS + nT + d) / total));
  const onELayers = await runBatched(session, opts.model, input, E, nLayerE, wanted);
  await session.release();
  const classes = onE.get(outputName)!.cols;
  if (labels) {
    for (let i = 0; i < nE; i++) {
      if (labels[i] < 0 || labels[i] >= classes) throw new DataFileError(opts.labels!, `label ${labels[i]} at row ${i} is out of range: the model has ${classes} outputs (labels 0..${classes - 1})`);
    }
  }
  const actsFor = (m: Map<string, Matrix>, layerIdx: number) => {
    const d = model.dense[layerIdx];
    const a = m.get(d.inputName)!;
    if (a.cols % d.inFeatures !== 0) throw new ModelFileError(opts.model, `layer "${d.name}" expects ${d.inFeatures} inputs per row but its input tensor has ${a.cols}`);
    return { data: a.data, rows: (a.rows * a.cols) / d.inFeatures, cols: d.inFeatures };
  };
  const actsS = model.dense.map((_, l) => actsFor(onS, l));
  const actsE = model.dense.map((_, l) => actsFor(onELayers, l));
  for (const a of actsS) for (let k = 0; k < a.data.length; k++) if (!Number.isFinite(a.data[k])) {
    throw new DataFileError(opts.calib, `the model produces ${a.data[k]} on this calibration data (an activation is not finite)`);
  }
  timings.activations = performance.now() - t0;
  check(token);

  t0 = performance.now();
  const sensitivity: LayerSensitivity[] = [];
  for (const [l, d] of model.dense.entries()) {
    progress('sensitivity', l / model.dense.length, `layer ${d.name}`);
    sensitivity.push(await computeSensitivity(d.weight, d.outFeatures, d.inFeatures, actsS[l].data, actsS[l].rows));
    check(token);
  }
  timings.sensitivity = performance.now() - t0;
  return {
    options: opts, model, engine, input, outputName, S, nS, T, nT, E, nE, evalSource, labels, actsS, actsE,
    originalS: onS.get(outputName)!, originalT: onT.get(outputName)!, originalE: onE.get(outputName)!, sensitivity, timings, K: defaultK(shape),
  };
}

export interface RunOptions {
  method: MethodName;
  target: Target;
  seed: number;
  allocation?: AllocationName;
  candidates?: number;
  K?: number;
}

export interface RunResult {
  report: CompressionReport;
  bytes: Uint8Array;
  result: MethodResult;
}

/** Structural form: rows of dropped neurons removed, with the next layer's matching columns. */
export function shrink(prep: Prepared, result: MethodResult): LayerWeights[] {
  const dense = prep.model.dense;
  return result.weights.map((w, l) => {
    const dropRows = new Set(result.layers[l].droppedNeurons);
    const prev = dense.findIndex((d) => d.next === l);
    const dropCols = new Set(prev >= 0 ? result.layers[prev].droppedNeurons : []);
    if (dropRows.size === 0 && dropCols.size === 0) return w;
    const rows = [...Array(w.outFeatures).keys()].filter((i) => !dropRows.has(i));
    const cols = [...Array(w.inFeatures).keys()].filter((j) => !dropCols.has(j));
    const weight = new Float32Array(rows.length * cols.length);
    rows.forEach((i, r) => cols.forEach((j, c) => (weight[r * cols.length + c] = w.weight[i * w.inFeatures + j])));
    return { weight, bias: w.bias ? Float32Array.from(rows, (i) => w.bias![i]) : null, outFeatures: rows.length, inFeatures: cols.length };
  });
}

async function outputsOf(prep: Prepared, bytes: Uint8Array, data: Float32Array, rows: number): Promise<Matrix> {
  const session = await createSession(bytes, prep.options.model);
  try {
    return (await runBatched(session, prep.options.model, prep.input, data, rows, [prep.outputName])).get(prep.outputName)!;
  } finally {
    await session.release();
  }
}

export async function runMethod(prep: Prepared, run: RunOptions, progress: Progress = () => {}, token: CancelToken = NEVER): Promise<RunResult> {
  const timings = { ...prep.timings } as Record<StageName, number>;
  const method = METHODS[run.method];
  let t0 = performance.now();
  progress('sampling', 0, run.method);
  const heldOutError = async (weights: LayerWeights[]) => {
    const bytes = buildModel(prep.model, { layers: weights });
    return mean(relativeErrors(prep.originalT, await outputsOf(prep, bytes, prep.T, prep.nT)));
  };
  const result = await method.compress({
    layers: prep.model.dense, sensitivity: prep.sensitivity, target: run.target, delta: prep.options.delta, seed: run.seed,
    K: run.K ?? prep.K, allocation: run.allocation ?? 'tuned', candidates: run.candidates ?? 5, heldOutError,
    progress: (f, m) => progress('sampling', f, m), checkCancelled: () => check(token),
  });
  timings.sampling = performance.now() - t0;
  check(token);

  t0 = performance.now();
  progress('write', 0, 'building the compressed model');
  const structural = shrink(prep, result);
  const bytes = buildModel(prep.model, {
    layers: structural,
    metadata: { 'corenet.method': run.method, 'corenet.seed': String(run.seed), 'corenet.keep': String(run.target.kind === 'keep' ? run.target.keep : '') },
  });
  timings.write = performance.now() - t0;
  check(token);

  t0 = performance.now();
  progress('evaluation', 0, 'measuring the compressed model');
  const compressedE = await outputsOf(prep, bytes, prep.E, prep.nE);
  const errs = relativeErrors(prep.originalE, compressedE);
  const predicted = result.eps !== null && run.target.kind === 'keep' ? result.eps : run.target.kind === 'eps' ? run.target.eps : null;
  const coverage = predicted === null ? null : errs.filter((e) => e <= predicted).length / errs.length;
  const kappaValue = kappa({ neurons: prep.model.dense.map((d) => d.outFeatures) }, prep.options.delta);
  const layers: LayerReport[] = prep.model.dense.map((d, l) => {
    const outcome = result.layers[l];
    const w = result.weights[l];
    const sens = prep.sensitivity[l];
    return {
      name: d.name, op: d.op, inFeatures: d.inFeatures, outFeatures: d.outFeatures, params: layerParams(d),
      kept: outcome.kept, keepRatio: outcome.kept / layerParams(d),
      sampleSizes: outcome.sampleSizes,
      sensitivitySum: Array.from(sens.sumPos, (v, i) => v + sens.sumNeg[i]),
      delta: Math.max(...sens.deltaMean) + kappaValue,
      epsilon: outcome.epsilon,
      predictedError: outcome.epsilon === null ? null : outcome.epsilon * (Math.max(...sens.deltaMean) + kappaValue),
      measuredError: layerError(prep.actsE[l], originalZ(prep, l), d.bias, w),
      droppedNeurons: outcome.droppedNeurons, rank: outcome.rank ?? null,
      heatmap: heatmap(sens, d.weight, w.weight, d.outFeatures, d.inFeatures),
    };
  });
  const totalParams = layers.reduce((a, l) => a + l.params, 0);
  const totalKept = layers.reduce((a, l) => a + l.kept, 0);
  const report: CompressionReport = {
    tool: 'corenet', version: REPORT_VERSION, createdAt: new Date().toISOString(), model: resolve(prep.options.model), output: null,
    method: run.method, seed: run.seed, eps: run.target.kind === 'eps' ? run.target.eps : result.eps, delta: prep.options.delta,
    keep: run.target.kind === 'keep' ? run.target.keep : null, allocation: result.allocation, K: run.K ?? prep.K,
    calibrationSize: prep.nS, heldOutSize: prep.nT, evaluation: { source: prep.evalSource, rows: prep.nE }, engine: prep.engine,
    layers,
    notCompressible: prep.model.layers.filter((l) => !l.compressible).map((l) => ({ name: l.name, op: l.op, reason: l.reason ?? '' })),
    total: {
      params: totalParams, kept: totalKept, keepRatio: totalKept / totalParams, predictedError: predicted,
      measuredError: { mean: mean(errs), quantile: quantile(errs, 1 - prep.options.delta), coverage },
    },
    timings: { ...timings, evaluation: 0 },
    notes: result.notes,
    ...(result.chosenSeed !== undefined ? { chosenSeed: result.chosenSeed } : {}),
  };
  if (prep.labels) {
    const labels = prep.labels.subarray(0, prep.nE);
    report.total.accuracy = { original: accuracy(prep.originalE, labels), compressed: accuracy(compressedE, labels) };
  }
  report.timings.evaluation = performance.now() - t0;
  return { report, bytes, result };
}

/** The original layer's W a on the evaluation points: the same for every run of a sweep, so computed once. */
const originalZs = new WeakMap<Prepared, Float32Array[]>();
function originalZ(prep: Prepared, l: number): Float32Array {
  let zs = originalZs.get(prep);
  if (!zs) originalZs.set(prep, (zs = []));
  const d = prep.model.dense[l], a = prep.actsE[l];
  return (zs[l] ??= matMulABt(a.data, a.rows, d.inFeatures, d.weight, d.outFeatures));
}

/** Mean relative error of z = W a + b for the compressed layer against the original, on original inputs. */
function layerError(acts: Matrix, z: Float32Array, bias: Float32Array | null, w: LayerWeights): number {
  const n = acts.rows, out = w.outFeatures, inF = w.inFeatures;
  const zh = matMulABt(acts.data, n, inF, w.weight, out);
  let total = 0;
  for (let r = 0; r < n; r++) {
    let num = 0, den = 0;
    for (let i = 0; i < out; i++) {
      const a = z[r * out + i] + (bias?.[i] ?? 0), b = zh[r * out + i] + (w.bias?.[i] ?? 0);
      num += (a - b) ** 2;
      den += a * a;
    }
    total += den > 0 ? Math.sqrt(num / den) : 0;
  }
  return n ? total / n : 0;
}

const HEATMAP_MAX = 160;

export function heatmap(sens: LayerSensitivity, original: Float32Array, compressed: Float32Array, out: number, inF: number): Heatmap {
  const pr = Math.ceil(out / HEATMAP_MAX), pc = Math.ceil(inF / HEATMAP_MAX);
  const rows = Math.ceil(out / pr), cols = Math.ceil(inF / pc);
  const s = new Array<number>(rows * cols).fill(0), w = new Array<number>(rows * cols).fill(0), kept = new Array<number>(rows * cols).fill(0), count = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < out; i++)
    for (let j = 0; j < inF; j++) {
      const k = i * inF + j, c = Math.floor(i / pr) * cols + Math.floor(j / pc);
      const v = Math.max(sens.pos[k], sens.neg[k]);
      if (v > s[c] || count[c] === 0) { s[c] = v; w[c] = original[k]; }
      if (compressed[k] !== 0) kept[c]++;
      count[c]++;
    }
  return { rows, cols, poolRows: pr, poolCols: pc, sensitivity: s, weightAtMax: w, keptFraction: kept.map((k, c) => k / count[c]) };
}

export function defaultOutputPath(model: string): string {
  const ext = extname(model);
  return join(dirname(model), `${basename(model, ext)}.corenet${ext || '.onnx'}`);
}

export function reportPathFor(output: string): string {
  return output.replace(/\.onnx$/i, '') + '.json';
}

/** Writes the model (atomically, never over the input) and the report; returns the paths. */
export function writeOutputs(prep: Prepared, run: RunResult, out: string | null, reportFile: string | null): void {
  if (out) {
    if (resolve(out) === resolve(prep.options.model)) throw new UsageError(`refusing to write the compressed model over its input ${prep.options.model}`);
    writeFileAtomic(out, run.bytes);
    run.report.output = resolve(out);
  }
  if (reportFile) {
    if (resolve(reportFile) === resolve(prep.options.model)) throw new UsageError(`refusing to write the report over the input model ${prep.options.model}`);
    writeFileAtomic(reportFile, JSON.stringify(run.report, null, 2) + '\n');
  }
}

/** One float32 .npy per layer and side, [out, in], named <index>-<layer name>-pos.npy / -neg.npy. */
export function dumpSensitivity(prep: Prepared, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  prep.model.dense.forEach((d, l) => {
    const safe = d.name.replace(/[^A-Za-z0-9._-]+/g, '_');
    for (const side of ['pos', 'neg'] as const) {
      const file = join(dir, `${l}-${safe}-${side}.npy`);
      writeFileSync(file, encodeNpyFloat32([d.outFeatures, d.inFeatures], prep.sensitivity[l][side]));
      files.push(file);
    }
  });
  return files;
}
