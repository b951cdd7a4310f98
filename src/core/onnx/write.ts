import { onnx } from 'onnx-proto';
import type { LoadedModel } from './model';
import { setFloatTensor } from './tensor';

/** New weights for one dense layer, effective form ([out, in], alpha and beta folded in). */
export interface LayerWeights {
  weight: Float32Array;
  bias: Float32Array | null;
  outFeatures: number;
  inFeatures: number;
}

export interface BuildOptions {
  /** Replacement per dense layer (index as in model.dense); null keeps the original. */
  layers?: Array<LayerWeights | null>;
  /** Intermediate tensors to expose as extra graph outputs (for reading activations). */
  extraOutputs?: string[];
  metadata?: Record<string, string>;
}

/** A fresh proto per build: decoding the original bytes again is the cheapest deep copy. */
export function buildModel(model: LoadedModel, options: BuildOptions): Uint8Array {
  const proto = onnx.ModelProto.decode(model.bytes);
  const graph = proto.graph!;
  const tensors = new Map<string, onnx.ITensorProto>();
  for (const t of graph.initializer ?? []) tensors.set(t.name ?? '', t);
  for (const n of graph.node ?? []) {
    if (n.opType === 'Constant') {
      const v = (n.attribute ?? []).find((a) => a.name === 'value')?.t;
      if (v && n.output?.[0]) tensors.set(n.output[0], v);
    }
  }
  let shapesChanged = false;
  (options.layers ?? []).forEach((repl, i) => {
    if (!repl) return;
    const layer = model.dense[i];
    const { outFeatures: out, inFeatures: inF } = repl;
    if (out !== layer.outFeatures || inF !== layer.inFeatures) shapesChanged = true;
    const stored = new Float32Array(out * inF);
    for (let o = 0; o < out; o++)
      for (let k = 0; k < inF; k++) {
        const v = repl.weight[o * inF + k] / layer.alpha;
        if (layer.layout === 'out_in') stored[o * inF + k] = v;
        else stored[k * out + o] = v;
      }
    setFloatTensor(tensors.get(layer.weightName)!, layer.layout === 'out_in' ? [out, inF] : [inF, out], stored);
    if (layer.biasName && repl.bias && layer.beta !== 0) {
      const dims = layer.biasDims && layer.biasDims.length === 2 ? [1, out] : [out];
      setFloatTensor(tensors.get(layer.biasName)!, dims, repl.bias.map((v) => v / layer.beta));
    }
  });
  // Intermediate shapes recorded by the exporter would contradict a structurally smaller layer; they are optional.
  if (shapesChanged) graph.valueInfo = [];
  for (const name of options.extraOutputs ?? []) {
    if ((graph.output ?? []).some((o) => o.name === name)) continue;
    graph.output!.push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT } } }));
  }
  if (options.metadata) {
    proto.metadataProps = (proto.metadataProps ?? []).filter((p) => !(p.key && p.key in options.metadata!));
    for (const [key, value] of Object.entries(options.metadata)) proto.metadataProps.push({ key, value });
  }
  return onnx.ModelProto.encode(proto).finish();
}
