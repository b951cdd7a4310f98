/**
 * Model summaries come from the worker (`inspect`), never from parsing in the extension host.
 * One long-lived worker answers them (it restarts itself after a crash), cached per file version.
 */
import { statSync } from 'node:fs';
import type { ModelSummary } from '../protocol/worker';
import type { WorkerClient } from './workerClient';

export class InspectService {
  private client: WorkerClient | null = null;
  private readonly cache = new Map<string, { mtimeMs: number; size: number; summary: ModelSummary }>();

  constructor(
    private readonly createClient: () => WorkerClient,
    private readonly maxBytes: () => number,
  ) {}

  async inspect(file: string): Promise<ModelSummary> {
    const st = statSync(file);
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.summary;
    this.client ??= this.createClient();
    const result = await this.client.request({ type: 'inspect', model: file, maxBytes: this.maxBytes() });
    this.cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, summary: result.summary });
    return result.summary;
  }

  dispose(): void {
    this.client?.dispose();
    this.client = null;
  }
}
