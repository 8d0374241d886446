import { clip } from './helpers';
import { entryNumberRule } from './entryNumberRule';

/** F5: each row is one complete 11-character entry number. */
export const entryLength = entryNumberRule('entry-length', {
  judge(value) {
    if (value.length === 11) return undefined;
    const lostZeros = /^[0-9]{8,10}$/.test(value)
      ? ' Padding it with leading zeros does not give a valid entry number either, so retype it from the entry summary.'
      : ' Retype it from the entry summary.';
    return {
      message: `The entry number has ${value.length} characters (\`${clip(value)}\`); ACE needs exactly 11 (3-character filer code, 7-digit transaction number, check digit).${lostZeros}`,
      details: { length: value.length },
    };
  },
});
