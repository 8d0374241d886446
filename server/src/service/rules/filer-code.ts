import { entryNumberRule } from './entryNumberRule';

/** CATAIR Appendix E: a filer code is three letters or digits, never 000. */
export const filerCode = entryNumberRule('filer-code', {
  judge: (value) =>
    value.length === 11 && value.startsWith('000')
      ? { message: 'The filer code is 000, which CBP never assigns. Check the first three characters against the entry summary.' }
      : undefined,
});
