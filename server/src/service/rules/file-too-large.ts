import { utf8Length } from '../text';
import type { Rule } from './rule';

export const FILE_SIZE_LIMIT = 1_000_000;

/** F7 [weak]: under 1 MB. 9,999 entries take about 130 KB, so only garbage trips this. */
export const fileTooLarge: Rule = {
  codes: ['file-too-large'],
  check({ model, report }) {
    // A UTF-16 code unit takes at most 3 bytes: shorter texts cannot be over the limit.
    if (model.text.length * 3 <= FILE_SIZE_LIMIT) return;
    const bytes = utf8Length(model.text);
    if (bytes <= FILE_SIZE_LIMIT) return;
    const end = model.header ? model.header.cellEnd : model.lines.lineEnd(0);
    report({
      code: 'file-too-large',
      start: 0,
      end,
      message: `The file is ${(bytes / 1_000_000).toFixed(2)} MB; CBP reportedly limits uploads to 1 MB (weakly sourced). Remove what is not an entry number, or split the declaration.`,
      details: { bytes },
    });
  },
};
