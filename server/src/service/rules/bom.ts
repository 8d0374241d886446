import type { Rule } from './rule';

/** F10 [weak]: Excel's "CSV UTF-8" adds a BOM; the safest upload has none. */
export const bom: Rule = {
  codes: ['bom'],
  check({ model, report }) {
    if (!model.bom) return;
    report({
      code: 'bom',
      start: 0,
      end: 1,
      message: 'The file starts with a byte-order mark (Excel\'s "CSV UTF-8"); CBP\'s template is plain "CSV (Comma delimited)". Remove it.',
      fix: { title: 'Remove the byte-order mark', edits: [{ start: 0, end: 1, newText: '' }] },
    });
  },
};
