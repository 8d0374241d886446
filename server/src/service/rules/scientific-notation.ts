import { clip } from './helpers';
import type { Rule } from './rule';

/** `2.61103E+10`: a spreadsheet turned the number into a float and its last digits are gone. */
export const scientificNotation: Rule = {
  codes: ['scientific-notation'],
  check({ model, perEntry, report }) {
    if (!perEntry) return;
    for (const { row, facts } of model.unusual) {
      if (!facts.scientific) continue;
      report({
        code: 'scientific-notation',
        start: row.cellStart,
        end: row.cellEnd,
        message: `\`${clip(facts.value.trim())}\` is a number in scientific notation: the spreadsheet rounded the entry number and its digits are lost. In Excel, format the column as Text (or import it as Text), re-enter or re-export the entry numbers, and save as "CSV (Comma delimited)".`,
      });
    }
  },
};
