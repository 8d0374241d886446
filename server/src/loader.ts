/**
 * The one loader: reads files, decodes them, asks the service's classifier what each is, and feeds
 * the workspace index. The language server's workspace scan and every CLI command go through it, so
 * no entry point decides or loads on its own. Files are reached through `FileAccess` (Node's file
 * system today; a browser build can supply `workspace.fs`).
 */
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as iconv from 'iconv-lite';
import { globSync } from 'tinyglobby';
import { readEs003, readEs003Rows } from './es003Reader';
import {
  classifyFile, declarationKeys, KIND_NAMES, looksLikeUtf16WithoutBom, WorkspaceIndex, type DeclarationKeys, type Es003Aggregator, type FileEncoding, type FileClassification, type FileKind,
} from './service';
import { isWorkbookName, WorkbookText, type WorkbookRow } from './service/workbook';
import { MAX_CHECKED_CHARACTERS } from './service/limits';
import { isWorkbookError, workbookReader } from './workbookReader';

/** The Node layer's small helpers, for the CLI (which imports only the service and this layer). */
export { sha256 } from './sha256';
export { todayIso } from './localDate';

/** How the loader reaches files: small on purpose, so another host can supply it. */
export interface FileAccess {
  /** The whole file, read once. */
  readFile(file: string): Promise<Uint8Array>;
  /** At most `bytes` from the start; for a pipe or FIFO (which can be read only once), the whole content. */
  readHead(file: string, bytes: number): Promise<{ head: Uint8Array; whole: boolean }>;
  /** Directory entries; throws (naming nothing) when unreadable. */
  readDirectory(dir: string): Promise<{ name: string; directory: boolean; file: boolean }[]>;
}

/** Files up to this size are read in one go (a 9,999-entry declaration is about 130 KB). */
const WHOLE_READ_BYTES = 4_000_000;

/** Where `-` points: standard input. */
export const STDIN_PATH = '/dev/stdin';

