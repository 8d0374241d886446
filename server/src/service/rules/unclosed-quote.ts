import type { Rule } from './rule';

/** A quote that never closes makes every following line one cell for a CSV reader such as ACE's. */
export const unclosedQuote: Rule = {
  codes: ['unclosed-quote'],
  check({ model, report }) {
    if (!model.unclosedQuote) return;
    const { offset } = model.unclosedQuote;
    const line = model.lines.positionAt(offset).line;
    report({
      code: 'unclosed-quote',
      start: offset,
      end: model.lines.lineEnd(line),
      message: 'This quote is never closed, so a CSV reader takes the rest of the file as one cell. Remove the quote or close it.',
    });
  },
};
