/** What the ES-003 facts say about an entry's CAPE window, shared by the deadline rules, hovers and refunds. */
import { addDays, daysBetween } from './dates';
import { liquidationOf, type EntryFacts } from './es003';

/** 80 calendar days from liquidation: the last filing day is liquidation + 79 [CBP]. */
export const WINDOW_DAYS = 80;
/** A protest can still preserve the refund until 180 days after liquidation (19 USC 1514). */
export const PROTEST_DAYS = 180;

export interface Window {
  liquidationDate: string;
  lastFilingDay: string;
  /** Days from the filing date to the last filing day: 0 on the last day, negative once closed. */
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

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