export const nodeFiles: FileAccess = {
  readFile: (file) => fs.promises.readFile(file),
  async readHead(file, bytes) {
    // Standard input (`-`) may be a pipe or a socket, which /dev/stdin cannot always open: read descriptor 0, once.
    if (file === STDIN_PATH) return { head: fs.readFileSync(0), whole: true };
    const stat = fs.statSync(file);
    // A regular file of declaration size is read whole, in one synchronous read: a 130 KB read takes
    // about 0.1 ms, less than a round trip through libuv's thread pool (200 of them cost 100 ms of waiting).
    if (stat.isFile() && stat.size <= WHOLE_READ_BYTES) return { head: fs.readFileSync(file), whole: true };
    // A FIFO or process substitution yields its bytes once: read it whole, and never again (not
    // synchronously: nothing may be writing to it yet).
    if (!stat.isFile()) return { head: await fs.promises.readFile(file), whole: true };
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.alloc(Math.min(bytes, Math.max(stat.size, 1)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return { head: buffer.subarray(0, bytesRead), whole: bytesRead >= stat.size };
    } finally {
      await handle.close();
    }
  },
  async readDirectory(dir) {
    const entries = await fs.promises.readdir(dir, { withFileTypes: true });
    // Regular files only: a FIFO met in a folder would block the walk until something writes to it.
    return entries.map((e) => ({ name: e.name, directory: e.isDirectory(), file: e.isFile() }));
  },
};

/** The encodings the loader decodes: the service's own list (it says which ones ACE may not read). */
export type TextEncoding = FileEncoding;

/**
 * Bytes to text: UTF-16 (by its byte-order mark, or by the NUL pattern without one), UTF-8 (a BOM is
 * kept in the text so the `bom` rule sees it), else Windows-1252 (Excel's "CSV (Comma delimited)" on
 * Western Windows) decoded with a real table.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = looksLikeUtf16WithoutBom(buffer);
  if (utf16) return { text: iconv.decode(buffer, utf16), encoding: utf16 };
  // Plain ASCII (almost every declaration) reads the same in UTF-8 and Latin-1, and Latin-1 is a
  // copy: 3 ms for 2,000,000 entries where the UTF-8 decoder takes 60.
  if (isAscii(buffer)) return { text: buffer.toString('latin1'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buffer, 'win1252'), encoding: 'windows-1252' };
  }
}

/** What the classifier needs of a file, without reading a million-row export whole. */
const HEAD_BYTES = 8192;

export interface ClassifiedFile extends FileClassification {
  /** The whole decoded text when it was read (declarations, results, anything read from a pipe); a workbook's sheet as CSV. */
  text?: string;
  encoding?: TextEncoding;
  /** A workbook: the sheet read (the one asked for, else the first with data). */
  sheet?: string;
  /** An ES-003 workbook: the rows already read, then the rest as they stream. */
  rows?: { head: WorkbookRow[]; rest: AsyncIterator<WorkbookRow> };
}

/** The rows a workbook's kind is judged by (its CSV form is judged by its first 8 KB). */
const WORKBOOK_HEAD_ROWS = 20;

/**
 * Which sheet of a workbook: a name (`--sheet`: a workbook without it cannot be read), or a name
 * where the workbook has it (`cape.workbook.sheet`: else its first sheet with data).
 */
export type WorkbookSheet = string | { where: string };

/**
 * Reads enough of a file to classify it; declarations and results are read whole (once). A workbook
 * (`.xlsx`, `.xlsm`) is read at one sheet: `sheet` names it, else the first sheet with data. Throws
 * a WorkbookError (its message in a user's words) for a workbook that cannot be read.
 */
export async function readAndClassify(file: string, access: FileAccess, declaredKind?: 'declaration' | 'es003' | 'results', sheet?: WorkbookSheet): Promise<ClassifiedFile> {
  const { head, whole } = await access.readHead(file, HEAD_BYTES);
  if (isWorkbookFile(file, head)) return readWorkbook(file, whole ? head : await access.readFile(file), declaredKind, sheet);
  const decoded = decodeText(head);
  const classification = classifyFile({ name: file, head: decoded.text, bytes: head, declaredKind });
  if (classification.kind === 'not-csv') return classification;
  if (whole) return { ...classification, text: decoded.text, encoding: decoded.encoding };
  if (classification.kind === 'es003') return { ...classification, encoding: decoded.encoding };
  return { ...classification, ...decodeText(await access.readFile(file)) };
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];

/** Named as a workbook and shaped like one (a ZIP, or the OLE2 container of a password-protected one). */
function isWorkbookFile(name: string, head: Uint8Array): boolean {
  const starts = (signature: number[]) => signature.every((b, i) => head[i] === b);
  return isWorkbookName(name) && (starts(ZIP_SIGNATURE) || starts(CFB_SIGNATURE));
}

async function readWorkbook(file: string, bytes: Uint8Array, declaredKind: 'declaration' | 'es003' | 'results' | undefined, sheet: WorkbookSheet | undefined): Promise<ClassifiedFile> {
  const opened = typeof sheet === 'object' ? await workbookReader().openWorkbook(bytes, sheet.where, true) : await workbookReader().openWorkbook(bytes, sheet);
  const rows = opened.rows;
  const headRows: WorkbookRow[] = opened.first ? [opened.first] : [];
  const head = new WorkbookText();
  if (opened.first) head.add(opened.first);
  while (headRows.length < WORKBOOK_HEAD_ROWS) {
    const next = await rows.next();
    if (next.done) break;
    headRows.push(next.value);
    head.add(next.value);
  }
  const classification = classifyFile({ name: file, head: head.toString(), declaredKind, sheet: opened.sheet });
  // Exports stream into the index (a million rows never sit in memory as text).
  if (classification.kind === 'es003') return { ...classification, sheet: opened.sheet, rows: { head: headRows, rest: rows } };
  // Declarations and results are read whole, as their CSV would be; past the size the rules check, the rest is not needed.
  const text = new WorkbookText();
  for (const row of headRows) text.add(row);
  for (let next = await rows.next(); !next.done && text.length <= MAX_CHECKED_CHARACTERS; next = await rows.next()) text.add(next.value);
  await rows.return();
  return { ...classification, sheet: opened.sheet, text: text.toString(), encoding: 'utf-8' };
}

/** A path as the user gave it (or as found under a directory they gave). */
export interface InputFile {
  display: string;
  absolute: string;
  /** Named explicitly (not found under a directory). */
  explicit: boolean;
}

export class UsageError extends Error {}

/** `archived/` holds split sources put away: skipped in folders, as the editor's index skips it. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'archived']);

/** Paths, directories and globs to files; unreadable directories are failures, named. */
export async function expandInputs(args: string[], access: FileAccess = nodeFiles): Promise<{ files: InputFile[]; failures: LoadFailure[] }> {
  const files: InputFile[] = [];
  const failures: LoadFailure[] = [];
  const seen = new Set<string>();
  const add = (display: string, explicit: boolean) => {
    const absolute = path.resolve(display);
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ display, absolute, explicit });
  };
  const walk = async (dir: string) => {
    let entries;
    try {
      entries = await access.readDirectory(dir);
    } catch (error) {
      failures.push({ display: dir, message: `cannot list the folder: ${ioMessage(error)}` });
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.directory) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full);
      } else if (entry.file && (/\.(csv|txt)$/i.test(entry.name) || isWorkbookName(entry.name))) add(full, false);
    }
  };
  for (const arg of args) {
    if (arg === '-') {
      // Standard input: read once, shown as `-`.
      if (!seen.has('-')) files.push({ display: '-', absolute: STDIN_PATH, explicit: true });
      seen.add('-');
      continue;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        failures.push({ display: arg, message: ioMessage(error) });
        continue;
      }
    }
    if (stat?.isDirectory()) await walk(arg);
    else if (stat) add(arg, true);
    else if (/[*?[\]{}]/.test(arg)) {
      const matches = globSync(arg, { ignore: ['**/node_modules/**', '**/.git/**'], dot: false }).sort();
      if (matches.length === 0) throw new UsageError(`no file matches ${arg}`);
      for (const file of matches) add(file, true);
    } else failures.push({ display: arg, message: 'no such file or directory' });
  }
  return { files, failures };
}

