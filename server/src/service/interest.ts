/**
 * Interest on a refund, daily compounded (26 USC 6622): starting from the principal, each calendar
 * day from the deposit date (inclusive) to the end date (exclusive) adds balance x rate / days in
 * that year, the rate being that day's quarter's overpayment rate. Interest = final balance -
 * principal, rounded half-up to cents. Amounts are integer cents outside this function.
 */
import { fromDay, toDay } from './dates';
import { quarterOf, type QuarterRate } from './rates';

export type Payer = 'corporate' | 'non-corporate';

export interface RateSegment {
  from: string;
  /** Exclusive. */
  to: string;
  days: number;
  rate: number;
  /** Beyond the last known quarter: the last known rate was used. */
  assumed: boolean;
}

export interface InterestResult {
  interestCents: number;
  days: number;
  segments: RateSegment[];
  /** Some days lie beyond the last known quarter. */
  extrapolated: boolean;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function computeInterest(principalCents: number, depositDate: string, endDate: string, payer: Payer, table: readonly QuarterRate[]): InterestResult {
  const start = toDay(depositDate);
  const end = toDay(endDate);
  const byQuarter = new Map(table.map((r) => [r.quarter, payer === 'corporate' ? r.corporate : r.nonCorporate]));
  const last = table[table.length - 1];
  const lastRate = last ? (payer === 'corporate' ? last.corporate : last.nonCorporate) : 0;
  let balance = principalCents / 100;
  const segments: RateSegment[] = [];
  let extrapolated = false;
  for (let day = start; day < end; day++) {
    const iso = fromDay(day);
    const known = byQuarter.get(quarterOf(iso));
    const rate = known ?? lastRate;
    const assumed = known === undefined;
    extrapolated ||= assumed;
    const year = Number(iso.slice(0, 4));
    balance += (balance * rate) / 100 / (isLeap(year) ? 366 : 365);
    const segment = segments[segments.length - 1];
    if (segment && segment.rate === rate && segment.assumed === assumed) {
      segment.days++;
      segment.to = fromDay(day + 1);
    } else segments.push({ from: iso, to: fromDay(day + 1), days: 1, rate, assumed });
  }
  // Round half-up to cents; the tiny epsilon keeps x.xx5 from falling to floating-point error.
  const interestCents = end > start ? Math.floor((balance - principalCents / 100) * 100 + 0.5 + 1e-9) : 0;
  return { interestCents, days: Math.max(0, end - start), segments, extrapolated };
}
