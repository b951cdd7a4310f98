import { deltaProducts, epsPrime, invertSampleSize, kappa, sampleConstant } from '../theory';
import type { Rng } from '../math/rng';
import type { LayerWeights } from '../onnx/write';
import { drawScaleForCount, type LayerPlan } from './sparsify';

/**
 * Spreading the sample budget over layers (spec §4 and §6). A layer's draw scale u_l = c / eps_l^2
 * fixes every sample size in it (m = ceil(S_i u_l)).
 */
export interface Setup {
  plans: LayerPlan[];
  /** c = 8 K log(8 eta / delta) */
  c: number;
  /** Delta_l = max_i mean Delta_i + kappa, and the products Delta_{l->}. */
  deltas: number[];
  deltaTail: number[];
}

export function makeSetup(plans: LayerPlan[], K: number, delta: number): Setup {
  const shape = { neurons: plans.map((p) => p.layer.outFeatures) };
  const k = kappa(shape, delta);
  const deltas = plans.map((p) => Math.max(...p.sens.deltaMean) + k);
  return { plans, c: sampleConstant(shape, K, delta), deltas, deltaTail: deltaProducts(deltas) };
}

/** Relative draw scales: theory pours samples in proportion to Delta_{l->}^2; uniform-eps uses one eps everywhere. */
export function relativeScales(setup: Setup, allocation: 'theory' | 'uniform-eps'): number[] {
  return allocation === 'theory' ? setup.deltaTail.map((d) => d * d) : setup.plans.map(() => 1);
}

/** Theory mode: u_l for a requested eps, with eps_l = eps' / Delta_{l->}. */
export function scalesForEps(setup: Setup, eps: number): number[] {
  const e1 = epsPrime(eps, setup.plans.length);
  return setup.deltaTail.map((d) => setup.c / (e1 / d) ** 2);
}

export function expectedTotal(setup: Setup, us: number[]): number {
  return setup.plans.reduce((a, p, l) => a + p.expectedKept(us[l]), 0);
}

/** One global factor G on relative scales r_l so that the expected kept weights reach `weightBudget`. */
export function scalesForBudget(setup: Setup, rel: number[], weightBudget: number): number[] {
  let lo = -60, hi = 60;
  for (let it = 0; it < 80 && hi - lo > 1e-3; it++) {
    const mid = (lo + hi) / 2;
    if (expectedTotal(setup, rel.map((r) => r * Math.exp(mid))) < weightBudget) lo = mid;
    else hi = mid;
  }
  return rel.map((r) => r * Math.exp((lo + hi) / 2));
}

export interface Sampled {
  weights: LayerWeights[];
  draws: number[][];
  kept: number[];
  us: number[];
}

export function sampleAll(setup: Setup, us: number[], rng: Rng): Sampled {
  const out: Sampled = { weights: [], draws: [], kept: [], us };
  setup.plans.forEach((p, l) => {
    const s = p.sample(us[l], rng.fork(l));
    out.weights.push(s.weights);
    out.draws.push(s.draws);
    out.kept.push(s.kept);
  });
  return out;
}

/**
 * The expected count is only an expectation: rescale all layers together, on realized samples from the
 * same seed, until the kept total is within 1% of the budget (or as close as the layers allow).
 */
export function sampleToBudget(setup: Setup, us: number[], rng: Rng, totalBudget: number): Sampled {
  const realized = (g: number) => sampleAll(setup, us.map((u) => u * Math.exp(g)), rng);
  let best = realized(0);
  const total = (s: Sampled) => s.kept.reduce((a, b) => a + b, 0);
  const err = (s: Sampled) => Math.abs(total(s) - totalBudget) / totalBudget;
  if (err(best) <= 0.002) return best;
  let lo = -1.5, hi = 1.5;
  for (let it = 0; it < 24 && err(best) > 0.002; it++) {
    const mid = (lo + hi) / 2;
    const s = realized(mid);
    if (err(s) < err(best)) best = s;
    if (total(s) < totalBudget) lo = mid;
    else hi = mid;
  }
  return best;
}

/** §5: the eps each layer's sample sizes guarantee (the largest over its neurons' sides), and the network's eps. */
export function predictedErrors(setup: Setup, us: number[]): { layerEps: number[]; layerPredicted: number[]; network: number } {
  const layerEps = setup.plans.map((p, l) => p.sides.reduce((e, side) => Math.max(e, invertSampleSize(setup.c, side.S, p.drawsFor(side.S, us[l]))), 0));
  const network = 2 * setup.plans.length * Math.max(...layerEps.map((e, l) => e * setup.deltaTail[l]));
  return { layerEps, layerPredicted: layerEps.map((e, l) => e * setup.deltas[l]), network };
}

/**
 * The default allocation (§6): start from one eps for every layer, then move budget between layers
 * by factors of two (the largest layer absorbs the difference) while the error on the held-out
 * calibration split T goes down. Common random numbers (one seed) keep the comparison fair.
 */
export async function tunedScales(
  setup: Setup,
  weightBudget: number,
  rng: Rng,
  heldOutError: (w: LayerWeights[]) => Promise<number>,
  onStep: (done: number, total: number) => void,
  checkCancelled: () => void,
): Promise<{ us: number[]; tried: number; error: number }> {
  const plans = setup.plans;
  const start = scalesForBudget(setup, relativeScales(setup, 'uniform-eps'), weightBudget);
  let counts = plans.map((p, l) => p.expectedKept(start[l]));
  let us = start;
  let best = await heldOutError(sampleAll(setup, us, rng).weights);
  const big = plans.reduce((b, p, l) => (p.weightCount > plans[b].weightCount ? l : b), 0);
  const minCount = plans.map((p) => p.expectedKept(1e-30));
  const maxCount = plans.map((p) => p.maxKept());
  const factors = [2, 4, 8, 16, 0.5, 0.25];
  const totalSteps = 2 * (plans.length - 1) * factors.length;
  let step = 0, tried = 1;
  for (let pass = 0; pass < 2; pass++) {
    let improved = false;
    for (let l = 0; l < plans.length; l++) {
      if (l === big) continue;
      for (const f of factors) {
        checkCancelled();
        onStep(++step, totalSteps);
        const cand = counts.slice();
        cand[l] = Math.min(maxCount[l], Math.max(minCount[l], counts[l] * f));
        cand[big] = weightBudget - cand.reduce((a, c, k) => (k === big ? a : a + c), 0);
        if (cand[big] < minCount[big] || cand[big] > maxCount[big] || Math.abs(cand[l] - counts[l]) < 1) continue;
        const candUs = us.slice();
        candUs[l] = drawScaleForCount(plans[l], cand[l]);
        candUs[big] = drawScaleForCount(plans[big], cand[big]);
        tried++;
        const e = await heldOutError(sampleAll(setup, candUs, rng).weights);
        if (e < best) {
          best = e;
          us = candUs;
          counts = cand;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return { us, tried, error: best };
}
