import { entryDataRule } from './entryDataRule';

/** ACE: `NO IEEPA HTS ON ENTRY`: nothing to refund without an IEEPA Chapter 99 line with duty. */
export const noIeepaDuty = entryDataRule('no-ieepa-duty', (facts) =>
  // An export without an HTS or duty column cannot show this: its header gets entry-data-columns instead.
  !facts.ieepaKnown || facts.ieepaDutyCents > 0
    ? undefined
    : {
        message: `No IEEPA duty on this entry in the ES-003 data (${facts.ieepaLines === 0 ? 'no 9903.01/9903.02 line' : 'the 9903.01/9903.02 lines carry no duty'}); ACE rejects it with NO IEEPA HTS ON ENTRY. Remove it, or correct the entry first if the data is wrong.`,
      },
);
