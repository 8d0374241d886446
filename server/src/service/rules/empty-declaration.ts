import type { Rule } from './rule';

/** F3: at least one entry below the header. */
export const emptyDeclaration: Rule = {
  codes: ['empty-declaration'],
  check({ model, report }) {
    if (model.entries.length > 0) return;
    const at = model.header ?? undefined;
    report({
      code: 'empty-declaration',
      start: at ? at.cellStart : 0,
      end: at ? at.cellEnd : 0,
      message: 'The declaration has no entries; ACE rejects an empty file. Add one entry number per row under the header.',
    });
  },
};
