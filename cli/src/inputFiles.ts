/** Turns the paths, directories and globs a user typed into declarations to check, and reads them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { isDeclarationDocument, isEs003Document, isResultsDocument } from '../../server/src/service';

export class UsageError extends Error {}

export interface InputFile {
  /** The path as the user gave it (or as found under a directory they gave). */
  display: string;
  absolute: string;
  /** Named explicitly: treated as a declaration whatever its first row says. */
  explicit: boolean;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export function expandInputs(args: string[]): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (display: string, explicit: boolean) => {
    const absolute = path.resolve(display);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ display, absolute, explicit });
  };
  for (const arg of args) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      for (const file of csvFilesUnder(arg)) if (looksLikeDeclaration(file)) add(file, false);
    } else if (stat) {
      add(arg, true);
    } else if (/[*?[\]{}]/.test(arg)) {
      const matches = globSync(arg, { ignore: ['**/node_modules/**', '**/.git/**'], dot: false }).sort();
      if (matches.length === 0) throw new UsageError(`no file matches ${arg}`);
      for (const file of matches) add(file, true);
    } else {
      throw new UsageError(`${arg}: no such file or directory`);
    }
  }
  return out;
}

function csvFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(full);
      } else if (entry.isFile() && /\.csv$/i.test(entry.name)) found.push(full);
    }
  };
  walk(dir);
  return found;
}

/** In a directory, declarations, CBP results downloads and ES-003 exports count; other CSVs are skipped. */
function looksLikeDeclaration(file: string): boolean {
  const head = readHead(file);
  return head !== undefined && (isDeclarationDocument({ path: file, text: head, matchesFilesSetting: false }) || isResultsDocument(head) || isEs003Document(head));
}

/**
 * `--flag a b c`: the values after a list flag up to the next flag, removed from args.
 * (`--flag a --flag b` works too.)
 */
export function takeList(args: string[], flag: string): { rest: string[]; values: string[] } {
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) {
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) values.push(args[++i]);
    } else if (args[i].startsWith(flag + '=')) values.push(args[i].slice(flag.length + 1));
    else rest.push(args[i]);
  }
  return { rest, values };
}

function readHead(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(4096);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export type ReadResult =
  | { kind: 'text'; text: string; encoding: 'utf-8' | 'windows-1252' }
  | { kind: 'not-csv'; reason: string };

/** Reads a file as CSV text; workbooks and binary files are reported, not decoded. */
export function readDeclaration(file: string): ReadResult {
  const bytes = fs.readFileSync(file);
  const reason = binaryReason(file, bytes);
  if (reason) return { kind: 'not-csv', reason };
  try {
    // ignoreBOM keeps a byte-order mark in the text so the `bom` rule can see it.
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { kind: 'text', text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function binaryReason(file: string, bytes: Buffer): string | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return /\.xls[xm]$/i.test(file) ? 'it is an Excel workbook' : 'it is a ZIP archive (an Excel .xlsx workbook?)';
  }
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'it is an old Excel .xls workbook';
  if (bytes.subarray(0, 8192).includes(0)) return 'it contains binary data (NUL bytes)';
  if (/\.(xlsx|xlsm|xls|xlsb|ods|numbers)$/i.test(file)) return 'it is a spreadsheet workbook';
  return undefined;
}
