/**
 * Host ↔ worker messages (child_process IPC). Every request carries an id; every reply names it.
 * Cancel is a message too, but a worker busy in a tight loop only sees it between stages, so the
 * host also kills the process when the user cancels.
 */
import type { BoundReport } from '../core/bound';
import type { AllocationName, MethodName } from '../core/compress/types';
import type { ModelSummary } from '../core/onnx/model';
import type { PrepareOptions } from '../core/pipeline';
import type { CompressionReport, StageName } from '../core/report';
import type { SweepResult } from '../core/sweep';

/** What every job reads: the core's own options (a worker job never rescales data: uint8 is scaled automatically). */
export type DataOptions = Omit<PrepareOptions, 'scale'>;

export interface CompressJob extends DataOptions {
  method: MethodName;
  keep?: number;
  eps?: number;
  allocation: AllocationName;
  candidates?: number;
  out: string;
  report: string;
}

export interface SweepJob extends DataOptions {
  methods: MethodName[];
  keeps: number[];
  seeds: number;
  json: string;
}

export interface BoundJob extends DataOptions {
  trainSize: number;
  margin: number;
  json: string;
  markdown: string;
}

export type { ModelSummary };

export type HostToWorker =
  | { type: 'compress'; id: number; job: CompressJob }
  | { type: 'inspect'; id: number; model: string; maxBytes?: number }
  | { type: 'sweep'; id: number; job: SweepJob }
  | { type: 'bound'; id: number; job: BoundJob }
  | { type: 'cancel'; id: number };

export type JobResult =
  | { kind: 'compress'; report: CompressionReport; output: string; reportFile: string }
  | { kind: 'inspect'; summary: ModelSummary }
  | { kind: 'sweep'; result: SweepResult; json: string }
  | { kind: 'bound'; report: BoundReport; markdown: string; json: string; markdownFile: string };

export type ErrorKind = 'input' | 'usage' | 'cancelled' | 'internal';

export type WorkerToHost =
  | { type: 'ready'; pid: number }
  | { type: 'progress'; id: number; stage: StageName; fraction: number; message?: string }
  | { type: 'result'; id: number; result: JobResult }
  | { type: 'error'; id: number; kind: ErrorKind; message: string; file?: string };

const HOST_TYPES = ['compress', 'inspect', 'sweep', 'bound', 'cancel'];
const WORKER_TYPES = ['ready', 'progress', 'result', 'error'];

/** Structural check of an incoming message: it comes from another process, so trust nothing. */
export function isHostToWorker(m: unknown): m is HostToWorker {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (typeof o.type !== 'string' || !HOST_TYPES.includes(o.type) || typeof o.id !== 'number') return false;
  if (o.type === 'inspect') return typeof o.model === 'string';
  if (o.type === 'cancel') return true;
  const job = o.job as Record<string, unknown> | undefined;
  return typeof job === 'object' && job !== null && typeof job.model === 'string' && typeof job.calib === 'string';
}

export function isWorkerToHost(m: unknown): m is WorkerToHost {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  if (typeof o.type !== 'string' || !WORKER_TYPES.includes(o.type)) return false;
  if (o.type === 'ready') return true;
  return typeof o.id === 'number';
}
