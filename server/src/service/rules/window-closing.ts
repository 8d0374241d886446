import { windowOf } from '../eligibility';
import { entryDataRule } from './entryDataRule';

/** Each entry's window closes on its own date: warn `cape.deadlineWarningDays` ahead. */
export const windowClosing = entryDataRule('window-closing', (facts, { filingDate, settings }) => {
  const window = windowOf(facts, filingDate);
  if (!window || window.daysLeft < 0 || window.daysLeft > settings.deadlineWarningDays) return undefined;
  return {
    message: `${window.daysLeft} day${window.daysLeft === 1 ? '' : 's'} left: last filing day ${window.lastFilingDay} (liquidated ${window.liquidationDate}). File this declaration before then.`,
    details: { daysLeft: window.daysLeft, lastFilingDay: window.lastFilingDay },
  };
});
