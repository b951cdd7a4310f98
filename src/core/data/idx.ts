import { DataFileError } from '../errors';
import { decode, type DType, type RawArray } from './npy';

const TYPES: Record<number, { dtype: DType; width: number }> = {
  0x08: { dtype: 'uint8', width: 1 }, 0x09: { dtype: 'int8', width: 1 }, 0x0b: { dtype: 'int16', width: 2 },
  0x0c: { dtype: 'int32', width: 4 }, 0x0d: { dtype: 'float32', width: 4 }, 0x0e: { dtype: 'float64', width: 8 },
};

/** The IDX format of MNIST and Fashion-MNIST: big-endian, magic 0 0 type ndim, then ndim uint32 dims. */
export function parseIdx(file: string, buf: Uint8Array): RawArray {
  const fail = (msg: string) => new DataFileError(file, msg);
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0) throw fail('not an IDX file (bad magic bytes)');
  const kind = TYPES[buf[2]];
  if (!kind) throw fail(`unsupported IDX element type 0x${buf[2].toString(16)}`);
  const ndim = buf[3];
  if (ndim < 1 || buf.length < 4 + 4 * ndim) throw fail(`truncated IDX header (${ndim} dimensions)`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = 4 + 4 * ndim;
  if (buf.length - offset < count * kind.width) {
    throw fail(`truncated: header says shape [${shape.join(', ')}] (${count * kind.width} bytes of data) but the file holds ${buf.length - offset}`);
  }
  return { dtype: kind.dtype, shape, values: decode(view, offset, count, kind.dtype, false) };
}
