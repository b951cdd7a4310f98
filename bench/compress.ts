/**
 * Benchmark of `compress` on the LeNet-300-100 fixture: time per stage, median of several runs
 * after a warm-up, at |S| = 152 (§4 default) and |S| = 1000. Run: npm run bench
 */
import { cpus } from 'node:os';
import { prepare, runMethod } from '../src/core/pipeline';
import { STAGES, type StageName } from '../src/core/report';

const F = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const runs = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(calibSize: number): Promise<Record<StageName, number>> {
  const prep = await prepare({
    model: 'test/fixtures/lenet300.onnx', calib: `${F}/train-images-idx3-ubyte.gz`, eval: `${F}/t10k-images-idx3-ubyte.gz`,
    labels: `${F}/t10k-labels-idx1-ubyte.gz`, seed: 0, delta: 0.1, calibSize,
  });
  const { report } = await runMethod(prep, { method: 'corenet+', target: { kind: 'keep', keep: 0.1 }, seed: 0 });
  return report.timings;
}

(async () => {
  console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}; ${runs} runs after a warm-up, median ms`);
  console.log(['|S|', ...STAGES, 'total'].map((s) => s.padStart(12)).join(''));
  for (const calibSize of [152, 1000]) {
    await once(calibSize);
    const all: Record<StageName, number>[] = [];
    for (let r = 0; r < runs; r++) all.push(await once(calibSize));
    const med = STAGES.map((s) => median(all.map((t) => t[s])));
    console.log([String(calibSize), ...med.map((v) => v.toFixed(0)), med.reduce((a, b) => a + b, 0).toFixed(0)].map((s) => s.padStart(12)).join(''));
  }
})();
