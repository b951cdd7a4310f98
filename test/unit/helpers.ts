import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNpy } from '../../src/core/data/npy';
import { Rng } from '../../src/core/math/rng';

export const ROOT = join(__dirname, '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const LENET = join(FIXTURES, 'lenet300.onnx');
export const tiny = (name: string) => join(FIXTURES, 'tiny', name);

const FMNIST = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
export const fmnist = (file: string) => {
  const p = join(FMNIST, file);
  if (!existsSync(p)) throw new Error(`${p} is missing: install Debian's dataset-fashion-mnist (scripts/setup.sh does)`);
  return p;
};
export const TRAIN_IMAGES = () => fmnist('train-images-idx3-ubyte.gz');
export const TEST_IMAGES = () => fmnist('t10k-images-idx3-ubyte.gz');
export const TEST_LABELS = () => fmnist('t10k-labels-idx1-ubyte.gz');

export function readNpy(file: string) {
  return parseNpy(file, new Uint8Array(readFileSync(file)));
}

export function randomMatrix(rng: Rng, rows: number, cols: number, f: (r: Rng) => number): Float32Array {
  return Float32Array.from({ length: rows * cols }, () => f(rng));
}
