/**
 * The workspace index: which declaration files hold which entries, and what CBP said about them.
 * Pure and incremental: a file is added, replaced or removed on its own, and `generation` changes
 * whenever anything does, so cached cross-file results know when they are stale. Memory matters at
 * 200 files x 9,999 entries: keys are packed into numbers in typed arrays (codeTable.ts), one owner
 * per key, and a list only for keys held by several files.
 */
import { CodeTable, KeyCodes } from './codeTable';
import { keysOfModel, type DeclarationKeys } from './declarationKeys';
import type { DeclarationModel } from './model';
import type { EntryFacts, RowProblem } from './es003';
import { parseResults, type CbpResult } from './results';
import { familyMembers, findSplitFamilies, parseManifest, type ManifestFamily, type SplitFamily } from './splitFamilies';

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
  /** Each entry's key code (see codeTable.ts), in file order. */
  codes: Float64Array;
  lines: Int32Array;
}

/** A file holding a shared key, and the line where the key first appears in it (-1: not looked up yet). */
interface Holder {
  id: number;
  line: number;
}

/** What rules and hovers may ask of the workspace. */
export interface WorkspaceView {
  readonly generation: number;
  /** False while no CBP results file is indexed. */
  readonly hasResults: boolean;
  occurrencesElsewhere(key: string, uri: string): Occurrence[];
  /**
   * For an indexed file: whether another file holds a key (as `occurrencesElsewhere` would say),
   * asked of the file's own small tables instead of the whole index. Undefined when not indexed.
   */
  sharedKeyTest(uri: string): ((key: string) => boolean) | undefined;
  /** The same by packed key code (`keyCodes` of the model; entry-number-shaped keys only). */
  sharedCodeTest?(uri: string): ((code: number) => boolean) | undefined;
  /** The codes of an indexed file's keys that other files hold too (as indexed). */
  sharedCodesOf?(uri: string): ReadonlySet<number> | undefined;
  resultsFor(key: string): readonly IndexedResult[];
  /** False while no ES-003 export is indexed. */
  readonly hasEntryData: boolean;
  entryFacts(key: string): EntryFacts | undefined;
  /** The split family a declaration belongs to (as the source or as a part), if any. */
  splitFamilyOf(uri: string): SplitFamily | undefined;
  /** Filer codes of the entries in the ES-003 exports: which declarations an export is about. */
  entryDataFilerCodes(): ReadonlySet<string>;
}

export class WorkspaceIndex implements WorkspaceView {
  generation = 0;
  private readonly ids = new Map<string, number>();
  private readonly files: (FileEntries | undefined)[] = [];
  private readonly keyCodes = new KeyCodes();
  /** The first file holding each key; `shared` lists every holder of keys held by several. */
  private readonly owner = new CodeTable(1 << 16);
  private readonly shared = new Map<number, Holder[]>();
  /** Per file: the codes of its keys that other files hold too. */
  private readonly sharedOf: Set<number>[] = [];
  private readonly results = new Map<string, IndexedResult[]>();
  private readonly resultKeys = new Map<string, string[]>();
  private readonly entryData = new Map<string, { facts: Map<string, EntryFacts>; problems: RowProblem[]; rows: number }>();
  /** Upload manifests (prepare's manifest.csv) that name their parts' sources. */
  private readonly manifests = new Map<string, ManifestFamily>();

  /** Indexes (or re-indexes) a declaration from its model (an open document). */
  setDeclaration(uri: string, model: DeclarationModel): void {
    this.setDeclarationKeys(uri, keysOfModel(model));
  }

  /** Indexes (or re-indexes) a declaration from its keys (`declarationKeys` of a file on disk). */
  setDeclarationKeys(uri: string, keys: DeclarationKeys): void {
    if (this.manifests.delete(uri)) this.generation++; // it was a manifest, and is a declaration now
    const codes = this.codesOf(keys);
    const lines = keys.lines;
    const id = this.ids.get(uri);
    const old = id === undefined ? undefined : this.files[id];
    if (id !== undefined && old && this.updateInPlace(id, old, codes, lines)) return;
    this.removeDeclaration(uri);
    this.addDeclaration(uri, codes, lines);
    this.generation++;
  }

