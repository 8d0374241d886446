/**
 * The one owner of analyses, open or on disk: the local analysis of each open document version (parse
 * once per version), the same completed with the workspace (per index generation and filing date),
 * and the analysis of a declaration nobody has open, read through the loader. One `resultId` scheme
 * says when any of them is still current.
 */
import * as fs from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DocumentAnalyses } from './documentAnalyses';
import { sheetSetting } from './globs';
import { todayIso } from './localDate';
import { nodeFiles, readAndClassify, type TextEncoding, type WorkbookSheet } from './loader';
import { analyze, resolveFilingDate, withEncoding, withWorkspace, type Analysis, type CapeSettings, type WorkspaceAnalysis } from './service';
import type { SettingsSource } from './settingsSource';
import type { WorkspaceIndexer } from './workspaceIndexer';

/** A declaration on disk (not open), analyzed with the workspace, and where it came from. */
export interface DiskAnalysis {
  analysis: WorkspaceAnalysis;
  encoding: TextEncoding;
  /** A workbook: the sheet read. */
  sheet?: string;
}

export class AnalysisStore {
  private readonly local: DocumentAnalyses;
  /** The analysis with cross-file findings, per open document, for one local analysis, index generation and filing date. */
  private readonly combined = new Map<string, { local: Analysis; generation: number; analysis: WorkspaceAnalysis; filingDate: string }>();
  /** Bumped whenever settings or overrides change, so result ids of older analyses stop matching. */
  private epoch = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: () => SettingsSource,
    private readonly indexer: () => WorkspaceIndexer,
    workspaceFolders: () => string[],
  ) {
    this.local = new DocumentAnalyses(workspaceFolders);
  }

  /** `cape.filingDate`, or today on this machine's calendar. */
  filingDateOf(current: { filingDate: string }): string {
    return resolveFilingDate(current, todayIso());
  }

  /** The open document's own analysis (cached per version), or undefined when it is not a declaration. */
  async localOf(uri: string): Promise<Analysis | undefined> {
    const current = await this.settings().get(uri);
    const document = this.documents.get(uri); // read after the await: only the newest version counts
    return document ? this.local.get(document, current) : undefined;
  }

  /** The open document's current analysis with what the workspace knows, or undefined when it is not a declaration. */
  async of(uri: string): Promise<WorkspaceAnalysis | undefined> {
    const local = await this.localOf(uri);
    if (!local) return undefined;
    const index = this.indexer().index;
    const generation = index.generation;
    const filingDate = this.filingDateOf(local.settings);
    const cached = this.combined.get(uri);
    // The filing date is part of the key: after midnight the countdown and window-closed move on.
    if (cached && cached.local === local && cached.generation === generation && cached.filingDate === filingDate) return cached.analysis;
    const analysis = withWorkspace(local, index, filingDate);
    this.combined.set(uri, { local, generation, analysis, filingDate });
    return analysis;
  }

  /** The document version the cached local analysis is of, if any (code actions compare it). */
  versionOf(uri: string): number | undefined {
    return this.local.versionOf(uri);
  }

  /** A declaration nobody has open, read through the loader and analyzed with the workspace; undefined when unreadable. */
  async onDisk(uri: string): Promise<DiskAnalysis | undefined> {
    const fileSettings = await this.settings().get(uri);
    const read = await readDecoded(URI.parse(uri).fsPath, sheetSetting(fileSettings));
    if (read === undefined) return undefined;
    // As the CLI says it: a UTF-16 or Windows-1252 file on disk gets the encoding note on its header.
    const analysis = withEncoding(withWorkspace(analyze(read.text, uri, fileSettings), this.indexer().index, this.filingDateOf(fileSettings)), read.encoding);
    return { analysis, encoding: read.encoding, sheet: read.sheet };
  }

  /** Open or on disk: the analysis a report or command uses. */
  async anywhere(uri: string): Promise<WorkspaceAnalysis | undefined> {
    if (this.documents.get(uri)) return this.of(uri);
    return (await this.onDisk(uri))?.analysis;
  }

  /**
   * One scheme for every pull result id: the settings epoch, the document's own state (the open
   * version, or the file's modification time and size), the index generation and the filing date.
   * Undefined for a file that is neither open nor on disk.
   */
  async resultId(uri: string, settings?: CapeSettings): Promise<string | undefined> {
    const filingDate = this.filingDateOf(settings ?? (await this.settings().get(uri)));
    const document = this.documents.get(uri);
    let state: string;
    if (document) state = `v${document.version}`;
    else {
      const stat = await fs.promises.stat(URI.parse(uri).fsPath).catch(() => undefined);
      if (!stat) return undefined;
      state = `f${stat.mtimeMs}:${stat.size}`;
    }
    return `${this.epoch}:${state}:${this.indexer().index.generation}:${filingDate}`;
  }

  /** A result id for what only the index and settings decide (an export's rows, an unreadable workbook). */
  indexResultId(what: string): string {
    return `${this.epoch}:${what}:${this.indexer().index.generation}`;
  }

  setOverrides(overrides: Record<string, boolean>): void {
    this.local.setOverrides(overrides);
  }

  /** Settings or overrides changed: nothing cached is current any more. */
  invalidate(): void {
    this.epoch++;
    this.local.clear();
    this.combined.clear();
  }

  /** The day changed: the workspace parts are computed again (the local analyses stay). */
  dayChanged(): void {
    this.combined.clear();
  }

  forget(uri: string): void {
    this.local.forget(uri);
    this.combined.delete(uri);
  }
}

/** A file on disk as the loader decodes it (UTF-16, Windows-1252, a workbook's sheet); undefined when unreadable or not text. */
export async function readDecoded(file: string, sheet?: WorkbookSheet): Promise<{ text: string; encoding: TextEncoding; sheet?: string } | undefined> {
  const classified = await readAndClassify(file, nodeFiles, undefined, sheet).catch(() => undefined);
  return classified?.text === undefined ? undefined : { text: classified.text, encoding: classified.encoding ?? 'utf-8', sheet: classified.sheet };
}
