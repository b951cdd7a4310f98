import { matMulABt } from './math/engine';
import { maxProduct } from './math/maxProduct';

/**
 * Empirical sensitivities of one layer (spec §2) and its cancellation statistic Delta (§4).
 * Sides: `pos` is the positive contributions to z_i, `neg` the negative ones. With non-negative
 * inputs an edge sits on the side of its weight's sign; with signed inputs each input is split into
 * its positive and negative parts and every edge reaches both sides, one through each part.
 */
export interface LayerSensitivity {
  outFeatures: number;
  inFeatures: number;
  /** s_ij on the positive side, [out, in] (0 for edges not on that side). */
  pos: Float32Array;
  /** s_ij on the negative side, [out, in]. */
  neg: Float32Array;
  /** S_i per side. */
  sumPos: Float64Array;
  sumNeg: Float64Array;
  /** mean over S of Delta_i(x), per neuron. */
  deltaMean: Float64Array;
  /** True when some input was negative and the inputs were split into parts. */
  signedInputs: boolean;
  /** Input j was non-zero for some x in S. */
  inputActive: Uint8Array;
}

/** Per-point Delta_i(x) is capped: a near-exact cancellation would otherwise make the mean meaningless. */
export const DELTA_POINT_CAP = 1e6;

export async function computeSensitivity(weight: Float32Array, outF: number, inF: number, acts: Float32Array, n: number): Promise<LayerSensitivity> {
  let signed = false;
  for (let k = 0; k < acts.length; k++) if (acts[k] < 0) { signed = true; break; }
  const wPos = new Float32Array(weight.length);
  const wNeg = new Float32Array(weight.length);
  const posEdge = new Uint8Array(weight.length);
  for (let k = 0; k < weight.length; k++) {
    const w = weight[k];
    if (w > 0) { wPos[k] = w; posEdge[k] = 1; } else if (w < 0) wNeg[k] = -w;
  }
  let aPos = acts, aNeg: Float32Array | null = null;
  if (signed) {
    aPos = acts.map((v) => (v > 0 ? v : 0));
    aNeg = acts.map((v) => (v < 0 ? -v : 0));
  }
  // Row sums of each side: D+ = A+ W+ᵀ + A- W-ᵀ, D- = A+ W-ᵀ + A- W+ᵀ, both [n, out].
  const dPos = matMulABt(aPos, n, inF, wPos, outF);
  const dNeg = matMulABt(aPos, n, inF, wNeg, outF);
  if (aNeg) {
    const x1 = matMulABt(aNeg, n, inF, wNeg, outF);
    const x2 = matMulABt(aNeg, n, inF, wPos, outF);
    for (let k = 0; k < dPos.length; k++) { dPos[k] += x1[k]; dNeg[k] += x2[k]; }
  }
  // Delta_i(x) = sum |w a| / |sum w a| = (D+ + D-) / |D+ - D-|.
  const deltaMean = new Float64Array(outF);
  const deltaCount = new Float64Array(outF);
  for (let x = 0; x < n; x++)
    for (let i = 0; i < outF; i++) {
      const p = dPos[x * outF + i], q = dNeg[x * outF + i];
      if (p + q <= 0) continue;
      deltaMean[i] += Math.min(DELTA_POINT_CAP, (p + q) / Math.abs(p - q));
      deltaCount[i]++;
    }
  for (let i = 0; i < outF; i++) deltaMean[i] = deltaCount[i] > 0 ? deltaMean[i] / deltaCount[i] : 1;

  const rPos = reciprocal(dPos), rNeg = reciprocal(dNeg);
  // Part a+ reaches the positive side through w > 0 and the negative side through w < 0.
  const m1 = maxProduct(aPos, n, inF, rPos, rNeg, posEdge, outF);
  const pos = new Float32Array(weight.length), neg = new Float32Array(weight.length);
  for (let k = 0; k < weight.length; k++) {
    const s = Math.abs(weight[k]) * m1[k];
    if (posEdge[k]) pos[k] = s; else if (weight[k] < 0) neg[k] = s;
  }
  if (aNeg) {
    // Part a- reaches the negative side through w > 0 and the positive side through w < 0.
    const m2 = maxProduct(aNeg, n, inF, rNeg, rPos, posEdge, outF);
    for (let k = 0; k < weight.length; k++) {
      const s = Math.abs(weight[k]) * m2[k];
      if (posEdge[k]) neg[k] = s; else if (weight[k] < 0) pos[k] = s;
    }
  }
  const sumPos = new Float64Array(outF), sumNeg = new Float64Array(outF);
  for (let i = 0; i < outF; i++) {
    let sp = 0, sn = 0;
    for (let j = 0; j < inF; j++) { sp += pos[i * inF + j]; sn += neg[i * inF + j]; }
    sumPos[i] = sp;
    sumNeg[i] = sn;
  }
  const inputActive = new Uint8Array(inF);
  for (let x = 0; x < n; x++) for (let j = 0; j < inF; j++) if (acts[x * inF + j] !== 0) inputActive[j] = 1;
  return { outFeatures: outF, inFeatures: inF, pos, neg, sumPos, sumNeg, deltaMean, signedInputs: signed, inputActive };
}

function reciprocal(d: Float32Array): Float64Array {
  const r = new Float64Array(d.length);
  for (let k = 0; k < d.length; k++) r[k] = d[k] > 0 ? 1 / d[k] : 0;
  return r;
}
