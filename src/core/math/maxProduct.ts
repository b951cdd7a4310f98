import { maxProductWasm } from './wasm/maxProductWasm';

/**
 * The hot loop of the sensitivities: M_ij = max over x of u_j(x) * r_i(x), with r = rA for edges
 * whose posEdge is 1 and rB otherwise. Inputs are walked column by column over the points where
 * they are non-zero (ReLU outputs are mostly zero). For each column both sides' maxima are kept
 * (cheaper than a data-dependent branch per step) in one contiguous row of 2·out doubles, which the
 * WebAssembly SIMD kernel (wasm/maxProduct.wat) updates two lanes at a time, in f64 so the result is
 * the scalar definition's to the bit. Plain TypeScript does the same when the problem is too large
 * for a wasm32 memory (measured: bench/ and the README).
 */
interface Kernel {
  memory: WebAssembly.Memory;
  columns(j0: number, j1: number, colStart: number, xs: number, vs: number, r: number, out: number, stride: number): void;
}

let kernel: Kernel | null = null;
const PAGE = 65536;
const WASM_LIMIT = 2 ** 31; // bytes: keep offsets well inside signed i32

function getKernel(): Kernel {
  if (!kernel) {
    const module = new WebAssembly.Module(Buffer.from(maxProductWasm, 'base64'));
    kernel = new WebAssembly.Instance(module, {}).exports as unknown as Kernel;
  }
  return kernel;
}

export function maxProduct(u: Float32Array, n: number, inF: number, rA: Float64Array, rB: Float64Array, posEdge: Uint8Array, outF: number): Float64Array {
  const colStart = new Int32Array(inF + 1);
  for (let x = 0; x < n; x++) for (let j = 0; j < inF; j++) if (u[x * inF + j] !== 0) colStart[j + 1]++;
  for (let j = 0; j < inF; j++) colStart[j + 1] += colStart[j];
  const nnz = colStart[inF];
  const stride = 2 * outF;
  const align = (b: number) => Math.ceil(b / 16) * 16;
  const sizes = [4 * (inF + 1), 4 * nnz, 8 * nnz, 8 * n * stride, 8 * inF * stride].map(align);
  const total = sizes.reduce((a, b) => a + b, 0);
  const result = new Float64Array(outF * inF);
  if (total > WASM_LIMIT) {
    scalarColumns(u, n, inF, rA, rB, posEdge, outF, result);
    return result;
  }
  const k = getKernel();
  const have = k.memory.buffer.byteLength;
  if (have < total) k.memory.grow(Math.ceil((total - have) / PAGE));
  const buf = k.memory.buffer;
  const [pc, pxs, pvs, pr, pout] = sizes.reduce<number[]>((offs, s, i) => [...offs, i === 0 ? 0 : offs[i - 1] + sizes[i - 1]], []);
  new Int32Array(buf, pc, inF + 1).set(colStart);
  const xs = new Int32Array(buf, pxs, nnz), vs = new Float64Array(buf, pvs, nnz);
  const fill = colStart.slice(0, inF);
  for (let x = 0; x < n; x++)
    for (let j = 0; j < inF; j++) {
      const v = u[x * inF + j];
      if (v !== 0) { const t = fill[j]++; xs[t] = x * stride * 8; vs[t] = v; }
    }
  const r = new Float64Array(buf, pr, n * stride);
  for (let x = 0; x < n; x++) {
    r.set(rA.subarray(x * outF, (x + 1) * outF), x * stride);
    r.set(rB.subarray(x * outF, (x + 1) * outF), x * stride + outF);
  }
  k.columns(0, inF, pc, pxs, pvs, pr, pout, stride);
  const out = new Float64Array(buf, pout, inF * stride);
  for (let j = 0; j < inF; j++)
    for (let i = 0; i < outF; i++) result[i * inF + j] = posEdge[i * inF + j] ? out[j * stride + i] : out[j * stride + outF + i];
  return result;
}

/** The same loop in TypeScript, for problems beyond a wasm32 memory. */
function scalarColumns(u: Float32Array, n: number, inF: number, rA: Float64Array, rB: Float64Array, posEdge: Uint8Array, outF: number, result: Float64Array): void {
  const rowA = new Float64Array(outF), rowB = new Float64Array(outF);
  for (let j = 0; j < inF; j++) {
    rowA.fill(0);
    rowB.fill(0);
    for (let x = 0; x < n; x++) {
      const a = u[x * inF + j];
      if (a === 0) continue;
      const rb = x * outF;
      for (let i = 0; i < outF; i++) {
        rowA[i] = Math.max(rowA[i], a * rA[rb + i]);
        rowB[i] = Math.max(rowB[i], a * rB[rb + i]);
      }
    }
    for (let i = 0; i < outF; i++) result[i * inF + j] = posEdge[i * inF + j] ? rowA[i] : rowB[i];
  }
}
