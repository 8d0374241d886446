/**
 * The server commands behind "CAPE: Split Declaration" and "CAPE: Prepare Declarations for Upload".
 * They apply their WorkspaceEdit through workspace/applyEdit, so any LSP client can use them; the
 * service computes everything, this file only looks at the disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Connection, TextDocuments, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { sha256 } from './sha256';
import { declaredKindOf, sheetSetting } from './globs';
import type { BuildResult } from './protocol';
import { nodeFiles, readAndClassify } from './loader';
import { isWorkbookName } from './service/workbook';
import {
  classifyFile, clampPartSize, newFileChanges, excludedCsv, fileNameOf, KIND_NAMES, manifestCsv, planBuild, planSplitEdit, prepareUpload, splitFileName, whyNothingIsEligible,
  type Analysis, type CapeSettings, type FileKind, type SplitEnvironment, type WorkspaceIndex, type WorkspaceView,
} from './service';

/** Where a document lives on disk and which part names are already taken there. */
export function splitEnvironment(uri: string, settings?: CapeSettings): SplitEnvironment {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') return { directoryUri: undefined, taken: () => false };
  const directoryUri = uri.slice(0, uri.lastIndexOf('/') + 1);
  const directory = URI.parse(directoryUri).fsPath;
  return {
    directoryUri,
    taken: (name) => fs.existsSync(`${directory}/${name}`),
    siblingText: (name) => {
      try {
        return fs.readFileSync(`${directory}/${name}`, 'utf8');
      } catch {
        return undefined;
      }
    },
    preview: settings?.split.preview === true,
  };
}

export async function runSplit(connection: Connection, analysis: Analysis | undefined, max: unknown): Promise<{ applied: boolean; files: string[]; reason?: string }> {
  if (!analysis) return { applied: false, files: [], reason: 'not a CAPE declaration' };
  const plan = planSplitEdit(analysis, splitEnvironment(analysis.model.uri, analysis.settings), clampPartSize(typeof max === 'number' ? max : undefined));
  if (!plan) return { applied: false, files: [], reason: analysis.model.entries.length === 0 ? 'the declaration has no entries' : 'save the declaration first' };
  const result = await connection.workspace.applyEdit({ label: `Split ${fileNameOf(analysis.model.uri)}`, edit: plan.edit });
  return { applied: result.applied, files: plan.names, reason: result.failureReason };
}

/** Writes stay inside a workspace folder (or the declaration's own folder), whatever a caller passes. */
function isAllowedFolder(target: string, roots: string[]): boolean {
  const resolved = path.resolve(URI.parse(target).fsPath);
  return roots.some((root) => {
    const relative = path.relative(path.resolve(URI.parse(root).fsPath), resolved);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  });
}

async function readText(documents: TextDocuments<TextDocument>, uri: string, settings: CapeSettings): Promise<string> {
  const open = documents.get(uri)?.getText();
  if (open !== undefined) return open;
  return (await readAndClassify(URI.parse(uri).fsPath, nodeFiles, undefined, sheetSetting(settings))).text ?? '';
}

/** The one classifier's verdict on a document (open: its text; else the file, through the loader); settings decide first. */
async function kindOf(documents: TextDocuments<TextDocument>, uri: string, settings: CapeSettings, folders: string[]): Promise<FileKind> {
  const declaredKind = declaredKindOf(URI.parse(uri).path, settings, folders);
  const open = documents.get(uri);
  if (open?.languageId === 'cape') return 'declaration';
  if (open) return classifyFile({ name: uri, head: open.getText(), declaredKind }).kind;
  const classified = await readAndClassify(URI.parse(uri).fsPath, nodeFiles, declaredKind, sheetSetting(settings)).catch(() => undefined);
  if (!classified && isWorkbookName(URI.parse(uri).path)) return 'not-csv';
  // Named by the user (a command on this file): a CSV of no other kind is taken as a declaration.
  return classified?.kind === 'other-csv' ? 'declaration' : (classified?.kind ?? 'not-csv');
}

