import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

test('the committed wasm kernel is the assembly of its .wat source (run scripts/build-wasm.mjs after editing it)', async () => {
  const { assemble, moduleSource } = await import(join(ROOT, 'scripts', 'build-wasm.mjs'));
  const dir = join(ROOT, 'src', 'core', 'math', 'wasm');
  const fresh = moduleSource('maxProduct', await assemble(join(dir, 'maxProduct.wat')));
  assert.equal(readFileSync(join(dir, 'maxProductWasm.ts'), 'utf8'), fresh);
});
