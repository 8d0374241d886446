import { checkedValue } from './helpers';
import type { Rule } from './rule';

/** F9 [weak]: a broker account may declare only entries it filed (its own filer codes). */
export const filerCodeMismatch: Rule = {
  codes: ['filer-code-mismatch'],
  check({ model, settings, perEntry, report }) {
    if (!perEntry || settings.filerCodes.length === 0) return;
    const allowed = new Set(settings.filerCodes);
    for (const entry of model.entries) {
      const value = checkedValue(entry);
      if (value === undefined || value.length !== 11 || allowed.has(value.slice(0, 3))) continue;
      report({
        code: 'filer-code-mismatch',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `Filer code ${value.slice(0, 3)} is not one of yours (cape.filerCodes: ${settings.filerCodes.join(', ')}). A broker account may declare only entries it filed (weakly sourced); the importer of record can file this one.`,
      });
    }
  },
};
