// Writes docs/results.md from the sweep JSON files in the folder given (tables) and the hand-written
// analysis in docs/results-analysis.md (which names findings; numbers come from the JSON only).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'docs/results';
const f4 = (v) => (v === null || v === undefined ? 'n/a' : v.toFixed(4));
const sci = (v) => (v === null || v === undefined ? 'n/a' : v >= 1e4 ? v.toExponential(2) : v.toFixed(4));
const out = [];
out.push('# Results: CoreNet against uniform sampling, SVD and magnitude pruning on Fashion-MNIST', '');
out.push('Every number below comes from `corenet sweep` and regenerates with one command: `bash scripts/results.sh`');
out.push('(about 30 minutes on 2 cores; `RESULTS_WIDE=1` adds the wide network). No retraining anywhere; calibration');
out.push('points come from the training split, evaluation is the 10 000-image test split. Accuracy and error are');
out.push('mean ± standard deviation over seeds; "kept" is the realised fraction of parameters (target ± 1%).', '');
const analysis = 'docs/results-analysis.md';
if (existsSync(analysis)) out.push(readFileSync(analysis, 'utf8').trim(), '');
const allocationFiles = readdirSync(dir).filter((f) => f.startsWith('allocation-') && f.endsWith('.json'));
if (allocationFiles.length) {
  const runs = allocationFiles.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
  const keeps = [...new Set(runs.flatMap((r) => r.summary.map((s) => s.keep)))].sort((a, b) => b - a);
  const seeds = Math.max(...runs.flatMap((r) => r.summary.map((s) => s.seeds)));
  out.push('## Allocation across layers (§6)', '');
  out.push(`CoreNet+ on LeNet-300-100 with the three allocations, ${seeds} seeds each, |S| = ${runs[0].calibrationSize}: accuracy (relative output error).`, '');
  out.push(`| keep | ${runs.map((r) => `\`${r.allocation}\``).join(' | ')} |`, `|---:|${runs.map(() => '---:').join('|')}|`);
  for (const k of keeps) out.push(`| ${k} | ${runs.map((r) => { const c = r.summary.find((s) => s.keep === k); return c ? `${f4(c.accuracyMean)} ± ${f4(c.accuracyStd)} (${f4(c.errorMean)})` : ''; }).join(' | ')} |`);
  out.push('');
}
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('allocation-')).sort()) {
  const r = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const name = file.replace(/\.json$/, '');
  const seeds = Math.max(...r.summary.map((s) => s.seeds));
  out.push(`## ${name}`, '');
  out.push(`Model \`${r.model}\`, |S| = ${r.calibrationSize}, |T| = ${r.heldOutSize}, ${seeds} seeds, ${r.evaluation.rows} test images, allocation \`${r.allocation}\`, δ = ${r.delta}; uncompressed accuracy **${f4(r.originalAccuracy)}**; sweep time ${Math.round(r.seconds)} s.`, '');
  out.push(`![accuracy vs keep](results/${name}/accuracy-vs-keep.svg)`, '');
  const methods = [...new Set(r.summary.map((s) => s.method))];
  const keeps = [...new Set(r.summary.map((s) => s.keep))];
  out.push('Top-1 test accuracy:', '');
  out.push(`| keep | ${methods.join(' | ')} |`, `|---:|${methods.map(() => '---:').join('|')}|`);
  for (const k of keeps) {
    const cells = methods.map((m) => r.summary.find((s) => s.method === m && s.keep === k));
    const best = Math.max(...cells.map((c) => c?.accuracyMean ?? -1));
    out.push(`| ${k} | ${cells.map((c) => (c ? `${c.accuracyMean === best ? '**' : ''}${f4(c.accuracyMean)} ± ${f4(c.accuracyStd)}${c.accuracyMean === best ? '**' : ''}` : '')).join(' | ')} |`);
  }
  out.push('', 'Relative output error ‖f̂(x) − f(x)‖₂ / ‖f(x)‖₂ (mean over test points):', '');
  out.push(`| keep | ${methods.join(' | ')} |`, `|---:|${methods.map(() => '---:').join('|')}|`);
  for (const k of keeps) {
    const cells = methods.map((m) => r.summary.find((s) => s.method === m && s.keep === k));
    out.push(`| ${k} | ${cells.map((c) => (c ? `${f4(c.errorMean)} ± ${f4(c.errorStd)}` : '')).join(' | ')} |`);
  }
  out.push('', `![error vs keep](results/${name}/error-vs-keep.svg)`, '');
  const samplers = methods.filter((m) => r.summary.some((s) => s.method === m && s.predictedErrorMean !== null));
  if (samplers.length) {
    out.push('Predicted ε (§5, inverted from the sample sizes) against the measured error, with coverage (fraction of test points whose error is within the prediction):', '');
    out.push('| keep | method | predicted ε | measured mean | measured (1−δ) quantile | coverage (min over seeds) |', '|---:|---|---:|---:|---:|---:|');
    for (const k of keeps)
      for (const m of samplers) {
        const cells = r.cells.filter((c) => c.method === m && c.keep === k);
        const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
        out.push(`| ${k} | ${m} | ${sci(mean(cells.map((c) => c.predictedError)))} | ${f4(mean(cells.map((c) => c.measuredError)))} | ${f4(mean(cells.map((c) => c.errorQuantile)))} | ${f4(Math.min(...cells.map((c) => c.coverage)))} |`);
      }
    out.push('', `![predicted vs measured](results/${name}/predicted-vs-measured.svg)`, '');
  }
  out.push(`Raw cells: [${name}.csv](results/${name}.csv), [${name}.json](results/${name}.json).`, '');
}
process.stdout.write(out.join('\n') + '\n');
