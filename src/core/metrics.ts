import type { Matrix } from './runtime/ort';

/** Relative output error per point, ||f_hat(x) - f(x)||_2 / ||f(x)||_2 (the guarantee's (1 ± eps) per entry implies it is <= eps). */
export function relativeErrors(original: Matrix, compressed: Matrix): Float64Array {
  const out = new Float64Array(original.rows);
  const c = original.cols;
  for (let r = 0; r < original.rows; r++) {
    let num = 0, den = 0;
    for (let k = 0; k < c; k++) {
      const f = original.data[r * c + k], d = compressed.data[r * c + k] - f;
      num += d * d;
      den += f * f;
    }
    out[r] = den > 0 ? Math.sqrt(num / den) : num > 0 ? Infinity : 0;
  }
  return out;
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : NaN;
}

/** Empirical quantile (nearest rank). */
export function quantile(xs: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(xs).sort();
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function accuracy(logits: Matrix, labels: Int32Array): number {
  let hit = 0;
  for (let r = 0; r < logits.rows; r++) {
    let best = 0;
    for (let k = 1; k < logits.cols; k++) if (logits.data[r * logits.cols + k] > logits.data[r * logits.cols + best]) best = k;
    if (best === labels[r]) hit++;
  }
  return hit / logits.rows;
}

/** Sample standard deviation (n - 1). */
export function stdev(xs: number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