export interface LoadFailure {
  display: string;
  message: string;
}

export interface LoadedFile extends InputFile {
  uri: string;
  kind: FileKind;
  reason: string;
  /** A workbook: the sheet read. Rows and lines of its diagnostics are that sheet's rows. */
  sheet?: string;
  /** Given as data (`--entry-data`, `--results`), not as an input of the command. */
  asData?: boolean;
}

export interface LoadedDeclaration extends LoadedFile {
  text: string;
  encoding: TextEncoding;
}

export interface LoadedExport extends LoadedFile {
  data: Es003Aggregator;
}

export interface LoadRequest {
  /** Declarations, directories and globs; exports and results found among them are indexed too. */
  inputs: InputFile[];
  /** `--entry-data`: ES-003 exports, whatever their header says (a file that is not one is a failure). */
  entryData?: InputFile[];
  /** `--results`: CBP results files. */
  results?: InputFile[];
  /** Put declarations in the index too (check, summary); prepare dedups its own inputs instead. */
  indexDeclarations: boolean;
  /** `--sheet`: the worksheet read in every workbook (else each workbook's first sheet with data). */
  sheet?: string;
}

/** Everything the loader read: the index, each file's kind, the declarations' texts, what failed. */
export interface LoadedWorkspace {
  index: WorkspaceIndex;
  files: LoadedFile[];
  declarations: LoadedDeclaration[];
  exports: LoadedExport[];
  failures: LoadFailure[];
}

/**
 * Reads, decodes and classifies every input, and indexes ES-003 exports, results and (when asked)
 * declarations. An explicitly named CSV that is none of the known kinds counts as a declaration
 * (a declaration without its header is one); under a directory it is skipped. Never throws for one
 * file: each failure names its file.
 */
