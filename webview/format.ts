/**
 * Number formats shared by the views (no DOM). Errors and ratios: 4 decimals, or exponent form when
 * |v| ≥ 1e4 (CoreNet's predicted errors are often astronomically large) or when a non-zero value
 * would print as 0.0000. Elements also carry the raw number in data-value for exact checks.
 */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e4 || (a > 0 && a < 5e-5)) return v.toExponential(3);
  return v.toFixed(4);
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function formatPercent(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '—' : `${(100 * v).toFixed(digits)}%`;
}

/** Compact form for axis ticks and legends: 1e+3 style for powers of ten, else 3 significant digits. */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) {
    const exp = Math.log10(a);
    return Number.isInteger(Math.round(exp * 1e9) / 1e9) ? `1e${Math.round(exp)}` : v.toExponential(1);
  }
  return String(Number(v.toPrecision(3)));
}
