/**
 * The constants and formulas of the spec (corenet-spec.md §3-§5), in one place so the CLI, the
 * report and the tests agree on them.
 */
export interface NetworkShape {
  /** Output neurons per compressible layer, in order (eta_l for l = 2..L). */
  neurons: number[];
}

export function eta(shape: NetworkShape): number {
  return shape.neurons.reduce((a, b) => a + b, 0);
}

export function etaStar(shape: NetworkShape): number {
  return Math.max(...shape.neurons);
}

/** §3: K, the constant of the sensitivity-tail assumption. */
export function defaultK(shape: NetworkShape): number {
  return Math.log(eta(shape) * etaStar(shape));
}

/** §3: m = ceil(c * S_i / eps_l^2) with c = 8 K log(8 eta / delta). */
export function sampleConstant(shape: NetworkShape, K: number, delta: number): number {
  return 8 * K * Math.log((8 * eta(shape)) / delta);
}

export function sampleSize(c: number, sensitivitySum: number, epsLayer: number): number {
  if (sensitivitySum <= 0) return 0;
  return Math.ceil((c * sensitivitySum) / (epsLayer * epsLayer));
}

/** §5 budget mode: the eps_l for which the formula gives m samples (m >= 1). */
export function invertSampleSize(c: number, sensitivitySum: number, m: number): number {
  if (sensitivitySum <= 0 || m <= 0) return 0;
  return Math.sqrt((c * sensitivitySum) / m);
}

/** §4: kappa, the additive term of Delta_l. */
export function kappa(shape: NetworkShape, delta: number): number {
  const lambdaStar = Math.log(eta(shape) * etaStar(shape)) / 2;
  const r = Math.sqrt(2 * lambdaStar);
  return r * (1 + r * Math.log((8 * eta(shape) * etaStar(shape)) / delta));
}

/** §4: Delta_{l->} = product of Delta_k for k >= l. */
export function deltaProducts(deltas: number[]): number[] {
  const out = new Array<number>(deltas.length);
  let p = 1;
  for (let l = deltas.length - 1; l >= 0; l--) {
    p *= deltas[l];
    out[l] = p;
  }
  return out;
}

/** §4: |S| = ceil(C log(8 eta eta* / delta_S)); 152 for LeNet-300-100 with C = 3, delta_S = 1e-16. */
export function defaultCalibrationSize(shape: NetworkShape, C = 3, deltaS = 1e-16): number {
  return Math.ceil(C * Math.log((8 * eta(shape) * etaStar(shape)) / deltaS));
}

/** §4: eps' = eps / (2 (L - 1)); `layers` is L - 1, the number of weight layers. */
export function epsPrime(eps: number, layers: number): number {
  return eps / (2 * layers);
}
