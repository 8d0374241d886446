/** What the ES-003 facts say about an entry's CAPE window, shared by the deadline rules, hovers and refunds. */
import { addDays, daysBetween } from './dates';
import { liquidationOf, type EntryFacts } from './es003';

/** 80 calendar days from liquidation: the last certain filing day is liquidation + 79 [CBP]. */
export const WINDOW_DAYS = 80;
/**
 * Day 80 after liquidation is disputed: CBP's wording ("within the preceding 80 days") allows it, its
 * launch example excludes it. A filing on that day is a warning, never an error (domain reference, 5).
 */
export const DISPUTED_DAY = WINDOW_DAYS;
/** Entries normally liquidate about 314 days after entry [2nd]. */
export const TYPICAL_LIQUIDATION_DAYS = 314;
/** A protest can still preserve the refund until 180 days after liquidation (19 USC 1514). */
export const PROTEST_DAYS = 180;

export interface Window {
  liquidationDate: string;
  lastFilingDay: string;
  /** Days from the filing date to the last filing day: 0 on the last day, -1 on the disputed day 80, below that closed. */
  daysLeft: number;
  protestDeadline: string;
}

/** The window of a liquidated entry, or undefined when it has none (unliquidated, suspended, ...). */
export function windowOf(facts: EntryFacts, filingDate: string): Window | undefined {
  const liquidation = liquidationOf(facts);
  if ((liquidation !== 'liquidated' && liquidation !== 'final') || !facts.liquidationDate) return undefined;
  const lastFilingDay = addDays(facts.liquidationDate, WINDOW_DAYS - 1);
  return { liquidationDate: facts.liquidationDate, lastFilingDay, daysLeft: daysBetween(filingDate, lastFilingDay), protestDeadline: addDays(facts.liquidationDate, PROTEST_DAYS) };
}


/** The filing date is day 80 after liquidation, which CBP's wording allows and its example does not. */
export function onDisputedDay(window: Window): boolean {
  return window.daysLeft === WINDOW_DAYS - 1 - DISPUTED_DAY;
}

/** The window is certainly closed: day 81 or later after liquidation. */
export function windowIsClosed(window: Window): boolean {
  return window.daysLeft < WINDOW_DAYS - 1 - DISPUTED_DAY;
}

/** Why the export does not say when an entry's window closes, and the best estimate of it. */
export interface LiquidationEstimate {
  /** `no-data`: no liquidation columns (or an unknown status word); `no-date`: liquidated, date missing; `informal`: type 11. */
  reason: 'no-data' | 'no-date' | 'informal';
  /** The estimated last filing day, when an entry or summary date allows one. */
  lastFilingDay?: string;
  /** The estimated last filing day has passed (or, for `no-date`, nothing shows the window open). */
  probablyClosed: boolean;
  /** What the estimate rests on, for the message. */
  basis: string;
}

/**
 * For an entry whose liquidation the export does not show, what can be said: an entry liquidated
 * without a date, a type 11 entry (liquidated at entry [2nd]), or an entry entered more than 314 days
 * before filing (normally liquidated by then). Undefined when the data shows the liquidation, or
 * when the entry is young enough to be most likely unliquidated.
 */
export function liquidationEstimate(facts: EntryFacts, filingDate: string): LiquidationEstimate | undefined {
  const liquidation = liquidationOf(facts);
  if ((liquidation === 'liquidated' || liquidation === 'final') && !facts.liquidationDate) {
    return { reason: 'no-date', probablyClosed: true, basis: `liquidated (status "${facts.liquidationStatus}") with no liquidation date` };
  }
  if (liquidation !== 'unknown') return undefined;
  const entered = facts.entryDate ?? facts.summaryDate;
  const unknownWord = facts.liquidationStatus !== '' ? ` (status "${facts.liquidationStatus}" is not one CAPE Tools knows)` : '';
  if (facts.entryType === '11') {
    if (!entered) return { reason: 'informal', probablyClosed: false, basis: `type 11 (informal) entries liquidate at entry; no entry date${unknownWord}` };
    const lastFilingDay = addDays(entered, WINDOW_DAYS - 1);
    return { reason: 'informal', lastFilingDay, probablyClosed: filingDate > lastFilingDay, basis: `type 11 (informal) entries liquidate at entry (${entered})${unknownWord}` };
  }
  if (!entered || daysBetween(entered, filingDate) <= TYPICAL_LIQUIDATION_DAYS) return undefined;
  const lastFilingDay = addDays(entered, TYPICAL_LIQUIDATION_DAYS + WINDOW_DAYS - 1);
  return {
    reason: 'no-data',
    lastFilingDay,
    probablyClosed: filingDate > lastFilingDay,
    basis: `entered ${entered}, more than ${TYPICAL_LIQUIDATION_DAYS} days before the filing date; entries normally liquidate about ${TYPICAL_LIQUIDATION_DAYS} days after entry${unknownWord}`,
  };
}
