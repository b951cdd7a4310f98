import { compressBySampling } from './sampling';
import type { CompressionMethod } from './types';

export const corenetPlusPlus: CompressionMethod = {
  name: 'corenet++',
  summary: 'CoreNet++ (§6): CoreNet+ with amplification over several seeds, the best on a held-out split kept.',
  compress: (ctx) => compressBySampling(ctx, { distribution: 'sensitivity', dropDead: true, amplify: Math.max(1, ctx.candidates) }),
};
