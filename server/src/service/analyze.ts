/** One analysis per document version: parse, model, every rule. */
import { withQuoteSafeFix } from './quoteSafety';
import { undecodedFinding, undecodedUtf16 } from './encoding';
import { buildModel, foreignDelimiter, withCommas, type DeclarationModel } from './model';
import { CROSS_FILE_RULES, RULES } from './rules';
import type { Finding } from './rules/rule';
import type { CapeSettings } from './settings';
import type { WorkspaceView } from './workspace';

export interface Analysis {
  model: DeclarationModel;
  settings: CapeSettings;
  findings: Finding[];
  /** Rows beyond `cape.maxEntries`: only structural checks ran. */
  structuralOnly: boolean;
  /** Set when cross-file findings are included: the index they came from. */
  workspace?: WorkspaceView;
  /** The filing date the deadline rules used. */
  filingDate?: string;
}

/** With the previous version's analysis of the same document, a one-line edit reuses its model. */
export function analyze(text: string, uri: string, settings: CapeSettings, previous?: Analysis): Analysis {
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
export function withWorkspace(local: Analysis, workspace: WorkspaceView, filingDate: string): Analysis {
  if (local.structuralOnly) return { ...local, workspace, filingDate };
  const findings: Finding[] = [...local.findings];
  const context = { model: local.model, settings: local.settings, workspace, filingDate, report: (f: Finding) => void findings.push(withQuoteSafeFix(local.model, f)) };
  for (const rule of CROSS_FILE_RULES) {
    if (rule.codes.every((code) => local.settings.rules[code] === 'off')) continue;
    rule.check(context);
  }
  return { ...local, findings, workspace, filingDate };
}
