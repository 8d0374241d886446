import { adviceFor } from '../cbpMessages';
import type { CrossFileRule } from './rule';

/** CBP rejected the entry on an earlier declaration: its message, and whether re-filing can help. */
export const rejectedByCbp: CrossFileRule = {
  codes: ['rejected-by-cbp'],
  check({ model, workspace, report }) {
    if (!workspace.hasResults) return;
    for (const entry of model.entries) {
      const results = workspace.resultsFor(entry.facts.key);
      if (results.some((r) => r.status === 'accepted')) continue;
      const rejections = results.filter((r) => r.status === 'rejected');
      if (rejections.length === 0) continue;
      const rejected = rejections[rejections.length - 1];
      const said = rejected.message || rejected.statusText || 'rejected';
      const advice = adviceFor(said);
      const what = advice ? ` ${advice.refileCanHelp ? 'Re-filing can help once you act' : 'Re-filing will not help'}: ${advice.advice}.` : ' Check the entry in ACE before re-filing.';
      report({
        code: 'rejected-by-cbp',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `CBP rejected this entry${rejected.claim ? ` on claim ${rejected.claim}` : ''}: "${said}".${what}`,
        relatedUris: [{ uri: rejected.uri, line: rejected.line, message: 'CBP result' }],
        details: { cbpMessage: said, refileCanHelp: advice?.refileCanHelp ?? 'unknown' },
      });
    }
  },
};
