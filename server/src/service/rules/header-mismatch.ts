import { HEADER_TEXT } from '../model';
import { clip, rawCell } from './helpers';
import type { Rule } from './rule';

/** F2: the header must read exactly `Entry Number`. */
export const headerMismatch: Rule = {
  codes: ['header-mismatch'],
  check({ model, report }) {
    const header = model.header;
    if (!header || model.headerKind === 'exact') return;
    const found = rawCell(model, header);
    report({
      code: 'header-mismatch',
      start: header.cellStart,
      end: header.cellEnd,
      message: `The header reads \`${clip(found)}\`; ACE expects exactly \`${HEADER_TEXT}\` and rejects the file otherwise. Replace it.`,
      fix: { title: `Replace the header with \`${HEADER_TEXT}\``, edits: [{ start: header.cellStart, end: header.cellEnd, newText: HEADER_TEXT }] },
      details: { found },
    });
  },
};
