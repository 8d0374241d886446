import { digitsBetween } from '../entryNumber';
import { entryNumberRule } from './entryNumberRule';

/** CATAIR Appendix E: characters 4 to 10 are the 7-digit transaction number. */
export const transactionNumber = entryNumberRule('transaction-number', {
  judge: (value) =>
    value.length === 11 && !digitsBetween(value, 3, 10)
      ? { message: `Characters 4 to 10 (\`${value.slice(3, 10)}\`) must be the 7-digit transaction number. Check the entry number against the entry summary (a letter O or I for 0 or 1 is a common typo).` }
      : undefined,
});