  /**
   * Indexes many declarations at once (a CLI run): the same index as `setDeclarationKeys` on each in
   * turn, with the keys inserted region by region of the key table rather than file by file (at
   * 2,000,000 keys, a cache miss each). A batch naming a file already indexed, or one file twice, is
   * indexed file by file.
   */
  setDeclarationKeysOfMany(batch: readonly { uri: string; keys: DeclarationKeys }[]): void {
    const uris = new Set(batch.map((b) => b.uri));
    if (uris.size !== batch.length || batch.some((b) => this.has(b.uri))) {
      for (const { uri, keys } of batch) this.setDeclarationKeys(uri, keys);
      return;
    }
    const groups: Float64Array[] = [];
    const ids: number[] = [];
    for (const { uri, keys } of batch) {
      const id = this.ids.get(uri) ?? this.files.length;
      this.ids.set(uri, id);
      const codes = this.codesOf(keys);
      this.files[id] = { uri, codes, lines: keys.lines };
      groups.push(codes);
      ids.push(id);
    }
    // A key another file holds is shared; its line here is looked up when first shown.
    this.owner.putAllIfAbsent(groups, ids, (code, id, first) => {
      if (first !== id) this.share(code, first, id, -1);
    });
    this.generation++;
  }

  /** The index's codes for a file's keys: its packed codes, and numbers of their own for keys that are not entry-number shaped. */
  private codesOf({ codes: packed, oddKeys }: DeclarationKeys): Float64Array {
    // Kept as given (the index never writes to it) unless odd keys need this index's numbers.
    if (oddKeys.size === 0) return packed;
    const codes = packed.slice();
    for (const [i, key] of oddKeys) codes[i] = this.keyCodes.codeOf(key, true)!;
    return codes;
  }

  /**
   * An edit inside a cell keeps the entry count: only the keys at changed positions move, so typing
   * in a 9,999-entry file touches a handful of keys, not 20,000. Returns false when it cannot apply.
   */
  private updateInPlace(id: number, old: FileEntries, codes: Float64Array, lines: Int32Array): boolean {
    if (old.codes.length !== codes.length) return false;
    const changed: number[] = [];
    for (let i = 0; i < codes.length; i++) {
      if (old.codes[i] !== codes[i]) {
        changed.push(i);
        if (changed.length > 64) return false;
      }
    }
    this.files[id] = { uri: old.uri, codes, lines };
    // Where a shared key first appears can move: rows moved, or a repeat of it was edited.
    const sharedCodes = this.sharedSet(id);
    const moved = !sameLines(old.lines, lines) || changed.some((i) => sharedCodes.has(old.codes[i]) || sharedCodes.has(codes[i]));
    for (const code of new Set(changed.map((i) => old.codes[i]))) if (!codes.includes(code)) this.release(code, id);
    for (const code of new Set(changed.map((i) => codes[i]))) if (!old.codes.includes(code)) this.claim(code, id, codes.indexOf(code));
    if (moved) this.refreshSharedLines(id);
    if (changed.length > 0 || moved) this.generation++; // else: nothing anyone else sees has changed
    return true;
  }

