/** The shape every ES-003 eligibility rule shares: for each entry with facts, maybe one finding. */
import type { EntryFacts } from '../es003';
import type { Entry } from '../model';
import type { CrossFileContext, CrossFileRule, Finding } from './rule';
import type { Code } from '../codes';

export function entryDataRule(code: Code, judge: (facts: EntryFacts, context: CrossFileContext, entry: Entry) => Omit<Finding, 'code' | 'start' | 'end'> | undefined): CrossFileRule {
  return {
    codes: [code],
    check(context) {
      if (!context.workspace.hasEntryData) return;
      for (const entry of context.model.entries) {
        const facts = context.workspace.entryFacts(entry.facts.key);
        if (!facts) continue;
        const verdict = judge(facts, context, entry);
        if (verdict) context.report({ code, start: entry.row.cellStart, end: entry.row.cellEnd, relatedUris: [{ uri: facts.uri, line: facts.line, message: 'ES-003 data' }], ...verdict });
      }
    },
  };
}
