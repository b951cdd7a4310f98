import { corenet } from './corenet';
import { corenetPlus } from './corenetPlus';
import { corenetPlusPlus } from './corenetPlusPlus';
import { magnitude } from './magnitude';
import { svd } from './svd';
import type { CompressionMethod, MethodName } from './types';
import { uniform } from './uniform';

export const METHODS: Record<MethodName, CompressionMethod> = {
  corenet, 'corenet+': corenetPlus, 'corenet++': corenetPlusPlus, uniform, magnitude, svd,
};

/** Methods that need sensitivities (the samplers). */
export function needsSensitivity(name: MethodName): boolean {
  return name !== 'magnitude' && name !== 'svd';
}
