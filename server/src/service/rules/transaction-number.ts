import { digitsBetween } from '../entryNumber';
import { checkedValue } from './helpers';
import type { Rule } from './rule';

/** CATAIR Appendix E: characters 4 to 10 are the 7-digit transaction number. */
export const transactionNumber: Rule = {
  codes: ['transaction-number'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const entry of model.suspect) {
      const value = checkedValue(entry);
      if (value === undefined || value.length !== 11 || digitsBetween(value, 3, 10)) continue;
      report({
        code: 'transaction-number',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `Characters 4 to 10 (\`${value.slice(3, 10)}\`) must be the 7-digit transaction number. Check the entry number against the entry summary (a letter O or I for 0 or 1 is a common typo).`,
      });
    }
  },
};
