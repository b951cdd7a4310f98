import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataFileError } from '../errors';
import { parseIdx } from './idx';
import { parseNpy, type DType, type RawArray } from './npy';

export interface Dataset {
  file: string;
  /** Shape as stored, batch first. */
  shape: number[];
  dtype: DType;
  rows: number;
  /** Elements per row. */
  rowSize: number;
  data: Float32Array;
  scaled: boolean;
}

export type ScaleMode = 'auto' | 'none' | number;

function readArray(file: string, maxBytes: number): RawArray {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DataFileError(file, 'file not found');
  }
  if (size === 0) throw new DataFileError(file, 'file is empty (0 bytes)');
  if (size > maxBytes) throw new DataFileError(file, `file is ${size} bytes, larger than the memory budget of ${maxBytes} bytes`);
  let buf = new Uint8Array(readFileSync(file));
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = new Uint8Array(gunzipSync(buf, { maxOutputLength: maxBytes }));
    } catch (e) {
      throw new DataFileError(file, `gzip data is corrupt or too large (${(e as Error).message})`);
    }
  }
  if (buf[0] === 0x93) return parseNpy(file, buf);
  if (buf[0] === 0 && buf[1] === 0) return parseIdx(file, buf);
  throw new DataFileError(file, 'unknown data format: expected .npy or IDX (optionally gzipped)');
}

/**
 * Inputs: any leading batch dimension; uint8 images are scaled to [0, 1] unless `scale` says otherwise.
 * NaN or infinite values are refused with the index of the first one.
 */
export function loadInputs(file: string, options: { scale?: ScaleMode; maxBytes?: number } = {}): Dataset {
  const raw = readArray(file, options.maxBytes ?? 4 * 1024 ** 3);
  if (raw.shape.length < 1) throw new DataFileError(file, 'a 0-dimensional array holds no rows');
  const rows = raw.shape[0];
  const rowSize = raw.shape.slice(1).reduce((a, b) => a * b, 1);
  const scale = options.scale ?? 'auto';
  const factor = typeof scale === 'number' ? scale : scale === 'auto' && raw.dtype === 'uint8' ? 1 / 255 : 1;
  const data = new Float32Array(raw.values.length);
  for (let i = 0; i < data.length; i++) {
    const v = raw.values[i];
    if (!Number.isFinite(v)) {
      throw new DataFileError(file, `contains ${v} at row ${Math.floor(i / Math.max(1, rowSize))} (flat index ${i}); inputs must be finite`);
    }
    data[i] = v * factor;
  }
  return { file, shape: raw.shape, dtype: raw.dtype, rows, rowSize, data, scaled: factor !== 1 };
}

export function loadLabels(file: string, options: { classes?: number; maxBytes?: number } = {}): Int32Array {
  const raw = readArray(file, options.maxBytes ?? 1024 ** 3);
  if (raw.dtype === 'float32' || raw.dtype === 'float64') throw new DataFileError(file, `labels must be integers, found dtype ${raw.dtype}`);
  const count = raw.shape.reduce((a, b) => a * b, 1);
  if (raw.shape.length !== 1 && !(raw.shape.length === 2 && raw.shape[1] === 1)) {
    throw new DataFileError(file, `labels must have shape [N] or [N, 1], found [${raw.shape.join(', ')}]`);
  }
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const v = raw.values[i];
    if (v < 0 || (options.classes !== undefined && v >= options.classes)) {
      throw new DataFileError(file, `label ${v} at row ${i} is out of range: the model has ${options.classes} outputs (labels 0..${(options.classes ?? 1) - 1})`);
    }
    out[i] = v;
  }
  return out;
}

/** Checks a dataset against the model's input: same elements per row (a reshape is allowed, 28x28 -> 784). */
export function checkAgainstModel(ds: Dataset, featureShape: number[] | null, inputName: string): void {
  if (!featureShape) return;
  const expected = featureShape.reduce((a, b) => a * b, 1);
  if (ds.rowSize !== expected) {
    throw new DataFileError(ds.file, `shape mismatch: the model input "${inputName}" expects [N, ${featureShape.join(', ')}] (${expected} values per row) but the file holds [${ds.shape.join(', ')}] (${ds.rowSize} per row)`);
  }
}

/** Rows `indices` of a dataset, as one contiguous array. */
export function takeRows(ds: Dataset, indices: ArrayLike<number>): Float32Array {
  const out = new Float32Array(indices.length * ds.rowSize);
  for (let r = 0; r < indices.length; r++) out.set(ds.data.subarray(indices[r] * ds.rowSize, (indices[r] + 1) * ds.rowSize), r * ds.rowSize);
  return out;
}
