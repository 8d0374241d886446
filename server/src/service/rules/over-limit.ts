import { MAX_ENTRIES_PER_DECLARATION } from '../model';
import type { Rule } from './rule';

/** F4: at most 9,999 entries per declaration. */
export const overLimit: Rule = {
  codes: ['over-limit'],
  check({ model, report }) {
    const count = model.entries.length;
    if (count <= MAX_ENTRIES_PER_DECLARATION) return;
    const parts = Math.ceil(count / MAX_ENTRIES_PER_DECLARATION);
    const details = { entries: count, parts, max: MAX_ENTRIES_PER_DECLARATION };
    const first = model.entries[MAX_ENTRIES_PER_DECLARATION].row;
    report({
      code: 'over-limit',
      start: first.cellStart,
      end: first.cellEnd,
      message: `Entry 10,000: ACE accepts at most 9,999 entries per declaration and rejects the whole file. This file has ${count.toLocaleString('en-US')} entries: split it into ${parts} declarations.`,
      details,
    });
    const anchor = model.header ?? model.entries[0].row;
    report({
      code: 'over-limit',
      start: anchor.cellStart,
      end: anchor.cellEnd,
      message: `${count.toLocaleString('en-US')} entries: over ACE's limit of 9,999 per declaration. Split into ${parts} declarations.`,
      details,
    });
  },
};
