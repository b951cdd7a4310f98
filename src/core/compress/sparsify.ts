import type { Rng } from '../math/rng';
import type { DenseLayer } from '../onnx/layers';
import type { LayerWeights } from '../onnx/write';
import type { LayerSensitivity } from '../sensitivity';

/**
 * SPARSIFY (spec §3) for one layer, per neuron and per side. The sample size of neuron i on side σ is
 * m = ceil(S_iσ * u) where u = c / eps_l^2 is the layer's "draw scale"; the importance distribution
 * is q ∝ s_ij (CoreNet) or uniform over the side's edges (the Uniform baseline, same m).
 *
 * Signed inputs (an edge on both sides): each side's reweighted value is unbiased for w_ij, so the
 * kept weight is their average over the sides where the edge has positive probability (README).
 */
export type Distribution = 'sensitivity' | 'uniform';

interface SideRow {
  row: number;
  S: number;
  edges: Int32Array; // flat indices into [out, in]
  q: Float64Array; // normalised probabilities over `edges`
  log1mq: Float64Array;
}

export class LayerPlan {
  readonly sides: SideRow[] = [];
  readonly weightCount: number;
  /** Rows that are sampled (not dropped); their bias is kept. */
  readonly activeRows: number;
  private readonly sidesPerEdge: Uint8Array;

  constructor(
    readonly layer: DenseLayer,
    readonly sens: LayerSensitivity,
    readonly distribution: Distribution,
    readonly droppedRows: Set<number> = new Set(),
    readonly droppedCols: Set<number> = new Set(),
  ) {
    const { outFeatures: out, inFeatures: inF } = layer;
    this.weightCount = out * inF;
    this.activeRows = out - droppedRows.size;
    this.sidesPerEdge = new Uint8Array(out * inF);
    for (let i = 0; i < out; i++) {
      if (droppedRows.has(i)) continue;
      for (const [sens, S] of [[this.sens.pos, this.sens.sumPos[i]], [this.sens.neg, this.sens.sumNeg[i]]] as const) {
        if (S <= 0) continue;
        const edges: number[] = [];
        for (let j = 0; j < inF; j++) {
          const k = i * inF + j;
          if (droppedCols.has(j) || layer.weight[k] === 0) continue;
          if (distribution === 'sensitivity' ? sens[k] > 0 : this.onSide(sens, k)) edges.push(k);
        }
        if (edges.length === 0) continue;
        const raw = edges.map((k) => (distribution === 'sensitivity' ? sens[k] : 1));
        const total = raw.reduce((a, b) => a + b, 0);
        const q = Float64Array.from(raw, (v) => v / total);
        for (const k of edges) this.sidesPerEdge[k]++;
        this.sides.push({ row: i, S, edges: Int32Array.from(edges), q, log1mq: q.map((p) => Math.log1p(-p)) });
      }
    }
  }

  /** For the uniform baseline: which edges a side could reach (sign rule, or every edge for signed inputs). */
  private onSide(sens: Float32Array, k: number): boolean {
    if (this.sens.signedInputs) return true;
    const w = this.layer.weight[k];
    return sens === this.sens.pos ? w > 0 : w < 0;
  }

  drawsFor(S: number, u: number): number {
    return Math.max(1, Math.ceil(S * u));
  }

  /** Expected number of distinct kept weights at draw scale u: sum over edges of 1 - prod_σ (1 - q)^m. */
  expectedKept(u: number): number {
    if (!this.sens.signedInputs) {
      let total = 0;
      for (const side of this.sides) {
        const m = this.drawsFor(side.S, u);
        for (let t = 0; t < side.q.length; t++) total += -Math.expm1(m * side.log1mq[t]);
      }
      return total;
    }
    const logMiss = new Float64Array(this.weightCount);
    for (const side of this.sides) {
      const m = this.drawsFor(side.S, u);
      for (let t = 0; t < side.q.length; t++) logMiss[side.edges[t]] += m * side.log1mq[t];
    }
    let total = 0;
    for (let k = 0; k < this.weightCount; k++) if (this.sidesPerEdge[k] > 0) total += -Math.expm1(logMiss[k]);
    return total;
  }

  /** Bias entries that stay (every active row's). */
  biasKept(): number {
    return this.layer.bias ? this.activeRows : 0;
  }

  /** Most weights sampling can keep (every edge some side reaches). */
  maxKept(): number {
    let n = 0;
    for (let k = 0; k < this.weightCount; k++) if (this.sidesPerEdge[k] > 0) n++;
    return n;
  }

  /** Draw, reweight and return the layer's new weights with per-neuron draw counts. */
  sample(u: number, rng: Rng): { weights: LayerWeights; draws: number[]; kept: number } {
    const { outFeatures: out, inFeatures: inF } = this.layer;
    const sum = new Float64Array(this.weightCount);
    const sides = new Uint8Array(this.weightCount);
    const draws = new Array<number>(out).fill(0);
    let counts = new Float64Array(0);
    for (const side of this.sides) {
      const m = this.drawsFor(side.S, u);
      draws[side.row] += m;
      if (counts.length < side.q.length) counts = new Float64Array(side.q.length);
      rng.multinomial(m, side.q, counts);
      for (let t = 0; t < side.q.length; t++) {
        const k = side.edges[t];
        sides[k]++;
        if (counts[t] > 0) sum[k] += (this.layer.weight[k] * counts[t]) / (m * side.q[t]);
      }
    }
    const weight = new Float32Array(this.weightCount);
    let kept = 0;
    for (let k = 0; k < this.weightCount; k++) {
      if (sides[k] === 0 || sum[k] === 0) continue;
      weight[k] = sum[k] / sides[k];
      if (weight[k] !== 0) kept++;
    }
    let bias: Float32Array | null = null;
    if (this.layer.bias) {
      bias = this.layer.bias.slice();
      for (const i of this.droppedRows) bias[i] = 0;
    }
    return { weights: { weight, bias, outFeatures: out, inFeatures: inF }, draws, kept: kept + this.biasKept() };
  }
}

/**
 * Smallest draw scale u whose expected kept count reaches `target` (bisection in log space on a
 * monotone function). Returns the bounds when the target is outside what the layer can reach.
 */
export function drawScaleForCount(plan: LayerPlan, targetWeights: number): number {
  let lo = -40, hi = 40; // ln u
  if (plan.expectedKept(Math.exp(lo)) >= targetWeights) return Math.exp(lo);
  if (plan.expectedKept(Math.exp(hi)) <= targetWeights) return Math.exp(hi);
  for (let it = 0; it < 60 && hi - lo > 2e-3; it++) {
    const mid = (lo + hi) / 2;
    if (plan.expectedKept(Math.exp(mid)) < targetWeights) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}
