/**
 * Where the extension writes its results: always beside the model, named after it with the
 * configured suffix. Pure apart from the temp-file sweep, so unit tests cover it without vscode.
 */
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

export interface OutputPaths {
  model: string;
  compressed: string;
  report: string;
  sweep: string;
  boundMarkdown: string;
  boundJson: string;
}

export function outputPaths(model: string, suffix: string): OutputPaths {
  const dir = dirname(model);
  const ext = extname(model);
  const stem = basename(model, ext) + suffix;
  const paths: OutputPaths = {
    model,
    compressed: join(dir, `${stem}.onnx`),
    report: join(dir, `${stem}.json`),
    sweep: join(dir, `${stem}.sweep.json`),
    boundMarkdown: join(dir, `${stem}.bound.md`),
    boundJson: join(dir, `${stem}.bound.json`),
  };
  // The suffix is validated non-empty, but a model literally named "x.onnx.onnx"-style could still collide.
  for (const [key, p] of Object.entries(paths)) {
    if (key !== 'model' && resolve(p) === resolve(model)) throw new Error(`output ${p} would overwrite the model; change corenet.outputSuffix`);
  }
  return paths;
}

/** The worker's atomic writes use `.corenet-tmp-<pid>-…`; a killed worker can leave one behind. */
export function removeWorkerTempFiles(dirs: Iterable<string>, pid: number): string[] {
  const prefix = `.corenet-tmp-${pid}-`;
  const removed: string[] = [];
  for (const dir of new Set(dirs)) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue; // folder gone or unreadable: nothing of ours to clean there
    }
    for (const name of names) {
      if (!name.startsWith(prefix)) continue;
      const file = join(dir, name);
      rmSync(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}

/** Data files the compress command offers from the workspace. */
export const DATA_FILE_GLOB = '**/*.{npy,gz,idx,idx1-ubyte,idx3-ubyte,ubyte}';
