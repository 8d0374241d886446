/**
 * Prepare for upload: one or more declarations (or a master list) become parts of at most 9,999
 * entries that ACE should accept, plus an exclusion report. Every input row ends up in exactly one
 * part or in excluded.csv: nothing is dropped silently.
 */
import { stringify } from 'csv-stringify/sync';
import { analyze, withWorkspace } from './analyze';
import type { Code } from './codes';
import { effectiveSeverity, findingsByLine } from './diagnostics';
import { MAX_ENTRIES_PER_DECLARATION } from './model';
import type { Finding } from './rules/rule';
import type { CapeSettings } from './settings';
import { clampPartSize, declarationParts, type PlannedFile } from './split';
import { CROSS_FILE_RULES } from './rules';
import { decodedFolder, decodedPath, relativePath } from './fileNames';
import { MANIFEST_SOURCE_SEPARATOR } from './splitFamilies';
import type { WorkspaceView } from './workspace';

export interface PrepareInput {
  /** How the input is named in excluded.csv (a path as the user gave it). */
  source: string;
  uri: string;
  text: string;
}

export interface ExcludedRow {
  source: string;
  /** 1-based line in the input file. */
  line: number;
  entry: string;
  codes: string[];
  messages: string[];
}

/** An entry kept in a part despite a warning (a window closing soon, an estimate): the manifest lists it. */
export interface PartWarning {
  entry: string;
  code: string;
  message: string;
  /** 1-based part number. */
  part: number;
}

export interface PreparedUpload {
  parts: PlannedFile[];
  /**
   * Per part, the inputs (URIs) holding its entries: where each came from, and every later input
   * whose duplicate of it was left out. The manifest records them, so the parts and their sources are
   * one family wherever the parts are written.
   */
  partSources: string[][];
  excluded: ExcludedRow[];
  warnings: PartWarning[];
  /** Input rows considered (entries and blank rows), for the accounting. */
  inputRows: number;
}

/** Warnings and notes about eligibility that stay with an entry kept in a part. */
const WARNINGS_KEPT = new Set(['warning', 'info']);
const CROSS_FILE_CODES = new Set<string>(CROSS_FILE_RULES.flatMap((r) => r.codes));

/** Errors that preparing resolves by itself (padding, one column, dropping duplicates, splitting, a new header). */
const RESOLVED_BY_PREPARE = new Set<Code>([
  'leading-zeros-lost', 'duplicate', 'extra-column', 'over-limit', 'header-missing', 'header-mismatch', 'empty-declaration', 'file-too-large', 'unclosed-quote',
]);

/**
 * What `check` knows beyond the files themselves: ES-003 data and CBP results (and any declarations
 * that are not being prepared), with the filing date the deadline rules use. With it, an entry that
 * check would call an error (already declared, rejected window, no IEEPA duty...) is excluded, so the
 * parts pass check with the same data.
 */
export interface PrepareContext {
  workspace: WorkspaceView;
  filingDate: string;
}

