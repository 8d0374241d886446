import { checkDigitOfFirstTen } from '../entryNumber';
import { checkedValue } from './helpers';
import type { Rule } from './rule';

/**
 * CATAIR Appendix E: the 11th character is the Luhn check digit of the first ten. No fix is ever
 * offered: a wrong check digit usually means a typo elsewhere in the number.
 */
export const checkDigit: Rule = {
  codes: ['check-digit'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const entry of model.suspect) {
      const value = checkedValue(entry);
      if (value === undefined || value.length !== 11) continue;
      const expected = checkDigitOfFirstTen(value);
      if (expected === undefined || value.charCodeAt(10) === 48 + expected) continue;
      report({
        code: 'check-digit',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `Check digit ${value[10]} does not match: the first ten characters \`${value.slice(0, 10)}\` need ${expected}. The typo may be anywhere in the number, so compare it with the entry summary rather than changing the last digit.`,
        details: { expected, found: value[10] },
      });
    }
  },
};
