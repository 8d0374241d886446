/**
 * A split is a finished state: a declaration whose parts sit beside it (`<stem>-partK-of-N.csv`,
 * holding exactly its entries, in order) is the *source* of those parts. Its entries and theirs are
 * the same entries on purpose, so they are not duplicates of each other; the source gets one note
 * ("upload the parts, not this file"), and any drift between them is said exactly.
 */
import { fileNameOf } from './fileNames';
import { splitFileName } from './split';

export interface SplitFamily {
  source: string;
  /** The parts in order (part 1 first); a missing part is absent here and named in `drift`. */
  parts: string[];
  total: number;
  /** How the parts and the source differ; undefined when the parts hold exactly the source's entries, in order. */
  drift?: string;
  /**
   * Prepared for upload (a workbook converted, or a declaration prepared) into
   * `<stem>-upload/<stem>-upload-partK-of-N.csv`: the parts hold the source's entries that can be
   * declared, repaired, so drift is a missing part or a part entry the source does not hold.
   */
  converted?: boolean;
}

/** `<stem>-partK-of-N.csv`, or `<stem>-partK-of-N (2).csv` when the first names were taken. */
const PART = /^(.*)-part(\d+)-of-(\d+)( \(\d+\))?(\.cape\.csv|\.csv|\.txt)$/i;

function directoryOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}


/**
 * Every split family among indexed declarations. `codesOf` gives a declaration's entry keys in order
 * (the index's packed codes).
 */
export function findSplitFamilies(uris: readonly string[], codesOf: (uri: string) => Float64Array | undefined): Map<string, SplitFamily> {
  // Sources by directory and stem: the name a part's stem points back to.
  const sources = new Map<string, string>();
  for (const uri of uris) if (!PART.test(fileNameOf(uri))) sources.set(directoryOf(uri) + splitFileName(fileNameOf(uri)).stem, uri);
  const groups = new Map<string, { source: string; total: number; parts: Map<number, string>; converted: boolean }>();
  for (const uri of uris) {
    const match = PART.exec(fileNameOf(uri));
    if (!match) continue;
    const beside = sources.get(directoryOf(uri) + match[1]);
    const prepared = beside === undefined ? preparedFrom(uri, match[1], sources) : undefined;
    const source = beside ?? prepared;
    if (!source) continue;
    const total = Number(match[3]);
    const id = `${source}#${total}#${match[4] ?? ''}`;
    const group = groups.get(id) ?? { source, total, parts: new Map<number, string>(), converted: prepared !== undefined };
    group.parts.set(Number(match[2]), uri);
    groups.set(id, group);
  }
  const families = new Map<string, SplitFamily>();
  for (const group of groups.values()) {
    // A source split twice (into 2, then into 3): the complete set wins, then the larger.
    const existing = families.get(group.source);
    if (existing && (existing.drift === undefined || existing.parts.length >= group.parts.size)) continue;
    const parts = [...group.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, uri]) => uri);
    const drift = group.converted ? missingParts(group) ?? entriesNotInSource(group, codesOf) : driftOf(group, codesOf);
    families.set(group.source, { source: group.source, parts, total: group.total, drift, ...(group.converted ? { converted: true } : {}) });
  }
  return families;
}

/** `<dir>/<stem>-upload/<stem>-upload-partK-of-N.csv` comes from `<dir>/<stem>.xlsx` or `<dir>/<stem>.csv` (prepare's names). */
function preparedFrom(uri: string, partStem: string, sources: ReadonlyMap<string, string>): string | undefined {
  const folder = directoryOf(uri);
  if (!partStem.endsWith('-upload') || !decodeURIComponent(folder).endsWith(`/${partStem}/`)) return undefined;
  const parent = folder.slice(0, folder.slice(0, -1).lastIndexOf('/') + 1);
  return sources.get(parent + partStem.slice(0, -'-upload'.length));
}

/** Prepared parts hold only entries of their source: one that is not there means the source changed since. */
function entriesNotInSource(group: { source: string; total: number; parts: Map<number, string> }, codesOf: (uri: string) => Float64Array | undefined): string | undefined {
  const source = new Set(codesOf(group.source) ?? []);
  for (const [, uri] of [...group.parts].sort((a, b) => a[0] - b[0])) {
    const codes = codesOf(uri) ?? new Float64Array(0);
    for (let i = 0; i < codes.length; i++) {
      if (!source.has(codes[i])) return `${fileNameOf(uri)} holds an entry the source no longer does (its entry ${i + 1})`;
    }
  }
  return undefined;
}

function missingParts(group: { total: number; parts: Map<number, string> }): string | undefined {
  const missing = [];
  for (let k = 1; k <= group.total; k++) if (!group.parts.has(k)) missing.push(k);
  return missing.length > 0 ? `part${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${group.total} ${missing.length === 1 ? 'is' : 'are'} missing` : undefined;
}

function driftOf(group: { source: string; total: number; parts: Map<number, string> }, codesOf: (uri: string) => Float64Array | undefined): string | undefined {
  const missing = missingParts(group);
  if (missing) return missing;
  const source = codesOf(group.source) ?? new Float64Array(0);
  let at = 0;
  for (let k = 1; k <= group.total; k++) {
    const uri = group.parts.get(k)!;
    const codes = codesOf(uri) ?? new Float64Array(0);
    for (let i = 0; i < codes.length; i++, at++) {
      if (at >= source.length) return `${fileNameOf(uri)} has entries the source does not (from its entry ${i + 1})`;
      if (codes[i] !== source[at]) return `${fileNameOf(uri)} differs from the source at its entry ${i + 1} (the source's entry ${at + 1})`;
    }
  }
  if (at < source.length) return `the source has ${(source.length - at).toLocaleString('en-US')} entries after the last part's (from its entry ${at + 1}): it changed after the split`;
  return undefined;
}
