import { HEADER_TEXT } from '../model';
import type { Rule } from './rule';

/** F2: row 1 must be the `Entry Number` header. */
export const headerMissing: Rule = {
  codes: ['header-missing'],
  check({ model, report }) {
    if (model.headerKind !== 'data') return;
    const first = model.entries[0].row;
    const at = model.bom ? 1 : 0;
    report({
      code: 'header-missing',
      start: first.cellStart,
      end: first.cellEnd,
      message: `The first row is an entry number, but ACE expects the header \`${HEADER_TEXT}\` in row 1 and rejects the whole file without it. Insert the header.`,
      fix: { title: `Insert the \`${HEADER_TEXT}\` header`, edits: [{ start: at, end: at, newText: HEADER_TEXT + model.lines.eol }] },
    });
  },
};
