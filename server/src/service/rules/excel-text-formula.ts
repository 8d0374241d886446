import { singleStepFixes } from '../normalize';
import { cellRule } from './cellRule';

/**
 * `="60576069342"`: ACE Portal CSV exports (and Excel users) force numbers to text this way. The
 * number inside is the entry; the formula around it is not part of it, and CBP's template has none.
 */
export const excelTextFormula = cellRule('excel-text-formula', {
  when: (facts) => facts.textFormula,
  message: (facts) => `The entry number is wrapped in an Excel text formula (${facts.value.trim()}), as ACE Portal exports write numbers; CBP's template holds the number alone. Unwrap it.`,
  repair: { title: 'Unwrap the Excel text formula', apply: (raw, facts) => singleStepFixes.textFormula(raw, facts), plainOnly: true },
});
