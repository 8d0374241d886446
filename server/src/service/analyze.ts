/** One analysis per document version: parse, model, every rule. */
import { withQuoteSafeFix } from './quoteSafety';
import { undecodedFinding, undecodedUtf16 } from './encoding';
import { buildModel, foreignDelimiter, withCommas, type DeclarationModel } from './model';
import { LineIndex } from './text';
import { MAX_CHECKED_CHARACTERS } from './limits';
import { CROSS_FILE_RULES, RULES } from './rules';
import type { Finding } from './rules/rule';
import type { CapeSettings } from './settings';
import type { WorkspaceView } from './workspace';
import { isExactSource } from './splitFamilies';

/** A document's own analysis: its text, model and the findings of the rules that read it alone. */
export interface Analysis {
  model: DeclarationModel;
  settings: CapeSettings;
  findings: Finding[];
  /** Rows beyond `cape.maxEntries`: only structural checks ran. */
  structuralOnly: boolean;
  /** Set when the text is too large to check at all: why (no rows were read, nothing is fixed). */
  refused?: string;
}

/** The same analysis completed with the workspace: its cross-file findings, the index and filing date they used. */
export interface WorkspaceAnalysis extends Analysis {
  workspace: WorkspaceView;
  /** YYYY-MM-DD: the filing date the deadline rules used. */
  filingDate: string;
}

/** Whether an analysis includes the workspace's findings (hover and outline work with either). */
export function isWorkspaceAnalysis(analysis: Analysis): analysis is WorkspaceAnalysis {
  return (analysis as Partial<WorkspaceAnalysis>).workspace !== undefined;
}


function refusedAnalysis(text: string, uri: string, settings: CapeSettings): Analysis {
  const empty = buildModel('', uri);
  const model: DeclarationModel = { ...empty, text, lines: new LineIndex(text), bom: false };
  const reason = `The file is ${(text.length / 1_000_000).toFixed(1)} million characters, over the ${MAX_CHECKED_CHARACTERS / 1_000_000} million CAPE Tools checks (a declaration of 9,999 entries is about 130 KB): not checked. Keep only the entry numbers, or split the list.`;
  const finding: Finding = { code: 'file-too-large', severity: 'error', start: 0, end: model.lines.lineEnd(0), message: reason, details: { characters: text.length, limit: MAX_CHECKED_CHARACTERS } };
  return { model, settings, findings: settings.rules['file-too-large'] === 'off' ? [] : [finding], structuralOnly: true, refused: reason };
}

/** With the previous version's analysis of the same document, a one-line edit reuses its model. */
export function analyze(text: string, uri: string, settings: CapeSettings, previous?: Analysis): Analysis {
  if (text.length > MAX_CHECKED_CHARACTERS) return refusedAnalysis(text, uri, settings);
  const delimiter = foreignDelimiter(text);
  // A `;`, tab or `|` save is read with commas in their place: one column of entries, the rest extra.
  const model = delimiter
    ? { ...buildModel(withCommas(text, delimiter), uri), text, delimiter }
    : buildModel(text, uri, previous?.model.delimiter ? undefined : previous?.model);
  // UTF-16 read as 8-bit text: one finding, not a pile of per-row errors about NULs.
  const utf16 = undecodedUtf16(text);
  if (utf16) return { model, settings, findings: settings.rules.encoding === 'off' ? [] : [undecodedFinding(model, utf16)], structuralOnly: true };
  const structuralOnly = model.rows.length > settings.maxEntries;
  const findings: Finding[] = [];
  const context = { model, settings, perEntry: !structuralOnly, report: (f: Finding) => void findings.push(withQuoteSafeFix(model, f)) };
  for (const rule of RULES) {
    if (rule.codes.every((code) => settings.rules[code] === 'off')) continue;
    rule.check(context);
  }
  return { model, settings, findings, structuralOnly };
}

/**
 * The document's own analysis plus what the workspace knows (other declarations, CBP results).
 * The local analysis is cached per version; this part is recomputed when the index changes.
 */
export function withWorkspace(local: Analysis, workspace: WorkspaceView, filingDate: string, options: { indexedAsIs?: boolean } = {}): WorkspaceAnalysis {
  if (local.structuralOnly) return { ...local, workspace, filingDate };
  const findings: Finding[] = [...local.findings];
  const context = { model: local.model, settings: local.settings, workspace, filingDate, indexedAsIs: options.indexedAsIs, report: (f: Finding) => void findings.push(withQuoteSafeFix(local.model, f)) };
  for (const rule of CROSS_FILE_RULES) {
    if (rule.codes.every((code) => local.settings.rules[code] === 'off')) continue;
    rule.check(context);
  }
  // An exact split source: its one note speaks for it (its parts carry its entries and their findings).
  const family = workspace.splitFamilyOf(local.model.uri);
  if (isExactSource(family, local.model.uri)) {
    return { ...local, findings: findings.filter((f) => f.code === 'split-source'), workspace, filingDate };
  }
  return { ...local, findings, workspace, filingDate };
}
