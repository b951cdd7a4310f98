import type { AllocationName, MethodName } from './compress/types';

export type StageName = 'load' | 'activations' | 'sensitivity' | 'sampling' | 'write' | 'evaluation';
export const STAGES: StageName[] = ['load', 'activations', 'sensitivity', 'sampling', 'write', 'evaluation'];

/** A max-pooled picture of an [out, in] matrix for the panel (cells cover poolRows x poolCols entries). */
export interface Heatmap {
  rows: number;
  cols: number;
  poolRows: number;
  poolCols: number;
  /** Max s_ij (either side) per cell. */
  sensitivity: number[];
  /** w_ij of the edge holding that max. */
  weightAtMax: number[];
  /** Fraction of the cell's weights kept. */
  keptFraction: number[];
}

export interface LayerReport {
  name: string;
  op: string;
  inFeatures: number;
  outFeatures: number;
  params: number;
  kept: number;
  keepRatio: number;
  /** Draws per neuron (null for methods that do not sample). */
  sampleSizes: number[] | null;
  /** S_i per neuron, both sides together. */
  sensitivitySum: number[];
  /** Delta_l of §4 (empirical max mean + kappa). */
  delta: number;
  /** eps_l the sample sizes were made for. */
  epsilon: number | null;
  /** eps_l * Delta_l: the layer's predicted relative error of z given exact inputs. */
  predictedError: number | null;
  /** Measured mean relative error of z on evaluation points, with the original inputs. */
  measuredError: number;
  droppedNeurons: number[];
  rank: number | null;
  heatmap: Heatmap;
}

export interface ErrorStats {
  mean: number;
  /** (1 - delta) quantile. */
  quantile: number;
  /** Fraction of points whose error is within the predicted eps (null without a prediction). */
  coverage: number | null;
}

export interface CompressionReport {
  tool: 'corenet';
  version: string;
  createdAt: string;
  model: string;
  output: string | null;
  method: MethodName;
  seed: number;
  /** Theory mode: the eps asked; budget mode: the eps the chosen sample sizes guarantee (§5). */
  eps: number | null;
  delta: number;
  keep: number | null;
  allocation: AllocationName | null;
  K: number;
  calibrationSize: number;
  heldOutSize: number;
  evaluation: { source: string; rows: number };
  engine: string;
  layers: LayerReport[];
  notCompressible: Array<{ name: string; op: string; reason: string }>;
  total: {
    params: number;
    kept: number;
    keepRatio: number;
    predictedError: number | null;
    measuredError: ErrorStats;
    accuracy?: { original: number; compressed: number };
  };
  timings: Record<StageName, number>;
  notes: string[];
  chosenSeed?: number;
}

export const REPORT_VERSION = '1';
