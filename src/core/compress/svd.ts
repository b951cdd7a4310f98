import { symmetricEigen } from '../math/eigen';
import type { DenseLayer } from '../onnx/layers';
import { layerParams, type CompressionMethod } from './types';

/** Left singular vectors from the eigenvectors of W Wᵀ (or Wᵀ W), cached per layer: sweeps reuse them. */
const cache = new WeakMap<DenseLayer, { basis: Float64Array; n: number; left: boolean }>();

function basisOf(layer: DenseLayer) {
  let hit = cache.get(layer);
  if (hit) return hit;
  const { outFeatures: out, inFeatures: inF, weight: w } = layer;
  const left = out <= inF; // decompose the smaller Gram matrix
  const n = left ? out : inF;
  const g = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = a; b < n; b++) {
      let s = 0;
      if (left) for (let k = 0; k < inF; k++) s += w[a * inF + k] * w[b * inF + k];
      else for (let k = 0; k < out; k++) s += w[k * inF + a] * w[k * inF + b];
      g[a * n + b] = g[b * n + a] = s;
    }
  hit = { basis: symmetricEigen(g, n).vectors, n, left };
  cache.set(layer, hit);
  return hit;
}

/** Rank-k truncation per layer at the layer's share of the budget: k (in + out) parameters for the two factors. */
export const svd: CompressionMethod = {
  name: 'svd',
  summary: 'SVD baseline: per-layer rank-k truncation with k (in + out) ≈ keep × in × out, the largest layer adjusted to meet the budget.',
  async compress(ctx) {
    if (ctx.target.kind !== 'keep') throw new Error('SVD truncation needs a keep ratio (--keep), not --eps');
    const keep = ctx.target.keep;
    const total = ctx.layers.reduce((a, l) => a + layerParams(l), 0);
    const maxRank = (l: DenseLayer) => Math.min(l.outFeatures, l.inFeatures);
    const cost = (l: DenseLayer, k: number) => Math.min(l.outFeatures * l.inFeatures, k * (l.outFeatures + l.inFeatures)) + (l.bias ? l.outFeatures : 0);
    const step = (l: DenseLayer) => l.outFeatures + l.inFeatures;
    const ranks = ctx.layers.map((l) => Math.max(1, Math.min(maxRank(l), Math.floor((keep * l.outFeatures * l.inFeatures) / step(l)))));
    // Integer ranks miss the budget; spend what is left on the layers with the largest rank step first,
    // so the total ends within half the smallest step of keep × parameters.
    let left = keep * total - ctx.layers.reduce((a, l, i) => a + cost(l, ranks[i]), 0);
    const order = ctx.layers.map((_, i) => i).sort((x, y) => step(ctx.layers[y]) - step(ctx.layers[x]));
    // Small layers cannot go below rank 1, so a tiny budget can be overdrawn: take it back from the coarsest layers.
    for (const i of order)
      while (left < 0 && ranks[i] > 1) {
        ranks[i]--;
        left += step(ctx.layers[i]);
      }
    for (const i of order) {
      const add = Math.max(0, Math.min(maxRank(ctx.layers[i]) - ranks[i], Math.floor(left / step(ctx.layers[i]))));
      ranks[i] += add;
      left -= add * step(ctx.layers[i]);
    }
    const finest = order[order.length - 1];
    if (left > step(ctx.layers[finest]) / 2 && ranks[finest] < maxRank(ctx.layers[finest])) ranks[finest]++;
    const layers = ctx.layers.map((layer, li) => {
      const { outFeatures: out, inFeatures: inF, weight: w } = layer;
      const rank = ranks[li];
      const { basis, n, left } = basisOf(layer);
      // Projection onto the top-k singular subspace: W_k = U_k U_kᵀ W (left) or W V_k V_kᵀ (right).
      const weight = new Float32Array(out * inF);
      if (left) {
        const proj = new Float64Array(rank * inF);
        for (let r = 0; r < rank; r++) for (let i = 0; i < out; i++) { const u = basis[i * n + r]; for (let k = 0; k < inF; k++) proj[r * inF + k] += u * w[i * inF + k]; }
        for (let i = 0; i < out; i++) for (let r = 0; r < rank; r++) { const u = basis[i * n + r]; for (let k = 0; k < inF; k++) weight[i * inF + k] += u * proj[r * inF + k]; }
      } else {
        const proj = new Float64Array(out * rank);
        for (let i = 0; i < out; i++) for (let r = 0; r < rank; r++) { let s = 0; for (let k = 0; k < inF; k++) s += w[i * inF + k] * basis[k * n + r]; proj[i * rank + r] = s; }
        for (let i = 0; i < out; i++) for (let k = 0; k < inF; k++) { let s = 0; for (let r = 0; r < rank; r++) s += proj[i * rank + r] * basis[k * n + r]; weight[i * inF + k] = s; }
      }
      const kept = Math.min(out * inF, rank * (out + inF)) + (layer.bias ? out : 0);
      return { weights: { weight, bias: layer.bias ? layer.bias.slice() : null, outFeatures: out, inFeatures: inF }, kept, rank, params: layerParams(layer) };
    });
    return {
      weights: layers.map((l) => l.weights),
      layers: layers.map((l) => ({ kept: l.kept, params: l.params, sampleSizes: null, epsilon: null, droppedNeurons: [], rank: l.rank })),
      eps: null, allocation: null, layerEps: null,
      notes: ['SVD layers are written as the dense rank-k product; "kept" counts the k·(in+out) parameters of the two factors'],
    };
  },
};
