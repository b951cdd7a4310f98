import { layerParams, type CompressionMethod } from './types';

/** Global magnitude pruning: keep the largest |w| over all layers (biases always kept), no reweighting. */
export const magnitude: CompressionMethod = {
  name: 'magnitude',
  summary: 'Magnitude baseline: one global |w| threshold over all layers, biases kept.',
  async compress(ctx) {
    if (ctx.target.kind !== 'keep') throw new Error('magnitude pruning needs a keep ratio (--keep), not --eps');
    const total = ctx.layers.reduce((a, l) => a + layerParams(l), 0);
    const biases = ctx.layers.reduce((a, l) => a + (l.bias ? l.outFeatures : 0), 0);
    const budget = Math.max(0, Math.round(ctx.target.keep * total) - biases);
    const owner: Array<[number, number]> = [];
    const abs: number[] = [];
    ctx.layers.forEach((l, li) => l.weight.forEach((w, k) => { if (w !== 0) { owner.push([li, k]); abs.push(Math.abs(w)); } }));
    // Exactly `budget` weights, ties broken by position, so the count never overshoots.
    const order = Int32Array.from(abs.keys()).sort((a, b) => abs[b] - abs[a] || a - b);
    const weights = ctx.layers.map((l) => ({ weight: new Float32Array(l.weight.length), bias: l.bias ? l.bias.slice() : null, outFeatures: l.outFeatures, inFeatures: l.inFeatures }));
    const take = Math.min(budget, order.length);
    for (let t = 0; t < take; t++) {
      const [li, k] = owner[order[t]];
      weights[li].weight[k] = ctx.layers[li].weight[k];
    }
    const threshold = take > 0 ? abs[order[take - 1]] : Infinity;
    return {
      weights,
      layers: ctx.layers.map((l, i) => {
        let kept = 0;
        for (const v of weights[i].weight) if (v !== 0) kept++;
        return { kept: kept + (l.bias ? l.outFeatures : 0), params: layerParams(l), sampleSizes: null, epsilon: null, droppedNeurons: [] };
      }),
      eps: null, allocation: null, layerEps: null,
      notes: [`global threshold |w| >= ${threshold.toPrecision(4)}`],
    };
  },
};
