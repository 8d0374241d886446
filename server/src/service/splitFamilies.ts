/**
 * A split is a finished state: a declaration whose parts sit beside it (`<stem>-partK-of-N.csv`,
 * holding exactly its entries, in order) is the *source* of those parts. Its entries and theirs are
 * the same entries on purpose, so they are not duplicates of each other; the source gets one note
 * ("upload the parts, not this file"), and any drift between them is said exactly.
 */
import { parse } from 'csv-parse/sync';
import { headerDelimiter, firstLineOf } from './delimiters';
import { decodedFolder, decodedPath, fileNameOf, resolvedPath } from './fileNames';
import { splitFileName } from './split';

export interface SplitFamily {
  /** The source (the first, when an upload manifest names several). */
  source: string;
  /** Every source, when an upload manifest names them (`cape prepare a.csv b.csv`); else just `source`. */
  sources?: string[];
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

/** Between the paths of one part's sources in an upload manifest's `Sources` column. */
export const MANIFEST_SOURCE_SEPARATOR = ' | ';

/** Whether `uri` is a source of the family (not one of its parts). */
export function isFamilySource(family: SplitFamily, uri: string): boolean {
  return (family.sources ?? [family.source]).includes(uri);
}

/** A source of an exact family: its one note speaks for it (its parts carry its entries and their findings). */
export function isExactSource(family: SplitFamily | undefined, uri: string): boolean {
  return family !== undefined && family.drift === undefined && isFamilySource(family, uri);
}

/** A family's sources and parts: never duplicates of each other. */
export function familyMembers(family: SplitFamily): string[] {
  return [...(family.sources ?? [family.source]), ...family.parts];
}

/**
 * What an upload manifest (prepare's manifest.csv) says of its parts: their paths and their sources'
 * (decoded, as `fileNames.decodedPath` gives them), the parts in order.
 */
export interface ManifestFamily {
  parts: string[];
  sources: string[];
}

/** A manifest's parts and sources, resolved against its folder; undefined when it names no source (an older manifest, or `cape build`'s). */
export function parseManifest(text: string, manifestUri: string): ManifestFamily | undefined {
  let records: string[][];
  try {
    // A manifest opened in Excel and saved again may come back with `;` or tabs between its columns.
    const delimiter = headerDelimiter(firstLineOf(text.replace(/^\ufeff/, '')));
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch {
    return undefined;
  }
  const header = records[0]?.map((c) => c.trim()) ?? [];
  const partColumn = header.indexOf('Part File');
  const sourcesColumn = header.indexOf('Sources');
  if (partColumn < 0 || sourcesColumn < 0) return undefined;
  const folder = decodedFolder(manifestUri);
  const parts: string[] = [];
  const sources = new Set<string>();
  for (const record of records.slice(1)) {
    const part = record[partColumn]?.trim();
    if (!part) continue;
    parts.push(resolvedPath(folder, part));
    for (const source of (record[sourcesColumn] ?? '').split(MANIFEST_SOURCE_SEPARATOR)) if (source.trim() !== '') sources.add(resolvedPath(folder, source.trim()));
  }
  return parts.length > 0 && sources.size > 0 ? { parts, sources: [...sources] } : undefined;
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
export function findSplitFamilies(uris: readonly string[], codesOf: (uri: string) => Float64Array | undefined, manifests: readonly ManifestFamily[] = []): Map<string, SplitFamily> {
  const families = new Map<string, SplitFamily>();
  // An upload manifest names its parts and their sources: they are one family wherever the parts were written.
  const claimed = new Set<string>();
  const byPath = new Map(uris.map((uri) => [decodedPath(uri), uri]));
  for (const manifest of manifests) {
    const sources = manifest.sources.map((p) => byPath.get(p)).filter((uri): uri is string => uri !== undefined);
    const listed = manifest.parts.map((p) => byPath.get(p));
    const parts = listed.filter((uri): uri is string => uri !== undefined);
    if (sources.length === 0 || parts.length === 0) continue;
    for (const part of parts) claimed.add(part);
    const missing = manifest.parts.filter((_, i) => listed[i] === undefined).map((p) => p.slice(p.lastIndexOf('/') + 1));
    const drift = missing.length > 0 ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing` : entriesNotInSources(parts, sources, codesOf);
    // Keyed by its first part: one source can be in several manifests (prepared twice, to two folders).
    families.set(parts[0], { source: sources[0], sources, parts, total: manifest.parts.length, drift, converted: true });
  }
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
  for (const group of groups.values()) {
    if ([...group.parts.values()].some((part) => claimed.has(part))) continue;
    // A source split twice (into 2, then into 3): the complete set wins, then the larger.
    const existing = families.get(group.source);
    if (existing && (existing.drift === undefined || existing.parts.length >= group.parts.size)) continue;
    const parts = [...group.parts.entries()].sort((a, b) => a[0] - b[0]).map(([, uri]) => uri);
    const drift = group.converted ? missingParts(group) ?? entriesNotInSources(parts, [group.source], codesOf) : driftOf(group, codesOf);
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

/** Prepared parts (in order) hold only entries of their sources: one that is not there means a source changed since. */
function entriesNotInSources(parts: readonly string[], sources: readonly string[], codesOf: (uri: string) => Float64Array | undefined): string | undefined {
  const held = new Set<number>();
  for (const source of sources) for (const code of codesOf(source) ?? []) held.add(code);
  const whose = sources.length === 1 ? 'the source no longer does' : 'its sources no longer do';
  for (const uri of parts) {
    const codes = codesOf(uri) ?? new Float64Array(0);
    for (let i = 0; i < codes.length; i++) {
      if (!held.has(codes[i])) return `${fileNameOf(uri)} holds an entry ${whose} (its entry ${i + 1})`;
    }
  }
  return undefined;
}
