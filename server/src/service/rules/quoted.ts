import { singleStepFixes } from '../normalize';
import { cellRule } from './cellRule';

export const quoted = cellRule('quoted', {
  when: (facts) => facts.quoted,
  message: () => 'The entry number is in quotes; CBP\'s template writes it bare. Remove the quotes.',
  repair: { title: 'Remove the quotes', apply: (raw, facts) => singleStepFixes.quoted(raw, facts), plainOnly: true },
});
