import { checkedValue, clip } from './helpers';
import type { Rule } from './rule';

/** F5: each row is one complete 11-character entry number. */
export const entryLength: Rule = {
  codes: ['entry-length'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const entry of model.suspect) {
      const value = checkedValue(entry);
      if (value === undefined || value.length === 11) continue;
      const lostZeros = /^[0-9]{8,10}$/.test(value)
        ? ' Padding it with leading zeros does not give a valid entry number either, so retype it from the entry summary.'
        : ' Retype it from the entry summary.';
      report({
        code: 'entry-length',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `The entry number has ${value.length} characters (\`${clip(value)}\`); ACE needs exactly 11 (3-character filer code, 7-digit transaction number, check digit).${lostZeros}`,
        details: { length: value.length },
      });
    }
  },
};
