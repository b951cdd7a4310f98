import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * The hot loop of the sensitivities: M_ij = max over x of u_j(x) * r_i(x), with r = rA for edges
 * whose posEdge is 1 and rB otherwise. Inputs are walked column by column over the points where
 * they are non-zero (CSC; ReLU outputs are mostly zero); the inner loop runs over output neurons,
 * contiguous in r and in the accumulators, and keeps both sides' maxima because that is cheaper
 * than a data-dependent branch per step. Self-contained: it is also run inside a worker thread
 * from its source text.
 */
function columnsKernel(
  j0: number, j1: number, inF: number, outF: number, colStart: Int32Array, xs: Int32Array, vs: Float64Array,
  rA: Float64Array, rB: Float64Array, posEdge: Uint8Array, out: Float64Array,
): void {
  const rowA = new Float64Array(outF), rowB = new Float64Array(outF);
  for (let j = j0; j < j1; j++) {
    rowA.fill(0);
    rowB.fill(0);
    for (let q = colStart[j]; q < colStart[j + 1]; q++) {
      const a = vs[q], rb = xs[q];
      for (let i = 0; i < outF; i++) {
        rowA[i] = Math.max(rowA[i], a * rA[rb + i]);
        rowB[i] = Math.max(rowB[i], a * rB[rb + i]);
      }
    }
    for (let i = 0; i < outF; i++) out[i * inF + j] = posEdge[i * inF + j] ? rowA[i] : rowB[i];
  }
}

/** Below this many inner steps a second thread costs more than it saves. */
const PARALLEL_MIN_STEPS = 4e6;
let helper: Worker | null = null;

function getHelper(): Worker {
  if (!helper) {
    const src = `const { parentPort } = require('node:worker_threads');
const kernel = ${columnsKernel.toString()};
parentPort.on('message', (m) => { kernel(...m); parentPort.postMessage(0); });`;
    helper = new Worker(src, { eval: true });
    helper.unref();
    helper.on('error', () => (helper = null));
  }
  return helper;
}

function shared<T extends Float64Array | Int32Array | Uint8Array>(ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, src: ArrayLike<number> | number): T {
  const n = typeof src === 'number' ? src : src.length;
  const arr = new ctor(new SharedArrayBuffer(Math.max(1, n) * ctor.BYTES_PER_ELEMENT));
  if (typeof src !== 'number') arr.set(src as ArrayLike<number>);
  return arr;
}

export async function maxProduct(u: Float32Array, n: number, inF: number, rA: Float64Array, rB: Float64Array, posEdge: Uint8Array, outF: number): Promise<Float64Array> {
  const counts = new Int32Array(inF);
  for (let x = 0; x < n; x++) for (let j = 0; j < inF; j++) if (u[x * inF + j] !== 0) counts[j]++;
  const colStart = new Int32Array(inF + 1);
  for (let j = 0; j < inF; j++) colStart[j + 1] = colStart[j] + counts[j];
  const nnz = colStart[inF];
  const parallel = nnz * outF >= PARALLEL_MIN_STEPS && availableParallelism() > 1;
  const xs = parallel ? shared(Int32Array, nnz) : new Int32Array(nnz);
  const vs = parallel ? shared(Float64Array, nnz) : new Float64Array(nnz);
  const fill = colStart.slice(0, inF);
  for (let x = 0; x < n; x++)
    for (let j = 0; j < inF; j++) {
      const v = u[x * inF + j];
      if (v !== 0) { const t = fill[j]++; xs[t] = x * outF; vs[t] = v; }
    }
  if (!parallel) {
    const out = new Float64Array(outF * inF);
    columnsKernel(0, inF, inF, outF, colStart, xs, vs, rA, rB, posEdge, out);
    return out;
  }
  // Split the columns so both threads get about half the non-zeros.
  let split = 0;
  while (split < inF && colStart[split] < nnz / 2) split++;
  const args = [shared(Int32Array, colStart), shared(Float64Array, rA), shared(Float64Array, rB), shared(Uint8Array, posEdge), shared(Float64Array, outF * inF)] as const;
  const [cs, sa, sb, pe, out] = args;
  const worker = getHelper();
  const done = new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    worker.once('message', () => { worker.off('error', onError); resolve(); });
    worker.once('error', onError);
  });
  worker.ref();
  worker.postMessage([split, inF, inF, outF, cs, xs, vs, sa, sb, pe, out]);
  columnsKernel(0, split, inF, outF, cs, xs, vs, sa, sb, pe, out);
  try {
    await done;
  } finally {
    worker.unref();
  }
  return out;
}
