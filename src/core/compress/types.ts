import type { DenseLayer } from '../onnx/layers';
import type { LayerWeights } from '../onnx/write';
import type { LayerSensitivity } from '../sensitivity';

export type MethodName = 'corenet' | 'corenet+' | 'corenet++' | 'uniform' | 'magnitude' | 'svd';
export const METHOD_NAMES: MethodName[] = ['corenet', 'corenet+', 'corenet++', 'uniform', 'magnitude', 'svd'];

/** How sample sizes are spread over layers (spec §6). */
export type AllocationName = 'tuned' | 'theory' | 'uniform-eps';
export const ALLOCATION_NAMES: AllocationName[] = ['tuned', 'theory', 'uniform-eps'];

/** Either a target fraction of parameters to keep (budget mode) or an error eps (theory mode). */
export type Target = { kind: 'keep'; keep: number } | { kind: 'eps'; eps: number };

export interface MethodContext {
  layers: DenseLayer[];
  /** Sensitivities on S, one per dense layer (computed once, shared by the methods that use them). */
  sensitivity: LayerSensitivity[];
  target: Target;
  delta: number;
  seed: number;
  K: number;
  allocation: AllocationName;
  /** Amplification rounds for corenet++. */
  candidates: number;
  /** Mean relative output error of candidate weights on the held-out split T of the calibration data. */
  heldOutError(weights: LayerWeights[]): Promise<number>;
  progress(fraction: number, message?: string): void;
  checkCancelled(): void;
}

export interface LayerOutcome {
  kept: number;
  params: number;
  /** Draws per neuron (both sides together); null for methods that do not sample. */
  sampleSizes: number[] | null;
  /** eps_l the sample sizes were made for (null when not sampled). */
  epsilon: number | null;
  /** Neurons removed structurally (CoreNet+), by index. */
  droppedNeurons: number[];
  /** Rank kept (SVD). */
  rank?: number;
}

export interface MethodResult {
  /** Full-shape weights (a dropped neuron is a zero row and bias, and a zero column in the next layer). */
  weights: LayerWeights[];
  layers: LayerOutcome[];
  /** The eps the final sample sizes were made for (theory mode: the eps asked; budget mode: found by root finding). */
  eps: number | null;
  allocation: AllocationName | null;
  /** Per-layer eps_l, when the method samples. */
  layerEps: number[] | null;
  notes: string[];
  /** For corenet++: the seed of the candidate that was kept. */
  chosenSeed?: number;
}

export interface CompressionMethod {
  name: MethodName;
  summary: string;
  compress(ctx: MethodContext): Promise<MethodResult>;
}

export function layerParams(l: { outFeatures: number; inFeatures: number; bias: Float32Array | null }): number {
  return l.outFeatures * l.inFeatures + (l.bias ? l.outFeatures : 0);
}

/** Non-zero weights plus the biases of neurons still present. */
export function countKept(w: LayerWeights, dropped: number[]): number {
  let k = 0;
  for (let i = 0; i < w.weight.length; i++) if (w.weight[i] !== 0) k++;
  return k + (w.bias ? w.outFeatures - dropped.length : 0);
}
