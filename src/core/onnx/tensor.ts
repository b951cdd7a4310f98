import { onnx } from 'onnx-proto';

export const FLOAT = 1;
export const DOUBLE = 11;

/** Reads a float tensor from float_data or raw_data. raw_data may sit at an unaligned offset, hence the DataView. */
export function readFloatTensor(t: onnx.ITensorProto, file: string, fail: (file: string, msg: string) => Error): Float32Array {
  const dims = (t.dims ?? []).map(Number);
  const count = dims.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count) || count < 0 || dims.some((d) => d < 0)) {
    throw fail(file, `initializer "${t.name}" has invalid dims [${dims.join(', ')}]`);
  }
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    throw fail(file, `initializer "${t.name}" uses external data, which is not supported yet (save the model with all tensors inside the .onnx file)`);
  }
  if (t.dataType !== FLOAT && t.dataType !== DOUBLE) {
    throw fail(file, `initializer "${t.name}" has data type ${t.dataType}; only float32 (1) and float64 (11) weights are supported`);
  }
  const raw = t.rawData;
  if (raw && raw.length > 0) {
    const width = t.dataType === FLOAT ? 4 : 8;
    if (raw.length !== count * width) {
      throw fail(file, `initializer "${t.name}" holds ${raw.length} bytes but its dims [${dims.join(', ')}] need ${count * width}`);
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = new Float32Array(count);
    if (width === 4) for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
    else for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
    return out;
  }
  const values = t.dataType === FLOAT ? t.floatData : t.doubleData;
  if (!values || values.length !== count) {
    throw fail(file, `initializer "${t.name}" holds ${values?.length ?? 0} values but its dims [${dims.join(', ')}] need ${count}`);
  }
  return Float32Array.from(values as number[]);
}

/** Replaces a tensor's contents with float32 data; raw_data must go, an empty one still gets written and onnxruntime rejects it. */
export function setFloatTensor(t: onnx.ITensorProto, dims: number[], data: Float32Array): void {
  t.dims = dims;
  t.dataType = FLOAT;
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  t.rawData = bytes;
  t.floatData = [];
  t.doubleData = [];
}
