import { Rng } from '../math/rng';
import { makeSetup, predictedErrors, relativeScales, sampleAll, sampleToBudget, scalesForBudget, scalesForEps, tunedScales, type Sampled } from './allocate';
import { LayerPlan, type Distribution } from './sparsify';
import { layerParams, type MethodContext, type MethodResult } from './types';

export interface SamplingOptions {
  distribution: Distribution;
  /** CoreNet+ (§6): drop neurons never active on S, with the next layer's matching column. */
  dropDead: boolean;
  /** CoreNet++ (§6): candidates from this many seeds, the one with the lowest held-out error kept. */
  amplify: number;
}

/** Neurons whose ReLU output is zero for every x in S, per layer (only where the next layer reads that output directly). */
export function deadNeurons(ctx: MethodContext): Set<number>[] {
  return ctx.layers.map((layer) => {
    const dead = new Set<number>();
    if (layer.next === null) return dead;
    const active = ctx.sensitivity[layer.next].inputActive;
    for (let i = 0; i < layer.outFeatures; i++) if (!active[i]) dead.add(i);
    return dead;
  });
}

/** CoreNet, its variants and the Uniform baseline: SPARSIFY per neuron, with the budget spread by the chosen allocation. */
export async function compressBySampling(ctx: MethodContext, opts: SamplingOptions): Promise<MethodResult> {
  const notes: string[] = [];
  const dropped = opts.dropDead ? deadNeurons(ctx) : ctx.layers.map(() => new Set<number>());
  const droppedCols = ctx.layers.map(() => new Set<number>());
  ctx.layers.forEach((layer, l) => {
    if (layer.next !== null) for (const i of dropped[l]) droppedCols[layer.next].add(i);
  });
  if (opts.dropDead) {
    const n = dropped.reduce((a, d) => a + d.size, 0);
    notes.push(`${n} neuron(s) never active on the calibration set were removed structurally`);
  }
  const plans = ctx.layers.map((layer, l) => new LayerPlan(layer, ctx.sensitivity[l], opts.distribution, dropped[l], droppedCols[l]));
  const setup = makeSetup(plans, ctx.K, ctx.delta);
  const totalParams = ctx.layers.reduce((a, l) => a + layerParams(l), 0);
  const fixedKept = plans.reduce((a, p) => a + p.biasKept(), 0);
  const rng = new Rng(ctx.seed);
  let allocation = ctx.allocation;
  let sampled: Sampled;
  let chosenSeed: number | undefined;

  if (ctx.target.kind === 'eps') {
    allocation = 'theory';
    sampled = sampleAll(setup, scalesForEps(setup, ctx.target.eps), rng);
    const reachable = plans.reduce((a, p) => a + p.maxKept(), 0);
    const kept = sampled.kept.reduce((a, b) => a + b, 0) - fixedKept;
    if (kept >= reachable) notes.push(`eps = ${ctx.target.eps} needs so many samples that every weight with non-zero sensitivity is kept: no compression beyond dropping zero-sensitivity weights`);
  } else {
    const totalBudget = ctx.target.keep * totalParams;
    const weightBudget = totalBudget - fixedKept;
    const minimum = plans.reduce((a, p) => a + p.expectedKept(1e-30), 0);
    if (weightBudget <= minimum) notes.push(`keep ${ctx.target.keep} is below what sampling can reach (one draw per neuron side keeps about ${Math.round(minimum + fixedKept)} parameters)`);
    let us: number[];
    if (allocation === 'tuned') {
      const tuned = await tunedScales(setup, Math.max(weightBudget, minimum), rng, ctx.heldOutError, (d, t) => ctx.progress(d / (t + opts.amplify), `tuning allocation ${d}/${t}`), ctx.checkCancelled);
      us = tuned.us;
      notes.push(`allocation tuned on the held-out calibration split: ${tuned.tried} candidate splits tried, held-out error ${tuned.error.toPrecision(3)}`);
    } else {
      us = scalesForBudget(setup, relativeScales(setup, allocation), Math.max(weightBudget, minimum));
    }
    sampled = sampleToBudget(setup, us, rng, totalBudget);
    if (opts.amplify > 1) {
      let bestErr = await ctx.heldOutError(sampled.weights);
      chosenSeed = ctx.seed;
      for (let k = 1; k < opts.amplify; k++) {
        ctx.checkCancelled();
        ctx.progress((k + 1) / (opts.amplify + 1), `amplification candidate ${k + 1}/${opts.amplify}`);
        const seed = (ctx.seed + k * 7919) >>> 0;
        const cand = sampleToBudget(setup, us, new Rng(seed), totalBudget);
        const e = await ctx.heldOutError(cand.weights);
        if (e < bestErr) {
          bestErr = e;
          sampled = cand;
          chosenSeed = seed;
        }
      }
      notes.push(`amplification: ${opts.amplify} candidates, kept seed ${chosenSeed} (held-out error ${bestErr.toPrecision(3)})`);
    }
  }
  const pred = predictedErrors(setup, sampled.us);
  sampled.us.forEach((u, l) => {
    // The allocation gives a layer every weight it can reach by sending its draw scale to the top of the search range.
    if (u >= Math.exp(39)) notes.push(`layer ${ctx.layers[l].name} is kept whole: its sample sizes are effectively unbounded (about ${Math.max(...sampled.draws[l]).toExponential(1)} draws per neuron), so its reweighted weights equal the original ones`);
  });
  return {
    weights: sampled.weights,
    layers: ctx.layers.map((layer, l) => ({
      kept: sampled.kept[l],
      params: layerParams(layer),
      sampleSizes: sampled.draws[l],
      epsilon: pred.layerEps[l],
      droppedNeurons: [...dropped[l]].sort((a, b) => a - b),
    })),
    eps: pred.network,
    allocation,
    layerEps: pred.layerEps,
    notes,
    chosenSeed,
  };
}
