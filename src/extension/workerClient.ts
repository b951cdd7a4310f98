/**
 * Runs jobs in a forked dist/worker.js speaking src/protocol/worker.ts. The extension host never
 * does the math: a crash, an out-of-memory abort or a hang in the worker becomes a rejected
 * promise here and the host carries on. No `vscode` import, so unit tests drive it directly.
 *
 * Cancel sends the protocol's cancel message and then kills the process: a worker inside a long
 * wasm loop only looks at cancel flags between stages, and the user should not wait for that.
 * Killing can leave a `.corenet-tmp-<pid>-…` file from an interrupted atomic write, so the
 * client removes those from the folders the job was writing to.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import type { StageName } from '../core/report';
import { isWorkerToHost, type BoundJob, type CompressJob, type ErrorKind, type HostToWorker, type JobResult, type SweepJob, type WorkerToHost } from '../protocol/worker';
import { removeWorkerTempFiles } from './paths';

export type WorkerRequest =
  | { type: 'compress'; job: CompressJob }
  | { type: 'inspect'; model: string; maxBytes?: number }
  | { type: 'sweep'; job: SweepJob }
  | { type: 'bound'; job: BoundJob };

export type ResultFor<T extends WorkerRequest['type']> = Extract<JobResult, { kind: T }>;
export type RequestOf<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

/** The worker's own error kinds, plus what the client itself detects. */
export type WorkerFailureKind = ErrorKind | 'crash' | 'timeout';

export class WorkerJobError extends Error {
  constructor(
    readonly kind: WorkerFailureKind,
    message: string,
    /** The input file at fault, when the worker names one. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'WorkerJobError';
  }
}

export interface WorkerProgress {
  stage: StageName;
  fraction: number;
  message?: string;
}

export interface WorkerClientOptions {
  workerPath: string;
  memoryMB: number;
  /** Per request; 0 or Infinity for none. */
  timeoutMs: number;
  log?: (line: string) => void;
}

interface Pending {
  expected: WorkerRequest['type'];
  resolve(r: JobResult): void;
  reject(e: WorkerJobError): void;
  onProgress?: (p: WorkerProgress) => void;
  timer?: NodeJS.Timeout;
  /** Folders the job writes to (temp files to remove if the worker dies). */
  outputDirs: string[];
}

const STDERR_TAIL_CHARS = 4000;

function outputDirsOf(req: WorkerRequest): string[] {
  switch (req.type) {
    case 'compress':
      return [dirname(req.job.out), dirname(req.job.report)];
    case 'sweep':
      return [dirname(req.job.json)];
    case 'bound':
      return [dirname(req.job.json), dirname(req.job.markdown)];
    case 'inspect':
      return [];
    default: {
      const never: never = req;
      throw new Error(`unknown request ${JSON.stringify(never)}`);
    }
  }
}

export class WorkerClient {
  private child: ChildProcess | null = null;
  private readyPromise: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderrTail = '';
  /** Set just before we kill the process ourselves, so the exit is not reported as a crash. */
  private stopReason: { kind: WorkerFailureKind; message: string } | null = null;
  private pid = 0;

  constructor(private readonly options: WorkerClientOptions) {}

  get running(): boolean {
    return this.child !== null;
  }

