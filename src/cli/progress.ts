import type { StageName } from '../core/report';

/** Stage progress on stderr: a redrawn bar on a terminal, one line per stage and quarter otherwise. */
export function stderrProgress(quiet: boolean): (stage: StageName, fraction: number, message?: string) => void {
  const tty = process.stderr.isTTY;
  let lastStage = '';
  let lastQuarter = -1;
  return (stage, fraction, message) => {
    if (quiet) return;
    const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    if (tty) {
      const bar = '#'.repeat(Math.round(pct / 5)).padEnd(20, '.');
      process.stderr.write(`\r\x1b[K${stage.padEnd(12)} [${bar}] ${String(pct).padStart(3)}% ${message ?? ''}`.slice(0, process.stderr.columns || 100));
      if (stage !== lastStage && lastStage) process.stderr.write('');
      lastStage = stage;
      return;
    }
    const quarter = Math.floor(pct / 25);
    if (stage !== lastStage || quarter > lastQuarter) {
      process.stderr.write(`[corenet] ${stage} ${pct}%${message ? ' ' + message : ''}\n`);
      lastStage = stage;
      lastQuarter = quarter;
    }
  };
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
