import { compressBySampling } from './sampling';
import type { CompressionMethod } from './types';

export const uniform: CompressionMethod = {
  name: 'uniform',
  summary: 'Uniform baseline: the same per-neuron sample sizes and allocation, drawn uniformly instead of by sensitivity.',
  compress: (ctx) => compressBySampling(ctx, { distribution: 'uniform', dropDead: false, amplify: 1 }),
};