/**
 * The workspace as `check` sees it, minus the declarations being prepared: those are deduplicated
 * among themselves, and must not count as duplicates of each other.
 */
function withoutInputs(index: WorkspaceIndex, inputUris: readonly string[]): WorkspaceView {
  const inputs = new Set(inputUris);
  return {
    get generation() {
      return index.generation;
    },
    get hasResults() {
      return index.hasResults;
    },
    get hasEntryData() {
      return index.hasEntryData;
    },
    occurrencesElsewhere: (key, uri) => index.occurrencesElsewhere(key, uri).filter((o) => !inputs.has(o.uri)),
    sharedKeyTest: () => undefined,
    resultsFor: (key) => index.resultsFor(key),
    entryFacts: (key) => index.entryFacts(key),
    splitFamilyOf: (uri) => index.splitFamilyOf(uri),
    entryDataFilerCodes: () => index.entryDataFilerCodes(),
  };
}

/**
 * Prepare for upload into `outDirUri` (default: `<stem>-upload/` beside the first input).
 * Refuses, writing nothing, when any output file exists already.
 */
export async function runPrepare(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  settings: CapeSettings,
  inputUris: string[],
  outDirUri: string | undefined,
  workspaceFolders: string[],
  context?: { workspace: WorkspaceIndex; filingDate: string },
  confirm = true,
): Promise<{ applied: boolean; files: string[]; accepted: number; excluded: number; reason?: string }> {
  if (inputUris.length === 0) return { applied: false, files: [], accepted: 0, excluded: 0, reason: 'no declaration given' };
  // Declarations only: an export, a results download or a binary file is never turned into upload parts.
  for (const uri of inputUris) {
    const kind = await kindOf(documents, uri, settings, workspaceFolders);
    if (kind !== 'declaration') return { applied: false, files: [], accepted: 0, excluded: 0, reason: `${fileNameOf(uri)} is ${KIND_NAMES[kind].a}, not a CAPE declaration; nothing was written` };
  }
  const first = URI.parse(inputUris[0]);
  if (first.scheme !== 'file' && !outDirUri) return { applied: false, files: [], accepted: 0, excluded: 0, reason: 'save the declaration first' };
  const outDir = outDirUri ?? inputUris[0].slice(0, inputUris[0].lastIndexOf('/') + 1) + encodeURIComponent(`${splitFileName(fileNameOf(inputUris[0])).stem}-upload`);
  if (!isAllowedFolder(outDir, [...workspaceFolders, inputUris[0].slice(0, inputUris[0].lastIndexOf('/'))])) {
    return { applied: false, files: [], accepted: 0, excluded: 0, reason: `${URI.parse(outDir).fsPath} is outside the workspace; nothing was written` };
  }
  const inputs = [];
  for (const uri of inputUris) inputs.push({ source: fileNameOf(uri), uri, text: await readText(documents, uri, settings) });
  const stem = splitFileName(fileNameOf(inputUris[0])).stem;
  const prepared = prepareUpload(inputs, settings, (i, total) => `${stem}-upload-part${i}-of-${total}.csv`, undefined, context && { workspace: withoutInputs(context.workspace, inputUris), filingDate: context.filingDate });
  // The manifest names each part's sources: wherever the parts are written, they and their sources are one family.
  const manifest = manifestCsv(prepared.parts, sha256, prepared.warnings, { manifestUri: `${outDir}/manifest.csv`, partSources: prepared.partSources });
  const files = [...prepared.parts, { name: 'manifest.csv', text: manifest, entries: 0 }, { name: 'excluded.csv', text: excludedCsv(prepared.excluded), entries: 0 }];
  const accepted = prepared.parts.reduce((n, p) => n + p.entries, 0);
  const result = await createFiles(connection, outDir, files, 'Prepare declarations for upload', `${accepted} entries in ${prepared.parts.length} part(s), ${prepared.excluded.length} row(s) in excluded.csv`, confirm);
  return { ...result, accepted, excluded: prepared.excluded.length };
}

