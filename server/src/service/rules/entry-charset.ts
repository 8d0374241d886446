import { isCleanCell } from '../normalize';
import { checkedValue } from './helpers';
import type { Rule } from './rule';

const ALPHANUMERIC = /^[A-Z0-9]*$/;

/** F5: only A-Z and 0-9 remain once the lossless repairs are done. */
export const entryCharset: Rule = {
  codes: ['entry-charset'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const entry of model.suspect) {
      if (isCleanCell(entry.facts)) continue; // A-Z and 0-9 by construction
      const value = checkedValue(entry);
      if (value === undefined || ALPHANUMERIC.test(value)) continue;
      // Non-ASCII characters are explained by `non-ascii`; this rule names the ASCII ones.
      const bad = [...new Set(value.replace(/[A-Z0-9]|[^\x00-\x7f]/g, ''))];
      if (bad.length === 0) continue;
      const shown = bad.map((c) => (c.charCodeAt(0) < 32 ? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`)).join(', ');
      report({
        code: 'entry-charset',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `Characters other than A-Z and 0-9 in the entry number: ${shown}. Retype it from the entry summary.`,
      });
    }
  },
};
