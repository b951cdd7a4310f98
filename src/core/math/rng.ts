/**
 * Seeded randomness: xoshiro128** seeded through splitmix32. Every random choice in CoreNet
 * goes through one of these, and the seed is recorded in the report.
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(readonly seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** A new stream derived from this seed and a label, so adding a draw in one place does not shift the others. */
  fork(label: number): Rng {
    return new Rng((Math.imul(this.seed ^ 0x5bd1e995, 0x01000193) + Math.imul(label + 1, 0x9e3779b1)) >>> 0);
  }

  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    return ((this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6)) / 9007199254740992;
  }

  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0, v = 0, s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /**
   * Binomial(n, p). Exact (inversion) while the expected count of the rarer outcome is small;
   * beyond 30 it uses the normal approximation with continuity correction, whose error in
   * any probability is far below the sampling noise CoreNet cares about (documented in README).
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const mean = n * p;
    if (mean < 30) {
      // Waiting times between successes are geometric: exact and O(mean).
      const logq = Math.log1p(-p);
      let count = 0, pos = 0;
      for (;;) {
        pos += Math.floor(Math.log(1 - this.uniform()) / logq) + 1;
        if (pos > n) return count;
        count++;
      }
    }
    const x = Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal());
    return Math.min(n, Math.max(0, x));
  }

  /** Counts of m i.i.d. draws from the distribution q (need not be normalised), by conditional binomials: O(len(q)), whatever m. */
  multinomial(m: number, q: ArrayLike<number>, out: Float64Array): Float64Array {
    let total = 0;
    for (let j = 0; j < q.length; j++) total += q[j];
    let left = m;
    for (let j = 0; j < q.length; j++) {
      if (left <= 0 || total <= 0) {
        out[j] = 0;
        continue;
      }
      const p = q[j] / total;
      const c = p >= 1 ? left : this.binomial(left, p);
      out[j] = c;
      left -= c;
      total -= q[j];
    }
    return out;
  }

  /** k distinct indices from [0, n), Fisher-Yates on a copy. */
  sampleIndices(n: number, k: number): Int32Array {
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const take = Math.min(n, k);
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(this.uniform() * (n - i));
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx.slice(0, take);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
