import { deleteRow, rowHoldsOnlyItsEntry } from './helpers';
import type { CrossFileRule } from './rule';

/** CBP's results say the entry is on an accepted CAPE claim: ACE rejects it on any later declaration. */
export const alreadyDeclared: CrossFileRule = {
  codes: ['already-declared'],
  check({ model, workspace, report }) {
    if (!workspace.hasResults) return;
    for (const entry of model.entries) {
      const accepted = workspace.resultsFor(entry.facts.key).find((r) => r.status === 'accepted');
      if (!accepted) continue;
      const claim = accepted.claim || '(claim number not in the results file)';
      report({
        code: 'already-declared',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `Already accepted on CAPE claim ${claim}; ACE will reject it again. Remove it from this declaration.`,
        fix: rowHoldsOnlyItsEntry(entry) ? { title: 'Delete this line (already accepted)', edits: [deleteRow(model, entry.row)] } : undefined,
        relatedUris: [{ uri: accepted.uri, line: accepted.line, message: `Accepted on claim ${claim}` }],
        details: { claim: accepted.claim },
      });
    }
  },
};
