import { singleStepFixes } from '../normalize';
import { cellRule } from './cellRule';

export const lowercase = cellRule('lowercase', {
  when: (facts) => facts.lowercase && !facts.scientific,
  message: () => 'Lower-case letters in the entry number; filer codes are upper case. Convert to upper case.',
  repair: { title: 'Convert to upper case', apply: (raw) => singleStepFixes.lowercase(raw) },
});
