/**
 * Many declarations checked against each other (a CLI run), with one parse each where that gives the
 * same answer as two. The straightforward way parses every file twice: once for its keys (the index
 * needs every file's keys before any file's cross-file findings), then for its analysis. Here each
 * file is analyzed once, first, against a view that says "no other declaration holds any of your
 * entries, and no split family holds you" while noting every question asked; the index is built from
 * those analyses' keys; and then every noted question is asked again of the full index. A file whose
 * answers all stand has its findings already (the rules read the workspace only through the view, so
 * the same answers give the same findings); any other file is analyzed again against the full index,
 * exactly as the straightforward way would. Results and ES-003 exports are not declarations: the
 * view passes their questions to the index, which the loader filled with them first.
 */
import { analyze, withWorkspace, type WorkspaceAnalysis } from './analyze';
import { keysOfModel, type DeclarationKeys } from './declarationKeys';
import type { EntryFacts } from './es003';
import type { CapeSettings } from './settings';
import type { SplitFamily } from './splitFamilies';
import type { IndexedResult, Occurrence, WorkspaceIndex, WorkspaceView } from './workspace';

export interface DeclarationToCheck {
  uri: string;
  text: string;
}

/**
 * Indexes `declarations` (none of them indexed yet: the index holds their keys after) and gives
 * `finish(analysis, i)` for each, in order: its analysis with the workspace, as
 * `withWorkspace(analyze(text), index, filingDate, { indexedAsIs: true })` gives it once all are indexed.
 */
export function checkDeclarations<T>(
  index: WorkspaceIndex,
  declarations: readonly DeclarationToCheck[],
  settings: CapeSettings,
  filingDate: string,
  finish: (analysis: WorkspaceAnalysis, i: number) => T,
): T[] {
  const results: T[] = [];
  const views: AloneView[] = [];
  const keys: { uri: string; keys: DeclarationKeys }[] = [];
  for (let i = 0; i < declarations.length; i++) {
    const { uri, text } = declarations[i];
    const local = analyze(text, uri, settings);
    keys.push({ uri, keys: keysOfModel(local.model) });
    const view = new AloneView(index);
    views.push(view);
    results.push(finish(withWorkspace(local, view, filingDate, { indexedAsIs: true }), i));
  }
  index.setDeclarationKeysOfMany(keys);
  for (let i = 0; i < declarations.length; i++) {
    if (views[i].answersHold(index)) continue;
    const { uri, text } = declarations[i];
    results[i] = finish(withWorkspace(analyze(text, uri, settings), index, filingDate, { indexedAsIs: true }), i);
  }
  return results;
}

const NOTHING_SHARED: ReadonlySet<number> = new Set();
const NOWHERE: Occurrence[] = [];

/**
 * The workspace as one declaration sees it before the others are indexed, if it shares nothing with
 * them: its questions about other declarations are answered "none" and noted, the rest are the index's.
 */
class AloneView implements WorkspaceView {
  /** Keys asked of `occurrencesElsewhere`, by the uri asking. */
  private readonly occurrencesAsked: [string, string][] = [];
  private readonly keyTestsAsked: [string, string[]][] = [];
  private readonly codeTestsAsked: [string, number[]][] = [];
  private readonly sharedCodesAsked: string[] = [];
  private readonly familiesAsked: string[] = [];

  constructor(private readonly index: WorkspaceView) {}

  get generation(): number {
    return this.index.generation;
  }

  get hasResults(): boolean {
    return this.index.hasResults;
  }

  resultsFor(key: string): readonly IndexedResult[] {
    return this.index.resultsFor(key);
  }

  get hasEntryData(): boolean {
    return this.index.hasEntryData;
  }

  entryFacts(key: string): EntryFacts | undefined {
    return this.index.entryFacts(key);
  }

  entryDataFilerCodes(): ReadonlySet<string> {
    return this.index.entryDataFilerCodes();
  }

  occurrencesElsewhere(key: string, uri: string): Occurrence[] {
    this.occurrencesAsked.push([key, uri]);
    return NOWHERE;
  }

  sharedKeyTest(uri: string): (key: string) => boolean {
    return notingTest(this.keyTestsAsked, uri);
  }

  sharedCodeTest(uri: string): (code: number) => boolean {
    return notingTest(this.codeTestsAsked, uri);
  }

  sharedCodesOf(uri: string): ReadonlySet<number> {
    this.sharedCodesAsked.push(uri);
    return NOTHING_SHARED;
  }

  splitFamilyOf(uri: string): SplitFamily | undefined {
    this.familiesAsked.push(uri);
    return undefined;
  }

  /** Whether the full index answers every question asked here as this view did. */
  answersHold(index: WorkspaceView): boolean {
    for (const uri of this.familiesAsked) if (index.splitFamilyOf(uri) !== undefined) return false;
    for (const uri of this.sharedCodesAsked) if (index.sharedCodesOf?.(uri)?.size !== 0) return false;
    for (const [key, uri] of this.occurrencesAsked) if (index.occurrencesElsewhere(key, uri).length > 0) return false;
    return testsHold(this.keyTestsAsked, (uri) => index.sharedKeyTest(uri)) && testsHold(this.codeTestsAsked, (uri) => index.sharedCodeTest?.(uri));
  }
}

/** A shared-key test answering "not shared" that notes each value it is asked, under `uri`. */
function notingTest<T>(asked: [string, T[]][], uri: string): (value: T) => boolean {
  const values: T[] = [];
  asked.push([uri, values]);
  return (value) => {
    values.push(value);
    return false;
  };
}

/** Whether the index's tests say "not shared" for every value noted. */
function testsHold<T>(asked: [string, T[]][], testOf: (uri: string) => ((value: T) => boolean) | undefined): boolean {
  for (const [uri, values] of asked) {
    const test = testOf(uri);
    if (!test || values.some(test)) return false;
  }
  return true;
}
