import { compressBySampling } from './sampling';
import type { CompressionMethod } from './types';

export const corenetPlus: CompressionMethod = {
  name: 'corenet+',
  summary: 'CoreNet+ (§6): CoreNet after removing neurons never active on the calibration set.',
  compress: (ctx) => compressBySampling(ctx, { distribution: 'sensitivity', dropDead: true, amplify: 1 }),
};
