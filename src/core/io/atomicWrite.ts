import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes to a temp file in the same folder, fsyncs and renames: a reader (or a crash) never sees
 * half a file, and an existing file is replaced only once the new one is complete.
 */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const target = resolve(file);
  const tmp = join(dirname(target), `.corenet-tmp-${process.pid}-${Date.now()}-${basename(target)}`);
  const fd = openSync(tmp, 'w');
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Refuses to write over the input model, whatever path spelling reaches it. */
export function sameFile(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}
