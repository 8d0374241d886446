import { windowIsClosed, windowOf } from '../eligibility';
import { entryDataRule } from './entryDataRule';

/** ACE: `ENTRY SUMMARY IS IN FINAL LIQUIDATION STATUS`: liquidated 81 or more days before filing (day 80 is disputed: window-closing). */
export const windowClosed = entryDataRule('window-closed', (facts, { filingDate }) => {
  const window = windowOf(facts, filingDate);
  if (!window || !windowIsClosed(window)) return undefined;
  const protest = filingDate <= window.protestDeadline ? ` A protest (19 USC 1514) can still preserve the refund until ${window.protestDeadline}.` : '';
  return {
    message: `Window closed: liquidated ${window.liquidationDate}, last CAPE filing day was ${window.lastFilingDay}; ACE rejects it as in final liquidation status.${protest}`,
    details: { liquidationDate: window.liquidationDate, lastFilingDay: window.lastFilingDay, protestDeadline: window.protestDeadline },
  };
});
