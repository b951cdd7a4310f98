/**
 * The child process that does every heavy computation for the extension (the extension host
 * never runs the math). It answers the typed messages of src/protocol/worker.ts.
 */
import { boundMarkdown, computeBound } from '../core/bound';
import { CancelledError, InputError, UsageError, errorMessage } from '../core/errors';
import { writeFileAtomic } from '../core/io/atomicWrite';
import { loadModel, summarizeModel } from '../core/onnx/model';
import { prepare, runMethod, writeOutputs, type CancelToken } from '../core/pipeline';
import type { StageName } from '../core/report';
import { sweep } from '../core/sweep';
import { isHostToWorker, type ErrorKind, type HostToWorker, type JobResult, type WorkerToHost } from '../protocol/worker';

const tokens = new Map<number, { cancelled: boolean }>();

function send(m: WorkerToHost): void {
  process.send?.(m);
}

async function handle(m: Exclude<HostToWorker, { type: 'cancel' }>, token: CancelToken): Promise<JobResult> {
  const progress = (stage: StageName, fraction: number, message?: string) =>
    send({ type: 'progress', id: m.id, stage, fraction, message });
  switch (m.type) {
    case 'inspect': {
      return { kind: 'inspect', summary: summarizeModel(loadModel(m.model, m.maxBytes)) };
    }
    case 'compress': {
      const j = m.job;
      if (j.keep === undefined && j.eps === undefined) throw new UsageError('a compression needs a keep ratio or an eps');
      const prep = await prepare(j, progress, token);
      const run = await runMethod(prep, { method: j.method, target: j.eps !== undefined ? { kind: 'eps', eps: j.eps } : { kind: 'keep', keep: j.keep! }, seed: j.seed, allocation: j.allocation, candidates: j.candidates }, progress, token);
      writeOutputs(prep, run, j.out, j.report);
      return { kind: 'compress', report: run.report, output: j.out, reportFile: j.report };
    }
    case 'sweep': {
      const j = m.job;
      const prep = await prepare(j, progress, token);
      const seeds = Array.from({ length: j.seeds }, (_, i) => j.seed + i);
      const result = await sweep(prep, { methods: j.methods, keeps: j.keeps, seeds }, progress, token);
      writeFileAtomic(j.json, JSON.stringify(result, null, 2) + '\n');
      return { kind: 'sweep', result, json: j.json };
    }
    case 'bound': {
      const j = m.job;
      const prep = await prepare(j, progress, token);
      const report = computeBound(prep, j.trainSize, j.margin);
      const markdown = boundMarkdown(report);
      writeFileAtomic(j.json, JSON.stringify(report, null, 2) + '\n');
      writeFileAtomic(j.markdown, markdown);
      return { kind: 'bound', report, markdown, json: j.json, markdownFile: j.markdown };
    }
    default: {
      const never: never = m;
      throw new Error(`unhandled message ${JSON.stringify(never)}`);
    }
  }
}

function classify(e: unknown): { kind: ErrorKind; file?: string } {
  if (e instanceof CancelledError) return { kind: 'cancelled' };
  if (e instanceof InputError) return { kind: 'input', file: e.file };
  if (e instanceof UsageError) return { kind: 'usage' };
  return { kind: 'internal' };
}

process.on('message', (raw: unknown) => {
  if (!isHostToWorker(raw)) {
    send({ type: 'error', id: -1, kind: 'internal', message: `worker received a malformed message: ${JSON.stringify(raw)?.slice(0, 200)}` });
    return;
  }
  if (raw.type === 'cancel') {
    const t = tokens.get(raw.id);
    if (t) t.cancelled = true;
    return;
  }
  const token = { cancelled: false };
  tokens.set(raw.id, token);
  handle(raw, token).then(
    (result) => send({ type: 'result', id: raw.id, result }),
    (e) => send({ type: 'error', id: raw.id, ...classify(e), message: errorMessage(e) }),
  ).finally(() => tokens.delete(raw.id));
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready', pid: process.pid });
