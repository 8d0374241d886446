/** Parse once per document version: the analysis of each open document, keyed by its version and settings. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { declaredKindOf } from './globs';
import { analyze, classifyFile, type Analysis, type CapeSettings } from './service';

interface Cached {
  version: number;
  settings: CapeSettings;
  analysis: Analysis | undefined;
}

export class DocumentAnalyses {
  private readonly cache = new Map<string, Cached>();
  /** Per-file choices made with "Treat This File as a CAPE Declaration / Not a Declaration". */
  private readonly overrides = new Map<string, boolean>();

  constructor(private readonly workspaceFolders: () => string[]) {}

  setOverrides(overrides: Record<string, boolean>): void {
    this.overrides.clear();
    for (const [uri, value] of Object.entries(overrides)) if (typeof value === 'boolean') this.overrides.set(uri, value);
    this.cache.clear();
  }

  /** The analysis of this version, or undefined when the document is not a declaration. */
  get(document: TextDocument, settings: CapeSettings): Analysis | undefined {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version && cached.settings === settings) return cached.analysis;
    const text = document.getText();
    const analysis = this.isDeclaration(document, text, settings) ? analyze(text, document.uri, settings, cached?.analysis) : undefined;
    this.cache.set(document.uri, { version: document.version, settings, analysis });
    return analysis;
  }

  /** The document version the cached analysis is of, if any. */
  versionOf(uri: string): number | undefined {
    return this.cache.get(uri)?.version;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  private isDeclaration(document: TextDocument, text: string, settings: CapeSettings): boolean {
    const override = this.overrides.get(document.uri);
    if (override !== undefined) return override;
    if (document.languageId === 'cape') return true;
    const path = URI.parse(document.uri).path;
    return classifyFile({ name: path, head: text, declaredKind: declaredKindOf(path, settings, this.workspaceFolders()) }).kind === 'declaration';
  }

}