  /** Forks the worker (once) and resolves when it says it is ready. */
  start(): Promise<void> {
    if (this.readyPromise) return this.readyPromise;
    this.stopReason = null;
    this.stderrTail = '';
    this.readyPromise = new Promise<void>((resolveReady, rejectReady) => {
      const child = fork(this.options.workerPath, [], {
        execArgv: [`--max-old-space-size=${this.options.memoryMB}`],
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      this.child = child;
      this.pid = child.pid ?? 0;
      child.stdout?.on('data', (d: Buffer) => this.log(`worker stdout: ${d.toString().trimEnd()}`));
      child.stderr?.on('data', (d: Buffer) => {
        const text = d.toString();
        this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
        this.log(`worker stderr: ${text.trimEnd()}`);
      });
      child.on('message', (raw: unknown) => {
        if (!isWorkerToHost(raw)) {
          this.log(`ignored a malformed worker message: ${JSON.stringify(raw)?.slice(0, 200)}`);
          return;
        }
        if (raw.type === 'ready') resolveReady();
        else this.onMessage(raw);
      });
      child.on('error', (e) => {
        // Fork itself failed (or IPC broke): nothing will answer.
        this.log(`worker process error: ${e.message}`);
        rejectReady(new WorkerJobError('crash', `could not run the CoreNet worker: ${e.message}`));
        this.failAll('crash', `the CoreNet worker failed: ${e.message}`);
      });
      child.on('exit', (code, signal) => {
        const described = this.describeExit(code, signal);
        this.log(`worker ${this.pid} exited (${signal ?? `code ${code}`})`);
        this.child = null;
        this.readyPromise = null;
        rejectReady(new WorkerJobError('crash', described));
        this.failAll(this.stopReason?.kind ?? 'crash', this.stopReason?.message ?? described);
      });
    });
    return this.readyPromise;
  }

  /** Sends one job; resolves with its result or rejects with a WorkerJobError. */
  async request<T extends WorkerRequest['type']>(req: RequestOf<T>, onProgress?: (p: WorkerProgress) => void): Promise<ResultFor<T>> {
    await this.start();
    const id = this.nextId++;
    const result = new Promise<JobResult>((resolve, reject) => {
      const entry: Pending = { expected: req.type, resolve, reject, onProgress, outputDirs: outputDirsOf(req) };
      const limit = this.options.timeoutMs;
      if (limit > 0 && Number.isFinite(limit)) {
        entry.timer = setTimeout(() => this.stop('timeout', `the job took longer than ${Math.round(limit / 60000)} minute(s) (setting corenet.workerTimeoutMinutes) and was stopped`), limit);
      }
      this.pending.set(id, entry);
    });
    const message = { ...req, id } as HostToWorker;
    if (this.child) this.child.send(message);
    else this.failAll('crash', 'the CoreNet worker stopped before it could take the job');
    return (await result) as ResultFor<T>;
  }

  /** Asks the worker to stop, then kills it; every pending request rejects with kind 'cancelled'. */
  cancel(): void {
    for (const id of this.pending.keys()) this.child?.send({ type: 'cancel', id } satisfies HostToWorker);
    this.stop('cancelled', 'cancelled');
  }

  /** Kills the worker (no-op when not running). */
  dispose(): void {
    this.stop('cancelled', 'the CoreNet worker was shut down');
  }

  private stop(kind: WorkerFailureKind, message: string): void {
    if (!this.child) return;
    this.stopReason = { kind, message };
    this.child.kill('SIGKILL');
  }

  private onMessage(m: Exclude<WorkerToHost, { type: 'ready' }>): void {
    const entry = this.pending.get(m.id);
    switch (m.type) {
      case 'progress':
        entry?.onProgress?.({ stage: m.stage, fraction: m.fraction, message: m.message });
        return;
      case 'result':
        if (!entry) return;
        this.settle(m.id);
        if (m.result.kind !== entry.expected) entry.reject(new WorkerJobError('internal', `the worker answered a ${entry.expected} request with a ${m.result.kind} result`));
        else entry.resolve(m.result);
        return;
      case 'error':
        if (!entry) {
          this.log(`worker error without a request (${m.kind}): ${m.message}`);
          return;
        }
        this.settle(m.id);
        entry.reject(new WorkerJobError(m.kind, m.message, m.file));
        return;
      default: {
        const never: never = m;
        this.log(`unhandled worker message ${JSON.stringify(never)}`);
      }
    }
  }

  private settle(id: number): void {
    const entry = this.pending.get(id);
    if (entry?.timer) clearTimeout(entry.timer);
    this.pending.delete(id);
  }

  private failAll(kind: WorkerFailureKind, message: string): void {
    const entries = [...this.pending.entries()];
    const dirs = entries.flatMap(([, e]) => e.outputDirs);
    // Clean up first, so whoever awaits the rejection finds the folder as it was.
    if (this.pid && dirs.length) {
      for (const f of removeWorkerTempFiles(dirs, this.pid)) this.log(`removed the unfinished file ${f}`);
    }
    for (const [id, entry] of entries) {
      this.settle(id);
      entry.reject(new WorkerJobError(kind, message));
    }
  }

  private describeExit(code: number | null, signal: NodeJS.Signals | null): string {
    const tail = this.stderrTail;
    if (/heap out of memory|Allocation failed|out of memory/i.test(tail)) {
      return `the CoreNet worker ran out of memory (limit ${this.options.memoryMB} MB, setting corenet.workerMemoryMB): try a smaller model or more memory`;
    }
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    const lastLine = tail.trim().split('\n').filter((l) => l.trim()).pop();
    return `the CoreNet worker stopped unexpectedly (it ${how})${lastLine ? `: ${lastLine.trim().slice(0, 300)}` : ''}`;
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
