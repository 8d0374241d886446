/**
 * Keeps the service's WorkspaceIndex current: a background scan of the workspace folders (with
 * progress), watched-file events, and open-document edits. It owns the disk; the index is pure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { declaredKindOf, matchesGlobs, sheetSetting } from './globs';
import { failureMessage, nodeFiles, readAndClassify, readEntryData, type ClassifiedFile } from './loader';
import { isWorkbookName } from './service/workbook';
import { classifyFile, declarationKeys, WorkspaceIndex, type Analysis, type CapeSettings, type FileKind } from './service';
import type { SettingsSource } from './settingsSource';

/** `archived/` holds split sources put away (CAPE: Archive the split source): out of the index by default. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', 'archived']);

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  private scanning: Promise<void> | undefined;
  private readonly open = new Set<string>();
  /** What the classifier said each file in the workspace is (the editor's and the CLI's one answer). */
  readonly kinds = new Map<string, FileKind>();
  /** Workbooks: the sheet read, so their diagnostics can name it. */
  readonly sheets = new Map<string, string>();
  /** Workbooks that cannot be read (password, damage, a zip bomb): why, in the user's words. */
  readonly unreadable = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsSource,
    private readonly folders: () => string[],
    private readonly onChange: () => void,
  ) {}

  get ready(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  /** The first scan: in the background, yielding between files so requests keep being answered. */
  scan(): Promise<void> {
    this.scanning = this.doScan().catch((error) => this.connection.console.error(`workspace scan failed: ${String(error?.stack ?? error)}`));
    return this.scanning;
  }

  private async doScan(): Promise<void> {
    const progress = await this.connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('CAPE: indexing declarations', 0, 'looking for CSV files', false);
    const files: string[] = [];
    for (const folder of this.folders()) files.push(...(await this.csvFiles(folder)));
    // About 13 bytes per entry line: the key table is sized once for the whole scan, not regrown.
    let bytes = 0;
    for (const file of files) bytes += (await fs.promises.stat(file).catch(() => undefined))?.size ?? 0;
    this.index.reserve(Math.ceil(bytes / 13));
    let done = 0;
    for (const file of files) {
      await this.indexFile(URI.file(file).toString(), false);
      done++;
      if (done % 10 === 0 || done === files.length) {
        progress?.report(Math.round((done / files.length) * 100), `${done} of ${files.length} CSV files`);
        await new Promise((r) => setImmediate(r));
      }
    }
    progress?.done();
    this.connection.console.info(`CAPE index: ${this.index.declarationUris().length} declarations (${this.index.entryCount} entries), ${this.index.resultUris().length} results files`);
    this.onChange();
  }

  /** CSV files under a folder, without files.exclude, cape.exclude, .git and node_modules. */
  private async csvFiles(folderUri: string): Promise<string[]> {
    const root = URI.parse(folderUri).fsPath;
    const settings = await this.settings.get(folderUri);
    const filesExclude = await this.connection.workspace
      .getConfiguration({ scopeUri: folderUri, section: 'files.exclude' })
      .then((v: Record<string, boolean> | null) => Object.entries(v ?? {}).filter(([, on]) => on === true).map(([glob]) => glob), () => [] as string[]);
    const excluded = [...filesExclude, ...settings.exclude];
    const isExcluded = (relative: string) => excluded.some((glob) => minimatch(relative, glob, { dot: true, matchBase: !glob.includes('/') }));
    const out: string[] = [];
    const walk = async (dir: string) => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        const relative = path.relative(root, full).split(path.sep).join('/');
        if (ALWAYS_SKIPPED.has(entry.name) || isExcluded(relative)) continue;
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && (/\.(csv|txt)$/i.test(entry.name) || isWorkbookName(entry.name))) out.push(full);
      }
    };
    await walk(root);
    return out.sort();
  }

  /** Reads a file through the loader, classifies it, and indexes it as a declaration, export or results, or forgets it. */
  async indexFile(uri: string, notify = true): Promise<void> {
    if (this.open.has(uri)) return; // the editor's text is authoritative while open
    const file = URI.parse(uri).fsPath;
    const settings = await this.settings.get(uri);
    this.unreadable.delete(uri);
    const classified = this.isExcluded(uri, settings)
      ? undefined
      : await readAndClassify(file, nodeFiles, declaredKindOf(URI.parse(uri).path, settings, this.folders()), sheetSetting(settings)).catch((error) => {
          // A workbook that cannot be read is said so on the workbook; an unreadable CSV is simply not indexed.
          if (isWorkbookName(file)) this.unreadable.set(uri, failureMessage(error));
          return undefined;
        });
    if (classified) this.kinds.set(uri, classified.kind);
    else this.kinds.delete(uri);
    if (classified?.sheet !== undefined) this.sheets.set(uri, classified.sheet);
    else this.sheets.delete(uri);
    if (classified?.kind === 'es003') await this.ingestEntryData(uri, file, classified);
    else if (classified?.kind === 'results') this.index.setResults(uri, classified.text ?? '');
    else if (classified?.kind === 'manifest') this.index.setManifest(uri, classified.text ?? '');
    else if (classified?.kind === 'declaration') this.index.setDeclarationKeys(uri, declarationKeys(classified.text ?? ''));
    else this.index.remove(uri);
    if (notify) this.onChange();
  }

  /** Streams an ES-003 export in; long ones report progress. Requests are answered meanwhile. */
  private async ingestEntryData(uri: string, file: string, classified: ClassifiedFile): Promise<void> {
    const stat = await fs.promises.stat(file).catch(() => undefined);
    const progress = stat && stat.size > 5_000_000 ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('CAPE: reading ES-003 export', undefined, path.basename(file), false);
    try {
      const data = await readEntryData(file, uri, classified, (rows) => progress?.report(`${rows.toLocaleString('en-US')} rows of ${path.basename(file)}`));
      this.index.setEntryData(uri, data.facts, data.problems, data.rows);
      this.connection.console.info(`CAPE: ${path.basename(file)}: ${data.rows} rows, ${data.facts.size} entries, ${data.problems.length} unreadable rows`);
    } catch (error) {
      this.connection.console.error(`CAPE: cannot read ES-003 export ${file}: ${failureMessage(error)}`);
      if (isWorkbookName(file)) this.unreadable.set(uri, failureMessage(error));
      this.index.remove(uri);
    } finally {
      progress?.done();
    }
  }

  fileDeleted(uri: string): void {
    if (this.open.has(uri)) return;
    this.kinds.delete(uri);
    this.sheets.delete(uri);
    this.unreadable.delete(uri);
    this.index.remove(uri);
    this.onChange();
  }

  /** An open document's current text: a declaration's entries, or a results download. */
  documentChanged(uri: string, analysis: Analysis | undefined, text: () => string, settings?: CapeSettings): void {
    const generation = this.index.generation;
    if (analysis) {
      this.open.add(uri);
      this.kinds.set(uri, 'declaration');
      this.index.setDeclaration(uri, analysis.model);
    } else {
      const content = text();
      // The same verdict the scan gives: settings first, then the classifier on the editor's text.
      const declaredKind = settings ? declaredKindOf(URI.parse(uri).path, settings, this.folders()) : undefined;
      const kind = classifyFile({ name: uri, head: content, declaredKind }).kind;
      this.kinds.set(uri, kind);
      if (kind === 'es003') {
        // Exports are streamed from disk (they can be huge), when saved: reading it now if the scan has not yet.
        if (!this.index.entryDataUris().includes(uri) && URI.parse(uri).scheme === 'file') void this.indexFile(uri);
        return;
      }
      this.open.add(uri);
      if (kind === 'results') this.index.setResults(uri, content);
      else if (kind === 'manifest') this.index.setManifest(uri, content);
      else this.index.remove(uri);
    }
    if (this.index.generation !== generation) this.onChange();
  }

  /** Closed without saving: the disk's version counts again. */
  async documentClosed(uri: string): Promise<void> {
    this.open.delete(uri);
    if (URI.parse(uri).scheme === 'file') await this.indexFile(uri);
    else {
      this.index.remove(uri);
      this.onChange();
    }
  }

  private isExcluded(uri: string, settings: CapeSettings): boolean {
    return settings.exclude.length > 0 && this.matches(uri, settings.exclude);
  }

  private matches(uri: string, globs: string[]): boolean {
    return matchesGlobs(URI.parse(uri).path, globs, this.folders());
  }
}
