import { DataFileError } from '../errors';

export type DType = 'float32' | 'float64' | 'uint8' | 'int8' | 'int16' | 'int32' | 'int64';

export interface RawArray {
  dtype: DType;
  shape: number[];
  /** Values as read (not scaled). */
  values: Float64Array | Float32Array;
}

const DESCR: Record<string, { dtype: DType; width: number }> = {
  f4: { dtype: 'float32', width: 4 }, f8: { dtype: 'float64', width: 8 }, u1: { dtype: 'uint8', width: 1 },
  i1: { dtype: 'int8', width: 1 }, i2: { dtype: 'int16', width: 2 }, i4: { dtype: 'int32', width: 4 }, i8: { dtype: 'int64', width: 8 },
};

/** NumPy .npy, format versions 1-3, C order. */
export function parseNpy(file: string, buf: Uint8Array): RawArray {
  const fail = (msg: string) => new DataFileError(file, msg);
  if (buf.length < 10 || buf[0] !== 0x93 || String.fromCharCode(...buf.subarray(1, 6)) !== 'NUMPY') throw fail('not a .npy file (bad magic bytes)');
  const major = buf[6];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  if (headerStart + headerLen > buf.length) throw fail(`truncated .npy header (needs ${headerLen} bytes)`);
  const header = new TextDecoder('latin1').decode(buf.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr':\s*'([<>|=])([a-z]\d+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shapeMatch = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shapeMatch) throw fail(`unreadable .npy header: ${header.trim()}`);
  if (fortran[1] === 'True') throw fail('Fortran-order arrays are not supported; save with np.ascontiguousarray');
  const kind = DESCR[descr[2]];
  if (!kind) throw fail(`unsupported dtype '${descr[1]}${descr[2]}' (supported: float32, float64, uint8, int8, int16, int32, int64)`);
  const little = descr[1] !== '>';
  const shape = shapeMatch[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw fail(`invalid shape (${shapeMatch[1]}) in the .npy header`);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = headerStart + headerLen;
  const need = count * kind.width;
  if (buf.length - offset < need) throw fail(`truncated: header says shape [${shape.join(', ')}] (${need} bytes of data) but the file holds ${buf.length - offset}`);
  return { dtype: kind.dtype, shape, values: decode(view, offset, count, kind.dtype, little) };
}

export function decode(view: DataView, offset: number, count: number, dtype: DType, little: boolean): Float32Array | Float64Array {
  const out = dtype === 'float64' || dtype === 'int64' ? new Float64Array(count) : new Float32Array(count);
  switch (dtype) {
    case 'float32': for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, little); break;
    case 'float64': for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, little); break;
    case 'uint8': for (let i = 0; i < count; i++) out[i] = view.getUint8(offset + i); break;
    case 'int8': for (let i = 0; i < count; i++) out[i] = view.getInt8(offset + i); break;
    case 'int16': for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i, little); break;
    case 'int32': for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, little); break;
    case 'int64': for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(offset + 8 * i, little)); break;
  }
  return out;
}

/** Float32 .npy writer (used for --dump-sensitivity). */
export function encodeNpyFloat32(shape: number[], data: Float32Array): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, ...Buffer.from('NUMPY'), 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  const view = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) view.setFloat32(4 * i, data[i], true);
  return out;
}
