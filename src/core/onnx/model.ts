import { readFileSync, statSync } from 'node:fs';
import { onnx } from 'onnx-proto';
import { ModelFileError } from '../errors';
import { readFloatTensor } from './tensor';
import { findLayers, type DenseLayer, type LayerSummary } from './layers';

export interface GraphInput {
  name: string;
  /** Numbers for fixed dims, strings for symbolic ones (a batch axis, usually). */
  dims: Array<number | string>;
}

export interface LoadedModel {
  file: string;
  proto: onnx.ModelProto;
  inputs: GraphInput[];
  outputs: string[];
  opset: number;
  /** Every layer in graph order, compressible or not, for display. */
  layers: LayerSummary[];
  /** The compressible fully-connected layers, in graph order. */
  dense: DenseLayer[];
  /** Bytes of the file as read, for checksums and unchanged re-use. */
  bytes: Uint8Array;
}

const fail = (file: string, msg: string) => new ModelFileError(file, msg);

/** Guards against a model whose size alone would exhaust memory; the caller passes the configured budget. */
export function loadModel(file: string, maxBytes = 2 * 1024 ** 3): LoadedModel {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw fail(file, 'file not found');
  }
  if (size === 0) throw fail(file, 'file is empty (0 bytes); expected an ONNX model');
  if (size > maxBytes) throw fail(file, `file is ${size} bytes, larger than the memory budget of ${maxBytes} bytes`);
  const bytes = new Uint8Array(readFileSync(file));
  return parseModel(file, bytes);
}

export function parseModel(file: string, bytes: Uint8Array): LoadedModel {
  let proto: onnx.ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw fail(file, `not a valid ONNX model (protobuf decoding failed: ${(e as Error).message}); the file may be truncated or not an ONNX file`);
  }
  const graph = proto.graph;
  if (!graph || !graph.node || graph.node.length === 0) {
    throw fail(file, 'not a valid ONNX model: it has no graph nodes (is it really an .onnx file?)');
  }
  const opset = Math.max(0, ...(proto.opsetImport ?? []).filter((o) => !o.domain || o.domain === 'ai.onnx').map((o) => Number(o.version)));
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? [])
    .filter((vi) => !initializerNames.has(vi.name))
    .map((vi) => ({ name: vi.name ?? "", dims: (vi.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue != null ? Number(d.dimValue) : '?')) }));
  if (inputs.length !== 1) {
    throw fail(file, `the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); CoreNet supports models with exactly one input`);
  }
  const outputs = (graph.output ?? []).map((o) => o.name ?? "");
  const { layers, dense } = findLayers(graph, (t) => readFloatTensor(t, file, fail), (msg) => fail(file, msg));
  return { file, proto, inputs, outputs, opset, layers, dense, bytes };
}

/** Product of the fixed non-batch dims of the model's input, or null when one of them is symbolic. */
export function inputFeatureShape(model: LoadedModel): number[] | null {
  const dims = model.inputs[0].dims.slice(1);
  return dims.every((d) => typeof d === 'number' && d > 0) ? (dims as number[]) : null;
}

/** What `inspect` shows, for the CLI's --json and the extension alike. */
export interface ModelSummary {
  file: string;
  opset: number;
  input: GraphInput;
  outputs: string[];
  layers: LayerSummary[];
  compressible: number;
}

export function summarizeModel(m: LoadedModel): ModelSummary {
  return { file: m.file, opset: m.opset, input: m.inputs[0], outputs: m.outputs, layers: m.layers, compressible: m.dense.length };
}
