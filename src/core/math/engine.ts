import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type EngineName = 'tensorflow' | 'wasm' | 'cpu';
let chosen: Promise<EngineName> | null = null;

/** The .wasm files sit next to the bundle (copied by the build) or in the package when run from sources. */
function wasmDir(): string {
  if (existsSync(join(__dirname, 'tfjs-backend-wasm-simd.wasm'))) return __dirname;
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/**
 * tfjs-node when it loads (an optional dependency whose install usually fails offline), else the
 * wasm backend. setBackend reports failure by returning false, not by throwing, so check it.
 */
export function initEngine(): Promise<EngineName> {
  chosen ??= (async () => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tensorflow/tfjs-node');
      if (await tf.setBackend('tensorflow')) return 'tensorflow';
    } catch {
      /* not installed: expected */
    }
    setWasmPaths(wasmDir() + '/');
    if (await tf.setBackend('wasm')) return 'wasm';
    process.emitWarning('CoreNet: the tfjs wasm backend did not start; falling back to the slow cpu backend');
    await tf.setBackend('cpu');
    return 'cpu';
  })();
  return chosen;
}

/**
 * C = A · Bᵀ with A [n, k] and B [m, k], row-major. B is transposed in JS first: tfjs-wasm's
 * transposeB path returned wrong values (engine notes).
 */
export function matMulABt(a: Float32Array, n: number, k: number, b: Float32Array, m: number): Float32Array {
  if (n === 0 || m === 0) return new Float32Array(n * m);
  const bt = new Float32Array(k * m);
  for (let r = 0; r < m; r++) for (let c = 0; c < k; c++) bt[c * m + r] = b[r * k + c];
  const ta = tf.tensor2d(a, [n, k]), tb = tf.tensor2d(bt, [k, m]);
  const tc = tf.matMul(ta, tb);
  const out = (tc.dataSync() as Float32Array).slice();
  tf.dispose([ta, tb, tc]);
  return out;
}
