import { singleStepFixes } from '../normalize';
import { cellRule } from './cellRule';

/** Spaces inside or around one value; between two values it is an extra column (see normalize.ts). */
export const whitespace = cellRule('whitespace', {
  when: (facts) => facts.whitespace,
  message: () => 'Spaces or tabs in the entry number; ACE expects the 11 characters alone. Remove them.',
  repair: { title: 'Remove the spaces', apply: (raw) => singleStepFixes.whitespace(raw) },
});
