// Bundles the four entry points. Node bundles keep native / wasm packages external
// (onnxruntime-node loads a .node binary; tfjs-backend-wasm reads its .wasm from disk),
// and the .wasm files are copied next to the bundles so setWasmPaths can point there.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// The wasm package.json is only resolved at run time when the .wasm files are not next to the bundle (running from sources).
const nodeExternal = ['vscode', 'onnxruntime-node', '@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm/package.json'];

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };
const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { ...common, entryPoints: ['src/worker/main.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', external: nodeExternal },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

mkdirSync(join(root, 'dist'), { recursive: true });
const wasmDir = join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) cpSync(join(wasmDir, f), join(root, 'dist', f));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