export function prepareUpload(
  inputs: readonly PrepareInput[],
  settings: CapeSettings,
  partName: (index: number, total: number) => string,
  max = MAX_ENTRIES_PER_DECLARATION,
  context?: PrepareContext,
): PreparedUpload {
  const size = clampPartSize(max);
  const accepted: string[] = [];
  const acceptedWarnings: Finding[][] = [];
  const excluded: ExcludedRow[] = [];
  const firstSeen = new Map<string, { source: string; line: number; index: number }>();
  const partSources: Set<string>[] = [];
  const holds = (index: number, uri: string) => (partSources[Math.floor(index / size)] ??= new Set()).add(uri);
  let inputRows = 0;
  for (const input of inputs) {
    // Every entry of a master list is judged, however long: no structural-only shortcut here.
    const local = analyze(input.text, input.uri, { ...settings, maxEntries: Number.MAX_SAFE_INTEGER });
    const analysis = context ? withWorkspace(local, context.workspace, context.filingDate) : local;
    if (analysis.refused) {
      // Not read at all: the whole file is listed as left out, never dropped silently.
      inputRows++;
      excluded.push({ source: input.source, line: 1, entry: '', codes: ['file-too-large'], messages: [analysis.refused] });
      continue;
    }
    const { model } = analysis;
    const byLine = findingsByLine(analysis);
    const excludedHere: ExcludedRow[] = [];
    for (const row of model.blankRows) {
      inputRows++;
      excludedHere.push({ source: input.source, line: row.line + 1, entry: '', codes: ['blank-line'], messages: ['Blank line: no entry number.'] });
    }
    for (const { row, facts } of model.entries) {
      inputRows++;
      const line = row.line + 1;
      const blocking = (byLine.get(row.line) ?? []).filter((f) => !RESOLVED_BY_PREPARE.has(f.code) && effectiveSeverity(f.code, analysis, f.severity) === 'error');
      const raw = model.text.slice(row.cellStart, row.cellEnd);
      if (blocking.length > 0) {
        excludedHere.push({ source: input.source, line, entry: raw, codes: blocking.map((f) => f.code), messages: blocking.map((f) => f.message) });
        continue;
      }
      const value = facts.padded ?? facts.normalized;
      const earlier = firstSeen.get(value);
      if (earlier) {
        excludedHere.push({ source: input.source, line, entry: raw, codes: ['duplicate'], messages: [`Duplicate of ${earlier.source} line ${earlier.line}; kept there.`] });
        holds(earlier.index, input.uri);
        continue;
      }
      firstSeen.set(value, { source: input.source, line, index: accepted.length });
      holds(accepted.length, input.uri);
      accepted.push(value);
      acceptedWarnings.push((byLine.get(row.line) ?? []).filter((f) => WARNINGS_KEPT.has(effectiveSeverity(f.code, analysis, f.severity)) && CROSS_FILE_CODES.has(f.code)));
    }
    // A loop, not push(...rows): a million blank lines would overflow the call stack.
    for (const row of excludedHere.sort((a, b) => a.line - b.line)) excluded.push(row);
  }
  const parts = declarationParts(accepted, size, partName);
  const warnings: PartWarning[] = [];
  acceptedWarnings.forEach((list, i) => {
    for (const f of list) warnings.push({ entry: accepted[i], code: f.code, message: f.message, part: Math.floor(i / size) + 1 });
  });
  return { parts, partSources: parts.map((_, i) => [...(partSources[i] ?? [])]), excluded, warnings, inputRows };
}

/** excluded.csv: every input row left out, where it was and why. */
export function excludedCsv(rows: readonly ExcludedRow[]): string {
  return stringify([['Source', 'Line', 'Entry', 'Codes', 'Messages'], ...rows.map((r) => [r.source, r.line, r.entry, r.codes.join(' '), r.messages.join(' | ')])], { record_delimiter: '\r\n' });
}

/**
 * manifest.csv: each part, its entry count and the SHA-256 of its bytes (computed by the caller, which
 * owns I/O), and the warnings of the entries it holds (`code entry` pairs), which stay in the part.
 */
export function manifestCsv(parts: readonly PlannedFile[], sha256: (text: string) => string, warnings: readonly PartWarning[] = [], sources?: ManifestSources): string {
  const of = (i: number) => warnings.filter((w) => w.part === i + 1).map((w) => `${w.code} ${w.entry}`).join('; ');
  const from = sources && decodedFolder(sources.manifestUri);
  const sourcesOf = (i: number) => (sources?.partSources[i] ?? []).map((uri) => relativePath(from!, decodedPath(uri))).join(MANIFEST_SOURCE_SEPARATOR);
  const header = ['Part File', 'Entries', 'SHA-256', 'Warnings', ...(sources ? ['Sources'] : [])];
  return stringify([header, ...parts.map((p, i) => [p.name, p.entries, sha256(p.text), of(i), ...(sources ? [sourcesOf(i)] : [])])], { record_delimiter: '\r\n' });
}

/** Where the manifest will be, and `PreparedUpload.partSources`: the `Sources` column (paths relative to the manifest). */
export interface ManifestSources {
  manifestUri: string;
  partSources: readonly (readonly string[])[];
}

