import { entryDataRule } from './entryDataRule';

/**
 * ACE: `NO IEEPA HTS ON ENTRY`: nothing to refund without an IEEPA Chapter 99 line with duty. When
 * some of the entry's lines could not be read, the IEEPA line may be one of them: a warning, not an error.
 */
export const noIeepaDuty = entryDataRule('no-ieepa-duty', (facts) => {
  // An export without an HTS or duty column cannot show this: its header gets entry-data-columns instead.
  if (!facts.ieepaKnown || facts.ieepaDutyCents > 0) return undefined;
  const found = facts.ieepaLines === 0 ? 'no 9903.01/9903.02 line' : 'the 9903.01/9903.02 lines carry no duty';
  if (facts.unreadableLines > 0) {
    return {
      severity: 'warning',
      message: `No IEEPA duty found on this entry in the ES-003 data (${found}), but ${facts.unreadableLines} of its lines could not be read (entry-data-row in the export): the IEEPA line may be one of them. Check the export before removing the entry.`,
      details: { unreadableLines: facts.unreadableLines },
    };
  }
  return { message: `No IEEPA duty on this entry in the ES-003 data (${found}); ACE rejects it with NO IEEPA HTS ON ENTRY. Remove it, or correct the entry first if the data is wrong.` };
});
