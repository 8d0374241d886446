import { checkDigitOfFirstTen } from '../entryNumber';
import { entryNumberRule } from './entryNumberRule';

/**
 * CATAIR Appendix E: the 11th character is the Luhn check digit of the first ten. No fix is ever
 * offered: a wrong check digit usually means a typo elsewhere in the number.
 */
export const checkDigit = entryNumberRule('check-digit', {
  judge(value) {
    if (value.length !== 11) return undefined;
    const expected = checkDigitOfFirstTen(value);
    if (expected === undefined || value.charCodeAt(10) === 48 + expected) return undefined;
    return {
      message: `Check digit ${value[10]} does not match: the first ten characters \`${value.slice(0, 10)}\` need ${expected}. The typo may be anywhere in the number, so compare it with the entry summary rather than changing the last digit.`,
      details: { expected, found: value[10] },
    };
  },
});
