import { singleStepFixes } from '../normalize';
import { cellRule } from './cellRule';

/** F8 [weak]: ACE reportedly strips the dashes of `ABC-1234567-6`; the bare form is certain. */
export const hyphenated = cellRule('hyphenated', {
  when: (facts) => facts.hyphenated,
  message: () => 'Hyphenated entry number: ACE reportedly tolerates the dashes (weakly sourced), but the 11 characters alone are certain. Remove the hyphens.',
  repair: { title: 'Remove the hyphens', apply: (raw) => singleStepFixes.hyphenated(raw) },
});
