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
  summary: 'SVD baseline: per-layer rank-k truncation with k (in + out) ≈ keep × in × out.',
  async compress(ctx) {
    if (ctx.target.kind !== 'keep') throw new Error('SVD truncation needs a keep ratio (--keep), not --eps');
    const keep = ctx.target.keep;
    const layers = ctx.layers.map((layer) => {
      const { outFeatures: out, inFeatures: inF, weight: w } = layer;
      const rank = Math.max(1, Math.min(out, inF, Math.round((keep * out * inF) / (out + inF))));
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
