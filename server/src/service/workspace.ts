/**
 * The workspace index: which declaration files hold which entries, and what CBP said about them.
 * Pure and incremental: a file is added, replaced or removed on its own, and `generation` changes
 * whenever anything does, so cached cross-file results know when they are stale. Memory matters at
 * 200 files x 9,999 entries: one owner per key, and a list only for keys held by several files.
 */
import type { DeclarationModel } from './model';
import type { EntryFacts, RowProblem } from './es003';
import { parseResults, type CbpResult } from './results';

export interface Occurrence {
  uri: string;
  /** 0-based line of the entry in that file. */
  line: number;
}

export interface IndexedResult extends CbpResult {
  uri: string;
}

const NOWHERE: Occurrence[] = [];

interface FileEntries {
  uri: string;
  keys: string[];
  lines: Int32Array;
  /** Built on first need: where each key first appears. */
  firstLine?: Map<string, number>;
}

/** What rules and hovers may ask of the workspace. */
export interface WorkspaceView {
  readonly generation: number;
  /** False while no CBP results file is indexed. */
  readonly hasResults: boolean;
  occurrencesElsewhere(key: string, uri: string): Occurrence[];
  resultsFor(key: string): readonly IndexedResult[];
  /** False while no ES-003 export is indexed. */
  readonly hasEntryData: boolean;
  entryFacts(key: string): EntryFacts | undefined;
}

export class WorkspaceIndex implements WorkspaceView {
  generation = 0;
  private readonly ids = new Map<string, number>();
  private readonly files: (FileEntries | undefined)[] = [];
  private readonly owner = new Map<string, number>();
  private readonly shared = new Map<string, number[]>();
  private readonly results = new Map<string, IndexedResult[]>();
  private readonly resultKeys = new Map<string, string[]>();
  private readonly entryData = new Map<string, { facts: Map<string, EntryFacts>; problems: RowProblem[]; rows: number }>();

  /** Indexes (or re-indexes) a declaration from its model. */
  setDeclaration(uri: string, model: DeclarationModel): void {
    const keys: string[] = [];
    const lines: number[] = [];
    for (const entry of model.entries) {
      const key = entry.facts.key;
      if (key.length !== 11 || entry.facts.scientific) continue;
      keys.push(key);
      lines.push(entry.row.line);
    }
    const id = this.ids.get(uri);
    const old = id === undefined ? undefined : this.files[id];
    if (id !== undefined && old && this.updateInPlace(id, old, keys, Int32Array.from(lines))) return;
    this.removeDeclaration(uri);
    this.addDeclaration(uri, keys, Int32Array.from(lines));
    this.generation++;
  }

