import { singleStepFixes } from '../normalize';
import { rawCell, replaceCell } from './helpers';
import type { Rule } from './rule';

/** Invisible or look-alike characters pasted from e-mail, PDFs or web pages. */
export const nonAscii: Rule = {
  codes: ['non-ascii'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (facts.nonAscii.length === 0) continue;
      const listed = facts.nonAscii
        .slice(0, 4)
        .map((c) => `${c.codePoint}${c.replacement === undefined ? '' : c.replacement === '' ? ' (invisible)' : ` (looks like '${c.replacement}')`}`)
        .join(', ');
      if (facts.nonAsciiLossy) {
        report({
          code: 'non-ascii',
          severity: 'error',
          start: row.cellStart,
          end: row.cellEnd,
          message: `Non-ASCII characters in the entry number: ${listed}. At least one has no ASCII equivalent; retype the entry number.`,
        });
        continue;
      }
      report({
        code: 'non-ascii',
        start: row.cellStart,
        end: row.cellEnd,
        message: `Invisible or look-alike characters in the entry number: ${listed}. Replace them with plain ASCII.`,
        fix: { title: 'Replace with plain ASCII characters', edits: [replaceCell(row, singleStepFixes.nonAscii(rawCell(model, row)))] },
      });
    }
  },
};
