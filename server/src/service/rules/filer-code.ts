import { checkedValue } from './helpers';
import type { Rule } from './rule';

/** CATAIR Appendix E: a filer code is three letters or digits, never 000. */
export const filerCode: Rule = {
  codes: ['filer-code'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const entry of model.suspect) {
      const value = checkedValue(entry);
      if (value === undefined || value.length !== 11 || !value.startsWith('000')) continue;
      report({
        code: 'filer-code',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: 'The filer code is 000, which CBP never assigns. Check the first three characters against the entry summary.',
      });
    }
  },
};
