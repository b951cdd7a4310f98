import { onnx } from 'onnx-proto';

/** A fully-connected layer CoreNet can compress: z = W a + b with W [out, in] (alpha and beta folded in). */
export interface DenseLayer {
  /** Position among the compressible layers, from 0 in graph order. */
  index: number;
  name: string;
  op: 'Gemm' | 'MatMul' | 'MatMul+Add';
  /** Index of the node holding the weight; for MatMul+Add also the Add node. */
  nodeIndex: number;
  addNodeIndex: number | null;
  weightName: string;
  biasName: string | null;
  /** How the weight initializer is stored: [out, in] (Gemm with transB=1) or [in, out] (MatMul, Gemm transB=0). */
  layout: 'out_in' | 'in_out';
  alpha: number;
  beta: number;
  /** Original stored bias dims, so a rewrite keeps [out] or [1, out]. */
  biasDims: number[] | null;
  inputName: string;
  outputName: string;
  /** Effective weight [out, in], row-major, alpha applied. */
  weight: Float32Array;
  /** Effective bias [out], beta applied; null for bias-free layers. */
  bias: Float32Array | null;
  inFeatures: number;
  outFeatures: number;
  /** 'relu' when the only consumer of the output is a Relu. */
  activation: 'relu' | 'none' | 'other';
  /** Tensor after the activation (and after pass-through shape ops). */
  activatedName: string;
  /** Index of the dense layer that reads this layer's ReLU output directly, when there is one (needed to drop neurons). */
  next: number | null;
}

export interface LayerSummary {
  name: string;
  op: string;
  compressible: boolean;
  /** Why not, when not compressible. */
  reason: string | null;
  inFeatures: number | null;
  outFeatures: number | null;
  params: number;
  /** Fraction of exactly-zero weights. */
  sparsity: number | null;
  denseIndex: number | null;
}

/** Ops that carry no weights and change nothing CoreNet cares about. */
const PASS_THROUGH = new Set(['Flatten', 'Reshape', 'Identity', 'Shape', 'Gather', 'Unsqueeze', 'Squeeze', 'Concat', 'Constant', 'Cast', 'Dropout', 'Slice']);
const ACTIVATIONS = new Set(['Relu', 'Sigmoid', 'Tanh', 'LeakyRelu', 'Elu', 'Softmax', 'LogSoftmax', 'Gelu', 'Selu', 'Softplus', 'HardSigmoid', 'Clip']);

type Read = (t: onnx.ITensorProto) => Float32Array;
type Fail = (msg: string) => Error;

function attr(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  if (!a) return fallback;
  return a.type === onnx.AttributeProto.AttributeType.FLOAT ? Number(a.f) : Number(a.i);
}

