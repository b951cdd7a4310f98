import { compressBySampling } from './sampling';
import type { CompressionMethod } from './types';

export const corenet: CompressionMethod = {
  name: 'corenet',
  summary: 'CoreNet (§2-§5): sensitivity sampling per neuron, reweighted to stay unbiased.',
  compress: (ctx) => compressBySampling(ctx, { distribution: 'sensitivity', dropDead: false, amplify: 1 }),
};
