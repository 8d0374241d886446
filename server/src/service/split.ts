/**
 * Splitting a declaration into upload-ready parts of at most 9,999 entries: each part is the
 * `Entry Number` header plus the source's entry rows, verbatim and in order, with its line ending.
 */
import type { Analysis } from './analyze';
import { safeStem } from './fileNames';
import { HEADER_TEXT, MAX_ENTRIES_PER_DECLARATION, type Entry } from './model';

export interface PartPlan {
  /** 1-based part number. */
  index: number;
  total: number;
  entries: Entry[];
}

export interface PlannedFile {
  name: string;
  text: string;
  entries: number;
}

export function clampPartSize(max: number | undefined): number {
  if (max === undefined || !Number.isFinite(max)) return MAX_ENTRIES_PER_DECLARATION;
  return Math.max(1, Math.min(MAX_ENTRIES_PER_DECLARATION, Math.floor(max)));
}

/** Consecutive runs of at most `size` items (the last may be shorter); none for no items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Upload-ready declarations of these entry numbers (CRLF, the exact header), at most `size` each, named `partName(k, total)`. */
export function declarationParts(entries: readonly string[], size: number, partName: (index: number, total: number) => string): PlannedFile[] {
  const runs = chunks(entries, size);
  return runs.map((run, i) => ({ name: partName(i + 1, runs.length), text: [HEADER_TEXT, ...run].join('\r\n') + '\r\n', entries: run.length }));
}

export function planParts(analysis: Analysis, max = MAX_ENTRIES_PER_DECLARATION): PartPlan[] {
  const runs = chunks(analysis.model.entries, clampPartSize(max));
  return runs.map((entries, i) => ({ index: i + 1, total: runs.length, entries }));
}

/** `master.csv` -> `master` + `.csv`; `march.cape.csv` keeps its `.cape.csv` so the parts stay declarations. */
export function splitFileName(fileName: string): { stem: string; extension: string } {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const match = /^(.*?)(\.cape\.csv|\.csv|\.txt|\.xlsx|\.xlsm)$/i.exec(base);
  return match ? { stem: safeStem(match[1]), extension: /^\.xls/i.test(match[2]) ? '.csv' : match[2].toLowerCase() } : { stem: safeStem(base), extension: '.csv' };
}

/**
 * The part names `<stem>-part1-of-3.csv` ...; when any is taken, the first free set
 * `<stem>-part1-of-3 (2).csv` ... so that no existing file is ever overwritten.
 */
export function partFileNames(sourceName: string, total: number, taken: (name: string) => boolean): { names: string[]; collided: string[] } {
  const { stem, extension } = splitFileName(sourceName);
  const collided: string[] = [];
  for (let attempt = 1; attempt < 1000; attempt++) {
    const suffix = attempt === 1 ? '' : ` (${attempt})`;
    const names = Array.from({ length: total }, (_, i) => `${stem}-part${i + 1}-of-${total}${suffix}${extension}`);
    const clashes = names.filter(taken);
    if (clashes.length === 0) return { names, collided };
    if (attempt === 1) collided.push(...clashes);
  }
  throw new Error(`no free part names for ${sourceName}`);
}

export function partText(analysis: Analysis, entries: readonly Entry[]): string {
  const { text, lines } = analysis.model;
  const eol = lines.eol;
  let out = HEADER_TEXT + eol;
  for (const { row } of entries) out += text.slice(row.start, row.end) + eol;
  return out;
}

export function splitDeclaration(analysis: Analysis, names: readonly string[], max = MAX_ENTRIES_PER_DECLARATION): PlannedFile[] {
  return planParts(analysis, max).map((part, i) => ({ name: names[i], text: partText(analysis, part.entries), entries: part.entries.length }));
}
