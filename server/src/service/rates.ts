/**
 * IRS overpayment rates (26 USC 6621) that CBP applies to refunds (19 USC 1505(c), 19 CFR 24.3a),
 * per quarter, in percent. Users add later quarters with `cape.interest.rates` without a release.
 */
export interface QuarterRate {
  /** `2026Q1` */
  quarter: string;
  corporate: number;
  nonCorporate: number;
  source: string;
}

export const OVERPAYMENT_RATES: readonly QuarterRate[] = [
  { quarter: '2025Q1', corporate: 6, nonCorporate: 7, source: 'CBP [CBP]' },
  { quarter: '2025Q2', corporate: 6, nonCorporate: 7, source: 'CBP [CBP]' },
  { quarter: '2025Q3', corporate: 6, nonCorporate: 7, source: 'CBP [CBP]' },
  { quarter: '2025Q4', corporate: 6, nonCorporate: 7, source: 'CBP [CBP]' },
  { quarter: '2026Q1', corporate: 6, nonCorporate: 7, source: 'CBP [CBP]' },
  { quarter: '2026Q2', corporate: 5, nonCorporate: 6, source: 'one secondary source [weak]' },
  { quarter: '2026Q3', corporate: 6, nonCorporate: 7, source: 'one secondary source [weak]' },
  { quarter: '2026Q4', corporate: 6, nonCorporate: 7, source: 'one secondary source [weak]' },
];

export function quarterOf(iso: string): string {
  return `${iso.slice(0, 4)}Q${Math.floor((Number(iso.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The built-in table with the user's quarters added (a user quarter replaces a built-in one). */
export function rateTable(extra: readonly { quarter: string; corporate: number; nonCorporate: number }[]): QuarterRate[] {
  const byQuarter = new Map(OVERPAYMENT_RATES.map((r) => [r.quarter, r]));
  for (const r of extra) byQuarter.set(r.quarter, { ...r, source: 'cape.interest.rates' });
  return [...byQuarter.values()].sort((a, b) => (a.quarter < b.quarter ? -1 : 1));
}
