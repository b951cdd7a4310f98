import * as ort from 'onnxruntime-node';
import { ModelFileError } from '../errors';

export interface Matrix {
  data: Float32Array;
  rows: number;
  cols: number;
}

export async function createSession(bytes: Uint8Array, file: string): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(bytes, { intraOpNumThreads: 2, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  } catch (e) {
    const msg = (e as Error).message.replace(/\s+/g, ' ').slice(0, 500);
    throw new ModelFileError(file, `onnxruntime cannot load this model: ${msg}`);
  }
}

/**
 * Runs `rows` inputs through the session in batches and returns each requested output as a
 * [rows, cols] matrix (any non-batch dims flattened).
 */
export async function runBatched(
  session: ort.InferenceSession,
  file: string,
  input: { name: string; featureDims: number[]; fixedBatch: number | null },
  data: Float32Array,
  rows: number,
  outputs: string[],
  onBatch?: (done: number) => void,
): Promise<Map<string, Matrix>> {
  const rowSize = input.featureDims.reduce((a, b) => a * b, 1);
  const batch = input.fixedBatch ?? 1024;
  const parts = new Map<string, Float32Array[]>(outputs.map((o) => [o, []]));
  const cols = new Map<string, number>();
  for (let start = 0; start < rows; start += batch) {
    const n = Math.min(batch, rows - start);
    let chunk = data.subarray(start * rowSize, (start + n) * rowSize);
    if (input.fixedBatch !== null && n < input.fixedBatch) {
      const padded = new Float32Array(input.fixedBatch * rowSize);
      padded.set(chunk);
      chunk = padded;
    }
    const feeds = { [input.name]: new ort.Tensor('float32', chunk, [input.fixedBatch ?? n, ...input.featureDims]) };
    let result: ort.InferenceSession.OnnxValueMapType;
    try {
      result = await session.run(feeds, outputs);
    } catch (e) {
      throw new ModelFileError(file, `onnxruntime failed to run the model: ${(e as Error).message.replace(/\s+/g, ' ').slice(0, 400)}`);
    }
    for (const o of outputs) {
      const t = result[o];
      const all = t.data as Float32Array;
      const per = all.length / (input.fixedBatch ?? n);
      cols.set(o, per);
      parts.get(o)!.push(all.subarray(0, n * per).slice());
      t.dispose?.();
    }
    onBatch?.(start + n);
  }
  const out = new Map<string, Matrix>();
  for (const o of outputs) {
    const c = cols.get(o) ?? 0;
    const data = new Float32Array(rows * c);
    let off = 0;
    for (const p of parts.get(o)!) { data.set(p, off); off += p.length; }
    out.set(o, { data, rows, cols: c });
  }
  return out;
}