export function findLayers(graph: onnx.IGraphProto, read: Read, fail: Fail): { layers: LayerSummary[]; dense: DenseLayer[] } {
  const nodes = graph.node ?? [];
  const constants = new Map<string, onnx.ITensorProto>();
  for (const t of graph.initializer ?? []) constants.set(t.name ?? '', t);
  for (const n of nodes) {
    if (n.opType === 'Constant') {
      const v = (n.attribute ?? []).find((a) => a.name === 'value')?.t;
      if (v && n.output?.[0]) constants.set(n.output[0], v);
    }
  }
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, i) => (n.input ?? []).forEach((name) => consumers.set(name, [...(consumers.get(name) ?? []), i])));
  const useCount = (name: string) => consumers.get(name)?.length ?? 0;
  const graphOutputs = new Set((graph.output ?? []).map((o) => o.name));

  const layers: LayerSummary[] = [];
  const dense: DenseLayer[] = [];
  const claimed = new Set<number>();

  const notCompressible = (node: onnx.INodeProto, reason: string) => {
    let params = 0;
    for (const name of node.input ?? []) {
      const t = constants.get(name);
      if (t) params += (t.dims ?? []).map(Number).reduce((a, b) => a * b, 1);
    }
    layers.push({ name: node.name || node.output?.[0] || node.opType || '?', op: node.opType ?? '?', compressible: false, reason, inFeatures: null, outFeatures: null, params, sparsity: null, denseIndex: null });
  };

  nodes.forEach((node, i) => {
    if (claimed.has(i)) return;
    const op = node.opType ?? '';
    if (op === 'Gemm' || op === 'MatMul') {
      const why = tryDense(node, i);
      if (typeof why === 'string') notCompressible(node, why);
      return;
    }
    if (PASS_THROUGH.has(op) || ACTIVATIONS.has(op) || op === 'Add') return;
    notCompressible(node, `op "${op}" is not supported for compression (it still runs unchanged)`);
  });

  // Link each ReLU layer to the dense layer reading its output, so CoreNet+ can drop a neuron's row and the next layer's column.
  for (const layer of dense) {
    if (layer.activation !== 'relu') continue;
    const nextIdx = dense.findIndex((d) => d.inputName === layer.activatedName);
    if (nextIdx >= 0 && useCount(layer.activatedName) === 1 && !graphOutputs.has(layer.activatedName)) layer.next = nextIdx;
  }
  return { layers, dense };

  function tryDense(node: onnx.INodeProto, i: number): DenseLayer | string {
    const [x, wName, cName] = node.input ?? [];
    if (constants.has(x) && !constants.has(wName)) return 'the weight is the left operand (W·x); only x·W layers are supported';
    const wt = constants.get(wName);
    if (!wt) return 'the weight is not a constant initializer';
    const wDims = (wt.dims ?? []).map(Number);
    if (wDims.length !== 2) return `the weight has ${wDims.length} dimensions; only 2-D weights are supported`;
    if (useCount(wName) !== 1) return `the weight "${wName}" is shared by ${useCount(wName)} nodes`;
    const op = node.opType as 'Gemm' | 'MatMul';
    let alpha = 1, beta = 1, layout: DenseLayer['layout'] = 'in_out';
    if (op === 'Gemm') {
      if (attr(node, 'transA', 0) !== 0) return 'Gemm with transA=1 is not supported';
      alpha = attr(node, 'alpha', 1);
      beta = attr(node, 'beta', 1);
      layout = attr(node, 'transB', 0) !== 0 ? 'out_in' : 'in_out';
    }
    const [outF, inF] = layout === 'out_in' ? wDims : [wDims[1], wDims[0]];
    const stored = read(wt);
    const weight = new Float32Array(outF * inF);
    for (let o = 0; o < outF; o++)
      for (let k = 0; k < inF; k++) weight[o * inF + k] = alpha * (layout === 'out_in' ? stored[o * inF + k] : stored[k * outF + o]);

    let biasName: string | null = null, addNodeIndex: number | null = null, outputName = node.output?.[0] ?? '';
    let biasTensor: onnx.ITensorProto | undefined;
    if (op === 'Gemm' && cName) {
      biasTensor = constants.get(cName);
      if (!biasTensor) return 'the Gemm bias is not a constant initializer';
      biasName = cName;
    } else if (op === 'MatMul') {
      const users = consumers.get(outputName) ?? [];
      const add = users.length === 1 ? nodes[users[0]] : null;
      if (add && add.opType === 'Add' && !claimed.has(users[0])) {
        const other = add.input?.[0] === outputName ? add.input?.[1] : add.input?.[0];
        const t = other ? constants.get(other) : undefined;
        if (t && useCount(other!) === 1) {
          biasTensor = t;
          biasName = other!;
          addNodeIndex = users[0];
          outputName = add.output?.[0] ?? outputName;
        }
      }
    }
    let bias: Float32Array | null = null, biasDims: number[] | null = null;
    if (biasTensor) {
      biasDims = (biasTensor.dims ?? []).map(Number);
      const count = biasDims.reduce((a, b) => a * b, 1);
      if (count !== outF || biasDims.some((d, k) => d !== 1 && k !== biasDims!.length - 1)) {
        return `the bias has shape [${biasDims.join(', ')}]; expected [${outF}] or [1, ${outF}]`;
      }
      bias = read(biasTensor).map((v) => v * beta);
    }
    claimed.add(i);
    if (addNodeIndex !== null) claimed.add(addNodeIndex);

    let activation: DenseLayer['activation'] = 'none';
    let activatedName = outputName;
    const users = consumers.get(outputName) ?? [];
    if (users.length === 1 && ACTIVATIONS.has(nodes[users[0]].opType ?? '')) {
      activation = nodes[users[0]].opType === 'Relu' ? 'relu' : 'other';
      activatedName = nodes[users[0]].output?.[0] ?? outputName;
      // Follow pass-through ops that keep a [batch, features] tensor as it is.
      for (;;) {
        const u = consumers.get(activatedName) ?? [];
        if (u.length !== 1) break;
        const n = nodes[u[0]];
        if (n.opType !== 'Identity' && n.opType !== 'Flatten' && n.opType !== 'Dropout') break;
        activatedName = n.output?.[0] ?? activatedName;
      }
    }
    let zeros = 0;
    for (let k = 0; k < weight.length; k++) if (weight[k] === 0) zeros++;
    const layer: DenseLayer = {
      index: dense.length,
      name: node.name || wName,
      op: addNodeIndex !== null ? 'MatMul+Add' : op,
      nodeIndex: i, addNodeIndex, weightName: wName, biasName, layout, alpha, beta, biasDims,
      inputName: x, outputName, weight, bias, inFeatures: inF, outFeatures: outF, activation, activatedName, next: null,
    };
    dense.push(layer);
    layers.push({
      name: layer.name, op: layer.op, compressible: true, reason: null, inFeatures: inF, outFeatures: outF,
      params: weight.length + (bias?.length ?? 0), sparsity: zeros / weight.length, denseIndex: layer.index,
    });
    if (!Number.isFinite(alpha) || alpha === 0) throw fail(`layer "${layer.name}" has Gemm alpha=${alpha}`);
    for (let k = 0; k < weight.length; k++) if (!Number.isFinite(weight[k])) throw fail(`layer "${layer.name}" weight "${wName}" contains ${weight[k]} at index ${k}`);
    return layer;
  }
}
