import { isCleanCell } from '../normalize';
import { entryNumberRule } from './entryNumberRule';

const ALPHANUMERIC = /^[A-Z0-9]*$/;

/** F5: only A-Z and 0-9 remain once the lossless repairs are done. */
export const entryCharset = entryNumberRule('entry-charset', {
  judge(value, entry) {
    if (isCleanCell(entry.facts) || ALPHANUMERIC.test(value)) return undefined; // a clean cell is A-Z and 0-9 by construction
    // Non-ASCII characters are explained by `non-ascii`; this rule names the ASCII ones.
    const bad = [...new Set(value.replace(/[A-Z0-9]|[^\x00-\x7f]/g, ''))];
    if (bad.length === 0) return undefined;
    const shown = bad.map((c) => (c.charCodeAt(0) < 32 ? `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${c}'`)).join(', ');
    return { message: `Characters other than A-Z and 0-9 in the entry number: ${shown}. Retype it from the entry summary.` };
  },
});