export async function loadWorkspace(request: LoadRequest, access: FileAccess = nodeFiles): Promise<LoadedWorkspace> {
  const index = new WorkspaceIndex();
  const out: LoadedWorkspace = { index, files: [], declarations: [], exports: [], failures: [] };
  const jobs: { input: InputFile; as?: 'es003' | 'results' }[] = [
    ...(request.entryData ?? []).map((input) => ({ input, as: 'es003' as const })),
    ...(request.results ?? []).map((input) => ({ input, as: 'results' as const })),
    ...request.inputs.map((input) => ({ input })),
  ];
  // Declarations' keys go into the index together, once all are read (see setDeclarationKeysOfMany).
  const keyed: { uri: string; keys: DeclarationKeys }[] = [];
  for (const { input, as } of jobs) {
    const uri = pathToFileURL(input.absolute).toString();
    let classified: ClassifiedFile;
    try {
      classified = await readAndClassify(input.absolute, access, as === 'results' ? 'results' : undefined, request.sheet);
    } catch (error) {
      out.failures.push({ display: input.display, message: failureMessage(error) });
      continue;
    }
    let kind = classified.kind;
    if (as === 'es003' && kind !== 'es003' && kind !== 'not-csv') {
      out.failures.push({ display: input.display, message: `not an ES-003 export (no entry column with line, HTS or duty columns): ${classified.reason}` });
      continue;
    }
    if (kind === 'other-csv' && input.explicit && !as) kind = 'declaration';
    const file: LoadedFile = { ...input, uri, kind, reason: classified.reason, ...(classified.sheet !== undefined ? { sheet: classified.sheet } : {}), ...(as ? { asData: true } : {}) };
    out.files.push(file);
    try {
      if (kind === 'es003') {
        const data = await readEntryData(input.absolute, uri, classified);
        index.setEntryData(uri, data.facts, data.problems, data.rows);
        out.exports.push({ ...file, data });
      } else if (kind === 'results') {
        index.setResults(uri, classified.text ?? '');
      } else if (kind === 'manifest') {
        index.setManifest(uri, classified.text ?? '');
      } else if (kind === 'declaration') {
        const text = classified.text ?? '';
        if (request.indexDeclarations) keyed.push({ uri, keys: declarationKeys(text) });
        out.declarations.push({ ...file, text, encoding: classified.encoding ?? 'utf-8' });
      }
    } catch (error) {
      out.failures.push({ display: input.display, message: failureMessage(error) });
    }
  }
  index.setDeclarationKeysOfMany(keyed);
  return out;
}

/** An ES-003 export as the classifier left it: a workbook's rows, the text already read, or the file streamed. */
export function readEntryData(file: string, uri: string, classified: ClassifiedFile, onProgress?: (rows: number) => void): Promise<Es003Aggregator> {
  if (classified.rows) return readEs003Rows(classified.rows, uri, onProgress);
  return readEs003(file, uri, onProgress, classified.text, classified.encoding);
}

/** Why a file could not be loaded: a workbook's own words, else the I/O error. */
export function failureMessage(error: unknown): string {
  return isWorkbookError(error) ? error.message : `cannot read it: ${ioMessage(error)}`;
}

/** Counts of the files a command left alone, for its summary: "skipped 1 ES-003 export, 1 CBP results file". */
export function skippedSummary(files: readonly LoadedFile[], kinds: readonly FileKind[]): string {
  const parts: string[] = [];
  for (const kind of kinds) {
    const n = files.filter((f) => f.kind === kind).length;
    if (n > 0) parts.push(`${n} ${n === 1 ? KIND_NAMES[kind].one : KIND_NAMES[kind].many}`);
  }
  return parts.length > 0 ? `skipped ${parts.join(', ')}` : '';
}

/** An I/O error in words, with the operation; the caller adds the path. */
export function ioMessage(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or directory';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a directory';
  if (e.code === 'ENOTDIR') return 'not a directory';
  return e.message ?? String(error);
}
