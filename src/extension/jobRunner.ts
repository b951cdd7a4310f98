/**
 * Runs one heavy job (compress, sweep, bound) in its own worker process, inside a cancellable
 * progress notification. A fresh process per job means Cancel can simply kill it, and memory
 * goes back to the system when the job ends.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { StageName } from '../core/report';
import type { CoreNetSettings } from './settingsModel';
import { WorkerClient, WorkerJobError, type RequestOf, type ResultFor, type WorkerRequest } from './workerClient';

export interface JobRunnerContext {
  workerPath: string;
  log: vscode.LogOutputChannel;
  settings: () => CoreNetSettings;
}

export interface JobSpec<T extends WorkerRequest['type']> {
  /** e.g. "Compressing lenet300.onnx". */
  title: string;
  model: string;
  request: RequestOf<T>;
  /** Stages this job goes through, in order (progress is spread evenly over them). */
  stages: StageName[];
  /** A caller's own cancellation, honoured like the notification's Cancel button. */
  token?: vscode.CancellationToken;
}

export function createWorkerClient(ctx: JobRunnerContext): WorkerClient {
  const s = ctx.settings();
  return new WorkerClient({
    workerPath: ctx.workerPath,
    memoryMB: s.workerMemoryMB,
    timeoutMs: s.workerTimeoutMinutes * 60_000,
    log: (line) => ctx.log.debug(line),
  });
}

export class JobRunner {
  constructor(private readonly ctx: JobRunnerContext) {}

  /** Resolves with the job's result; rejects with a WorkerJobError (kind 'cancelled' on Cancel). */
  run<T extends WorkerRequest['type']>(spec: JobSpec<T>): Promise<ResultFor<T>> {
    const log = this.ctx.log;
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `CoreNet: ${spec.title}`, cancellable: true },
        async (progress, token) => {
          const client = createWorkerClient(this.ctx);
          const cancel = () => {
            log.info(`${spec.request.type} ${spec.model}: cancel requested`);
            client.cancel();
          };
          const cancelListener = token.onCancellationRequested(cancel);
          const callerListener = spec.token?.onCancellationRequested(cancel);
          if (spec.token?.isCancellationRequested) cancel();
          let stage: StageName | null = null;
          let reported = 0;
          const started = Date.now();
          log.info(`${spec.request.type} ${spec.model}: started`);
          try {
            return await client.request(spec.request, (p) => {
              if (p.stage !== stage) {
                stage = p.stage;
                log.info(`${spec.request.type} ${basename(spec.model)}: ${p.stage}${p.message ? ` (${p.message})` : ''}`);
              }
              const index = Math.max(0, spec.stages.indexOf(p.stage));
              const overall = Math.min(100, (100 * (index + Math.min(1, Math.max(0, p.fraction)))) / spec.stages.length);
              // withProgress wants increments; never report backwards.
              const increment = Math.max(0, overall - reported);
              reported += increment;
              progress.report({ increment, message: `${p.stage}${p.message ? `: ${p.message}` : ''}` });
            });
          } catch (e) {
            const err = e instanceof WorkerJobError ? e : new WorkerJobError('internal', e instanceof Error ? e.message : String(e));
            log.error(`${spec.request.type} ${spec.model}: ${err.kind}: ${err.message}`);
            throw err;
          } finally {
            log.info(`${spec.request.type} ${basename(spec.model)}: finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            cancelListener.dispose();
            callerListener?.dispose();
            client.dispose();
          }
        },
      ),
    );
  }
}

/** Shows a failure the way the user needs it: Cancel is information, anything else an error naming the model. */
export async function showJobFailure(e: unknown, verb: string, model: string, log: vscode.LogOutputChannel): Promise<void> {
  const err = e instanceof WorkerJobError ? e : new WorkerJobError('internal', e instanceof Error ? e.message : String(e));
  if (err.kind === 'cancelled') {
    void vscode.window.showInformationMessage(`CoreNet: ${verb} ${basename(model)} was cancelled.`);
    return;
  }
  const showLog = 'Show Log';
  // Input errors already start with the file they name; do not repeat the model's path before it.
  const detail = err.file && !err.message.includes(err.file) ? `${err.file}: ${err.message}` : err.message;
  const subject = detail.startsWith(model) ? basename(model) : model;
  const choice = await vscode.window.showErrorMessage(`CoreNet: ${verb} ${subject} failed: ${detail}`, showLog);
  if (choice === showLog) log.show(true);
}
