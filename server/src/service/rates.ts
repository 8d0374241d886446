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
  { quarter: '2026Q2', corporate: 5, nonCorporate: 6, source: 'IRB 2026-8 [2nd]' },
  { quarter: '2026Q3', corporate: 6, nonCorporate: 7, source: 'IRB 2026-22, Rev. Rul. 2026-10 [2nd]' },
  { quarter: '2026Q4', corporate: 6, nonCorporate: 7, source: 'IRB 2026-36, Rev. Rul. 2026-15; IR-2026-98 [2nd]' },
  // 2027 Q1: not yet found in our sources. Later days carry 2026 Q4 forward, and every amount that does says so.
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

/** `2026-Q4`: the last quarter of the table, as the summary JSON names it. */
export function ratesKnownThrough(table: readonly QuarterRate[]): string | null {
  const last = table[table.length - 1];
  return last ? last.quarter.replace('Q', '-Q') : null;
}

export interface UserRate {
  quarter: string;
  corporate: number;
  nonCorporate: number;
}

/**
 * A rates file (`--rates`): CSV rows `quarter, non-corporate, corporate` in percent, with an optional
 * header row. Quarters read `2027Q1`, `2027-Q1` or `2027 Q1`. Each unreadable row is a problem.
 */
export function parseRatesCsv(text: string): { rates: UserRate[]; problems: string[] } {
  const rates: UserRate[] = [];
  const problems: string[] = [];
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/);
  lines.forEach((raw, i) => {
    const cells = raw.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').replace(/%$/, '').trim());
    if (cells.every((c) => c === '')) return;
    const quarter = /^(\d{4})[\s-]*Q([1-4])$/i.exec(cells[0] ?? '');
    if (!quarter) {
      if (i === 0 && !/\d/.test(cells[0] ?? '')) return; // the header row
      problems.push(`line ${i + 1}: '${raw.slice(0, 60)}' does not start with a quarter such as 2027Q1`);
      return;
    }
    const nonCorporate = Number(cells[1]);
    const corporate = Number(cells[2]);
    if (cells[1] === '' || cells[2] === '' || !Number.isFinite(nonCorporate) || !Number.isFinite(corporate) || nonCorporate < 0 || corporate < 0 || nonCorporate > 50 || corporate > 50) {
      problems.push(`line ${i + 1}: '${raw.slice(0, 60)}' needs two rates in percent: non-corporate, corporate`);
      return;
    }
    rates.push({ quarter: `${quarter[1]}Q${quarter[2]}`, nonCorporate, corporate });
  });
  return { rates, problems };
}