  /**
   * An edit inside a cell keeps the entry count: only the keys at changed positions move, so typing
   * in a 9,999-entry file touches a handful of keys, not 20,000. Returns false when it cannot apply.
   */
  private updateInPlace(id: number, old: FileEntries, keys: string[], lines: Int32Array): boolean {
    if (old.keys.length !== keys.length) return false;
    const changed: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      if (old.keys[i] !== keys[i]) {
        changed.push(i);
        if (changed.length > 64) return false;
      }
    }
    this.files[id] = { uri: old.uri, keys, lines };
    if (changed.length === 0) return true; // same entries: nothing anyone else sees has changed
    for (const key of new Set(changed.map((i) => old.keys[i]))) if (!keys.includes(key)) this.release(key, id);
    for (const key of new Set(changed.map((i) => keys[i]))) if (!old.keys.includes(key)) this.claim(key, id);
    this.generation++;
    return true;
  }

  private addDeclaration(uri: string, keys: string[], lines: Int32Array): void {
    let id = this.ids.get(uri);
    if (id === undefined) {
      id = this.files.length;
      this.ids.set(uri, id);
    }
    this.files[id] = { uri, keys, lines };
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      this.claim(key, id);
    }
  }

  /** File `id` holds `key` (it did not before). */
  private claim(key: string, id: number): void {
    const first = this.owner.get(key);
    if (first === undefined) this.owner.set(key, id);
    else {
      const all = this.shared.get(key) ?? [first];
      all.push(id);
      this.shared.set(key, all);
    }
  }

  /** File `id` no longer holds `key`. */
  private release(key: string, id: number): void {
    const all = this.shared.get(key);
    if (all) {
      const rest = all.filter((x) => x !== id);
      if (rest.length === 1) this.shared.delete(key);
      else this.shared.set(key, rest);
      this.owner.set(key, rest[0]);
    } else if (this.owner.get(key) === id) this.owner.delete(key);
  }

  setResults(uri: string, text: string): void {
    this.removeResults(uri);
    const parsed = parseResults(text);
    const keys: string[] = [];
    for (const result of parsed) {
      const list = this.results.get(result.key) ?? [];
      list.push({ ...result, uri });
      this.results.set(result.key, list);
      keys.push(result.key);
    }
    this.resultKeys.set(uri, keys);
    this.generation++;
  }

  /** An ES-003 export's per-entry facts (aggregated by the caller, which streams the file). */
  setEntryData(uri: string, facts: Map<string, EntryFacts>, problems: RowProblem[], rows: number): void {
    this.removeDeclaration(uri);
    this.removeResults(uri);
    this.entryData.set(uri, { facts, problems, rows });
    this.generation++;
  }

  entryDataProblems(uri: string): readonly RowProblem[] {
    return this.entryData.get(uri)?.problems ?? [];
  }

  entryDataUris(): string[] {
    return [...this.entryData.keys()];
  }

  get hasEntryData(): boolean {
    return this.entryData.size > 0;
  }

  entryFacts(key: string): EntryFacts | undefined {
    for (const data of this.entryData.values()) {
      const facts = data.facts.get(key);
      if (facts) return facts;
    }
    return undefined;
  }

  /** Every entry of every export, for building declarations. */
  allEntryFacts(): EntryFacts[] {
    const seen = new Map<string, EntryFacts>();
    for (const data of this.entryData.values()) for (const [key, facts] of data.facts) if (!seen.has(key)) seen.set(key, facts);
    return [...seen.values()];
  }

  /** Forgets a file: declaration, results or entry data. */
  remove(uri: string): void {
    const changed = this.removeDeclaration(uri) || this.removeResults(uri) || this.entryData.delete(uri);
    if (changed) this.generation++;
  }

  has(uri: string): boolean {
    const id = this.ids.get(uri);
    return (id !== undefined && this.files[id] !== undefined) || this.resultKeys.has(uri) || this.entryData.has(uri);
  }

  declarationUris(): string[] {
    return this.files.filter((f): f is FileEntries => f !== undefined).map((f) => f.uri);
  }

  resultUris(): string[] {
    return [...this.resultKeys.keys()];
  }

  get entryCount(): number {
    return this.files.reduce((n, f) => n + (f?.keys.length ?? 0), 0);
  }

  occurrencesElsewhere(key: string, uri: string): Occurrence[] {
    // A document that is not indexed itself (a build, an unsaved file) sees the single owner too.
    const owner = this.owner.get(key);
    const all = this.shared.get(key) ?? (owner !== undefined && this.ids.get(uri) !== owner ? [owner] : undefined);
    if (!all) return NOWHERE;
    const self = this.ids.get(uri);
    const out: Occurrence[] = [];
    for (const id of all) {
      if (id === self) continue;
      const file = this.files[id]!;
      out.push({ uri: file.uri, line: this.lineOf(file, key) });
    }
    return out;
  }

  get hasResults(): boolean {
    return this.results.size > 0;
  }

  resultsFor(key: string): readonly IndexedResult[] {
    return this.results.get(key) ?? [];
  }

  private lineOf(file: FileEntries, key: string): number {
    if (!file.firstLine) {
      file.firstLine = new Map();
      for (let i = file.keys.length - 1; i >= 0; i--) file.firstLine.set(file.keys[i], file.lines[i]);
    }
    return file.firstLine.get(key) ?? 0;
  }

  private removeDeclaration(uri: string): boolean {
    const id = this.ids.get(uri);
    const file = id === undefined ? undefined : this.files[id];
    if (id === undefined || !file) return false;
    for (const key of new Set(file.keys)) this.release(key, id);
    this.files[id] = undefined;
    return true;
  }

  private removeResults(uri: string): boolean {
    const keys = this.resultKeys.get(uri);
    if (!keys) return false;
    for (const key of new Set(keys)) {
      const rest = (this.results.get(key) ?? []).filter((r) => r.uri !== uri);
      if (rest.length === 0) this.results.delete(key);
      else this.results.set(key, rest);
    }
    this.resultKeys.delete(uri);
    return true;
  }
}

/** The file name of a URI, for messages. */
export function displayName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
