import { cellRule } from './cellRule';
import { clip } from './helpers';

/** `2.61103E+10`: a spreadsheet turned the number into a float and its last digits are gone. */
export const scientificNotation = cellRule('scientific-notation', {
  when: (facts) => facts.scientific,
  message: (facts, inWorkbook) =>
    `\`${clip(facts.value.trim())}\` is a number in scientific notation: the spreadsheet rounded the entry number and its digits are lost. In Excel, format the column as Text (or import it as Text), re-enter or re-export the entry numbers, and ${
      inWorkbook ? 'write the CSV parts with "CAPE: Convert Workbook to Declarations" (or `cape prepare`), not with Excel\'s CSV export' : 'save as "CSV (Comma delimited)"'
    }.`,
});
