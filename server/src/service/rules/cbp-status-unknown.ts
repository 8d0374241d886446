import type { CrossFileRule } from './rule';

/**
 * A results row names the entry but proves nothing: a claim number with no status (CBP keeps the
 * claim number on failed rows too), or a status the product does not know. A note, never an error:
 * telling the user to drop an entry on this evidence could cost the refund.
 */
export const cbpStatusUnknown: CrossFileRule = {
  codes: ['cbp-status-unknown'],
  check({ model, workspace, report }) {
    if (!workspace.hasResults) return;
    for (const entry of model.entries) {
      const results = workspace.resultsFor(entry.facts.key);
      if (results.length === 0 || results.some((r) => r.status !== 'unknown')) continue;
      const row = results[results.length - 1];
      const onClaim = row.claim ? ` on claim ${row.claim}` : '';
      const said = row.statusText ? `with the status "${row.statusText}", which CAPE Tools does not know` : 'with no status (CBP keeps the claim number on failed rows too)';
      report({
        code: 'cbp-status-unknown',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `A CBP results file lists this entry${onClaim} ${said}: that proves neither acceptance nor rejection. Check the entry's status in ACE before filing it again.`,
        relatedUris: [{ uri: row.uri, line: row.line, message: 'CBP result' }],
        details: { claim: row.claim, statusText: row.statusText },
      });
    }
  },
};
