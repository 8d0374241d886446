/** One analysis per document version: parse, model, every rule. */
import { buildModel, type DeclarationModel } from './model';
import { RULES } from './rules';
import type { Finding } from './rules/rule';
import type { CapeSettings } from './settings';

export interface Analysis {
  model: DeclarationModel;
  settings: CapeSettings;
  findings: Finding[];
  /** Rows beyond `cape.maxEntries`: only structural checks ran. */
  structuralOnly: boolean;
}

export function analyze(text: string, uri: string, settings: CapeSettings): Analysis {
  const model = buildModel(text, uri);
  const structuralOnly = model.rows.length > settings.maxEntries;
  const findings: Finding[] = [];
  const context = { model, settings, perEntry: !structuralOnly, report: (f: Finding) => void findings.push(f) };
  for (const rule of RULES) {
    if (rule.codes.every((code) => settings.rules[code] === 'off')) continue;
    rule.check(context);
  }
  return { model, settings, findings, structuralOnly };
}
