/**
 * The one place the CLI writes files: atomically (temporary file, then rename), and never over a
 * file the user did not name unless they said so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { isSafeFileName } from '../../server/src/service';

export interface WriteOptions {
  /** True only for the file the user asked us to rewrite (cape fix <file>). */
  replaceExisting: boolean;
  /** The folder every write must stay inside (the --out-dir, or the folder of the file being fixed). */
  root: string;
}

export class WriteRefused extends Error {}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(path.resolve(root), path.resolve(target));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export function writeFileSafely(target: string, content: string, { replaceExisting, root }: WriteOptions): void {
  if (!isInside(root, target)) throw new WriteRefused(`${target} is outside ${root}; not writing it`);
  if (!isSafeFileName(path.basename(target))) throw new WriteRefused(`${path.basename(target)} is not a safe file name; not writing it`);
  const exists = fs.existsSync(target);
  if (exists && !replaceExisting) throw new WriteRefused(`${target} already exists; not overwriting it`);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const mode = exists ? fs.statSync(target).mode : undefined;
  try {
    fs.writeFileSync(temp, content, { flag: 'wx', mode });
    if (!replaceExisting && fs.existsSync(target)) throw new WriteRefused(`${target} appeared while writing; not overwriting it`);
    fs.renameSync(temp, target);
  } finally {
    if (fs.existsSync(temp)) fs.rmSync(temp, { force: true });
  }
}
