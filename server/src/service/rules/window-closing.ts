import { onDisputedDay, windowOf } from '../eligibility';
import { entryDataRule } from './entryDataRule';
import type { Finding } from './rule';

/** Each entry's window closes on its own date: warn `cape.deadlineWarningDays` ahead, and on the disputed day 80. */
export const windowClosing = entryDataRule('window-closing', (facts, { filingDate, settings }): Omit<Finding, 'code' | 'start' | 'end'> | undefined => {
  const window = windowOf(facts, filingDate);
  if (!window) return undefined;
  if (onDisputedDay(window)) {
    return {
      message: `Day 80 after liquidation (liquidated ${window.liquidationDate}): CBP's wording ("liquidated within the preceding 80 days") allows filing today, but its launch example excludes day 80, so ACE may reject it. The last certain filing day was ${window.lastFilingDay}; file today rather than later, and keep the protest deadline ${window.protestDeadline} in mind.`,
      details: { daysLeft: window.daysLeft, lastFilingDay: window.lastFilingDay, disputedDay: true },
    };
  }
  if (window.daysLeft < 0 || window.daysLeft > settings.deadlineWarningDays) return undefined;
  return {
    message: `${window.daysLeft} day${window.daysLeft === 1 ? '' : 's'} left: last filing day ${window.lastFilingDay} (liquidated ${window.liquidationDate}). File this declaration before then.`,
    details: { daysLeft: window.daysLeft, lastFilingDay: window.lastFilingDay },
  };
});