  /** The lines of file `id` moved: the lines recorded for its shared keys follow. */
  private refreshSharedLines(id: number): void {
    const sharedCodes = this.sharedSet(id);
    if (sharedCodes.size === 0) return;
    const { codes, lines } = this.files[id]!;
    const done = new Set<number>();
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (!sharedCodes.has(code) || done.has(code)) continue;
      done.add(code);
      const holder = this.shared.get(code)?.find((h) => h.id === id);
      if (holder) holder.line = lines[i];
    }
  }

  private addDeclaration(uri: string, codes: Float64Array, lines: Int32Array): void {
    let id = this.ids.get(uri);
    if (id === undefined) {
      id = this.files.length;
      this.ids.set(uri, id);
    }
    this.files[id] = { uri, codes, lines };
    for (let i = 0; i < codes.length; i++) {
      // Most keys are new or already this file's: only the rest (held by another file) need claim.
      const first = this.owner.putIfAbsent(codes[i], id);
      if (first !== undefined && first !== id) this.share(codes[i], first, id, lines[i]);
    }
  }

  /**
   * File `id` holds the key, first at `position` (a repeat within one file changes nothing). Lines
   * are recorded only for keys several files hold: those are the ones other files show.
   */
  private claim(code: number, id: number, position: number): void {
    const first = this.owner.putIfAbsent(code, id);
    if (first !== undefined && first !== id) this.share(code, first, id, this.files[id]!.lines[position]);
  }

  /** File `id` holds a key file `first` held first, at `line` (-1: looked up when first shown). */
  private share(code: number, first: number, id: number, line: number): void {
    let all = this.shared.get(code);
    if (!all) {
      all = [{ id: first, line: -1 }]; // looked up when first shown: indexing 200 files need not search
      this.shared.set(code, all);
      this.sharedSet(first).add(code);
    } else if (all.some((h) => h.id === id)) return;
    all.push({ id, line });
    this.sharedSet(id).add(code);
  }

  /** File `id` no longer holds `key`. */
  private release(code: number, id: number): void {
    const all = this.shared.get(code);
    if (all) {
      const rest = all.filter((h) => h.id !== id);
      this.sharedSet(id).delete(code);
      if (rest.length === 1) {
        this.shared.delete(code);
        this.sharedSet(rest[0].id).delete(code);
      } else this.shared.set(code, rest);
      this.owner.set(code, rest[0].id);
    } else if (this.owner.get(code) === id) this.owner.delete(code);
  }

  private sharedSet(id: number): Set<number> {
    return (this.sharedOf[id] ??= new Set());
  }

  setResults(uri: string, text: string): void {
    this.removeResults(uri);
    this.manifests.delete(uri);
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

  /** An upload manifest: its parts and their sources are one family (see splitFamilies.ts). */
  setManifest(uri: string, text: string): void {
    this.remove(uri);
    const family = parseManifest(text, uri);
    if (family) this.manifests.set(uri, family);
    this.generation++;
  }

  /** An ES-003 export's per-entry facts (aggregated by the caller, which streams the file). */
  setEntryData(uri: string, facts: Map<string, EntryFacts>, problems: RowProblem[], rows: number): void {
    this.removeDeclaration(uri);
    this.removeResults(uri);
    this.manifests.delete(uri);
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

  private families: { generation: number; byUri: Map<string, SplitFamily> } | undefined;

  splitFamilyOf(uri: string): SplitFamily | undefined {
    if (this.families?.generation !== this.generation) {
      const codesOf = (u: string) => {
        const id = this.ids.get(u);
        return id === undefined ? undefined : this.files[id]?.codes;
      };
      const bySource = findSplitFamilies(this.declarationUris(), codesOf, [...this.manifests.values()]);
      const byUri = new Map<string, SplitFamily>();
      for (const family of bySource.values()) for (const member of familyMembers(family)) byUri.set(member, family);
      this.families = { generation: this.generation, byUri };
    }
    return this.families.byUri.get(uri);
  }

  private filerCodes: { generation: number; codes: Set<string> } | undefined;

  entryDataFilerCodes(): ReadonlySet<string> {
    if (this.filerCodes?.generation !== this.generation) {
      const codes = new Set<string>();
      for (const data of this.entryData.values()) for (const key of data.facts.keys()) codes.add(key.slice(0, 3));
      this.filerCodes = { generation: this.generation, codes };
    }
    return this.filerCodes.codes;
  }

  /** Forgets a file: declaration, results or entry data. */
  remove(uri: string): void {
    const changed = this.removeDeclaration(uri) || this.removeResults(uri) || this.entryData.delete(uri) || this.manifests.delete(uri);
    if (changed) this.generation++;
  }

  has(uri: string): boolean {
    const id = this.ids.get(uri);
    return (id !== undefined && this.files[id] !== undefined) || this.resultKeys.has(uri) || this.entryData.has(uri) || this.manifests.has(uri);
  }

  declarationUris(): string[] {
    return this.files.filter((f): f is FileEntries => f !== undefined).map((f) => f.uri);
  }

  resultUris(): string[] {
    return [...this.resultKeys.keys()];
  }

  get entryCount(): number {
    return this.files.reduce((n, f) => n + (f?.codes.length ?? 0), 0);
  }

  occurrencesElsewhere(key: string, uri: string): Occurrence[] {
    const code = this.keyCodes.codeOf(key, false);
    if (code === undefined) return NOWHERE;
    const self = this.ids.get(uri);
    const all = this.shared.get(code);
    if (all) {
      const out: Occurrence[] = [];
      for (const holder of all) {
        if (holder.id === self) continue;
        const file = this.files[holder.id]!;
        if (holder.line < 0) holder.line = this.lineOf(file, code);
        out.push({ uri: file.uri, line: holder.line });
      }
      return out;
    }
    // A document that is not indexed itself (a build, an unsaved file) sees the single owner too.
    const owner = this.owner.get(code);
    if (owner === undefined || owner === self) return NOWHERE;
    const file = this.files[owner]!;
    return [{ uri: file.uri, line: this.lineOf(file, code) }];
  }

  sharedKeyTest(uri: string): ((key: string) => boolean) | undefined {
    const id = this.ids.get(uri);
    const file = id === undefined ? undefined : this.files[id];
    if (id === undefined || !file) return undefined;
    const sharedCodes = this.sharedSet(id);
    return (key) => {
      const code = this.keyCodes.codeOf(key, false);
      if (code === undefined) return false; // no file has ever held it
      if (sharedCodes.has(code)) return true;
      // Not shared by this file's indexed keys; if the text asking is newer than those, another
      // file may still be the key's only holder.
      const owner = this.owner.get(code);
      return owner !== undefined && owner !== id;
    };
  }

  get hasResults(): boolean {
    return this.results.size > 0;
  }

  resultsFor(key: string): readonly IndexedResult[] {
    return this.results.get(key) ?? [];
  }

  /**
   * Where a code first appears in a file. A file asked more than a few times (many shared keys) gets
   * a table of first positions once, so thousands of cross-file duplicates cost one pass, not one
   * scan each.
   */
  private lineOf(file: FileEntries, code: number): number {
    let firsts = this.firstPositions.get(file);
    if (!firsts) {
      const asked = (this.lineQueries.get(file) ?? 0) + 1;
      this.lineQueries.set(file, asked);
      if (asked <= 8) {
        const position = file.codes.indexOf(code);
        return position < 0 ? 0 : file.lines[position];
      }
      firsts = new CodeTable(file.codes.length);
      for (let i = 0; i < file.codes.length; i++) firsts.putIfAbsent(file.codes[i], i);
      this.firstPositions.set(file, firsts);
    }
    const position = firsts.get(code);
    return position === undefined ? 0 : file.lines[position];
  }

  private readonly lineQueries = new WeakMap<FileEntries, number>();
  private readonly firstPositions = new WeakMap<FileEntries, CodeTable>();

  /** Makes room for about `entries` more keys at once (a CLI run knows its total): no table regrowth on the way. */
  reserve(entries: number): void {
    this.owner.reserve(this.owner.size + entries);
  }

  sharedCodesOf(uri: string): ReadonlySet<number> | undefined {
    const id = this.ids.get(uri);
    return id === undefined || !this.files[id] ? undefined : this.sharedSet(id);
  }

  /**
   * For an indexed file: whether another file holds a key, by its packed code (`keyCodes` of the
   * model); the code-based twin of `sharedKeyTest`, with no key to pack again.
   */
  sharedCodeTest(uri: string): ((code: number) => boolean) | undefined {
    const id = this.ids.get(uri);
    if (id === undefined || !this.files[id]) return undefined;
    const sharedCodes = this.sharedSet(id);
    return (code) => {
      if (sharedCodes.has(code)) return true;
      const owner = this.owner.get(code);
      return owner !== undefined && owner !== id;
    };
  }

  private removeDeclaration(uri: string): boolean {
    const id = this.ids.get(uri);
    const file = id === undefined ? undefined : this.files[id];
    if (id === undefined || !file) return false;
    for (const code of new Set(file.codes)) this.release(code, id);
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

function sameLines(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