/**
 * "CAPE: Convert Workbook to Declarations": the workbook's entries as upload-ready CSV parts (with
 * manifest and exclusions) in `<stem>-upload/` beside it, as `cape prepare` writes them. Only new
 * files are created, so no preview is asked for; a workbook itself is never written.
 */
export async function runConvertWorkbook(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  settings: CapeSettings,
  workbookUri: string,
  workspaceFolders: string[],
  context: { workspace: WorkspaceIndex; filingDate: string },
): Promise<{ applied: boolean; files: string[]; accepted: number; excluded: number; reason?: string }> {
  if (!isWorkbookName(URI.parse(workbookUri).path)) return { applied: false, files: [], accepted: 0, excluded: 0, reason: `${fileNameOf(workbookUri)} is not an Excel workbook (.xlsx); nothing was written` };
  return runPrepare(connection, documents, settings, [workbookUri], undefined, workspaceFolders, context, false);
}

/**
 * New files in `outDir` as one workspace edit that asks for confirmation; refused, writing nothing,
 * when any of them exists.
 */
export async function createFiles(
  connection: Connection,
  outDir: string,
  files: { name: string; text: string }[],
  label: string,
  description: string,
  confirm = true,
): Promise<{ applied: boolean; files: string[]; reason?: string }> {
  const outPath = URI.parse(outDir).fsPath;
  const existing = files.filter((f) => fs.existsSync(`${outPath}/${f.name}`)).map((f) => f.name);
  if (existing.length > 0) return { applied: false, files: [], reason: `${existing.join(', ')} already exist in ${outPath}; nothing was written` };
  const annotationId = 'cape.newFiles';
  const edit: WorkspaceEdit = {
    documentChanges: files.flatMap((f) => newFileChanges(`${outDir}/${encodeURIComponent(f.name)}`, f.text, annotationId)),
    changeAnnotations: { [annotationId]: { label, needsConfirmation: confirm, description } },
  };
  const result = await connection.workspace.applyEdit({ label, edit });
  return { applied: result.applied, files: files.map((f) => f.name), reason: result.failureReason };
}

/** Declarations of the eligible entries of ES-003 exports, in `<stem>-declarations/` beside the first. */
export async function runBuild(
  connection: Connection,
  index: WorkspaceIndex,
  settings: CapeSettings,
  filingDate: string,
  exportUris: string[],
  workspaceFolders: string[],
): Promise<BuildResult> {
  const known = new Set(index.entryDataUris());
  const chosen = exportUris.filter((u) => known.has(u));
  if (chosen.length === 0) return { applied: false, files: [], eligible: 0, excluded: 0, declarations: 0, reason: 'no ES-003 export given, or it has not been read yet' };
  const stem = splitFileName(fileNameOf(chosen[0])).stem;
  const outDir = chosen[0].slice(0, chosen[0].lastIndexOf('/') + 1) + encodeURIComponent(`${stem}-declarations`);
  if (!isAllowedFolder(outDir, [...workspaceFolders, chosen[0].slice(0, chosen[0].lastIndexOf('/'))])) return { applied: false, files: [], eligible: 0, excluded: 0, declarations: 0, reason: 'outside the workspace' };
  const facts = index.allEntryFacts().filter((f) => chosen.includes(f.uri));
  const plan = planBuild(facts, index, settings, filingDate, (i, n) => `${stem}-declaration-part${i}-of-${n}.csv`);
  if (plan.eligible === 0) return { applied: false, files: [], eligible: 0, excluded: plan.excluded.length, declarations: 0, reason: `No entry can be declared on ${filingDate}: ${whyNothingIsEligible(plan)}. Nothing was written.` };
  const files = [...plan.parts, { name: 'manifest.csv', text: manifestCsv(plan.parts, sha256) }, { name: 'excluded.csv', text: excludedCsv(plan.excluded) }];
  const result = await createFiles(connection, outDir, files, `Create ${plan.parts.length} declaration(s) from ES-003`, `${plan.eligible} eligible entries on ${filingDate}; ${plan.excluded.length} excluded with reasons`);
  return { ...result, eligible: plan.eligible, excluded: plan.excluded.length, declarations: plan.parts.length };
}
