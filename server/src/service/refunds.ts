/**
 * Expected refunds: each entry's IEEPA duty (principal) plus interest from deposit to estimated
 * (re)liquidation, per docs/refunds.md. One computation feeds the code lens, the hover, the report
 * and `cape summary`, so they agree to the cent.
 */
import type { Analysis, WorkspaceAnalysis } from './analyze';
import { addDays } from './dates';
import { findingsByLine, isError } from './diagnostics';
import { liquidationOf } from './es003';
import { computeInterest, type InterestResult, type Payer } from './interest';
import { MAX_ENTRIES_PER_DECLARATION } from './model';
import { rateTable, type QuarterRate } from './rates';
import { liquidationEstimate, windowOf } from './eligibility';

/** Reliquidation follows within 90 days of liquidation (19 USC 1501). */
const RELIQUIDATION_DAYS = 90;

/** `missing-duty`: the export has no HTS or duty column, so the IEEPA duty is not known. */
export type RefundStatus = 'expected' | 'at-risk' | 'missing-dates' | 'no-entry-data' | 'missing-duty';

/** Statuses whose amount is not computed for lack of data. */
export function lacksData(status: RefundStatus): boolean {
  return status === 'missing-dates' || status === 'no-entry-data' || status === 'missing-duty';
}

export interface EntryRefund {
  entry: string;
  line: number;
  importer: string;
  /** The importer's name, when the export has an `Importer Name` column. */
  importerName?: string;
  dutyCents: number;
  interestCents: number;
  depositDate?: string;
  depositBasis?: 'payment date' | 'entry summary date' | 'entry date';
  /** The interest is an estimate: the deposit date is the entry date (no payment or entry summary date). */
  estimated?: boolean;
  endDate?: string;
  endBasis?: string;
  liquidationDate?: string;
  status: RefundStatus;
  reasons: string[];
  interest?: InterestResult;
  daysLeft?: number;
}

export interface RefundOptions {
  payer: Payer;
  processingDays: number;
  rates: QuarterRate[];
}

export function refundOptions(settings: Analysis['settings']): RefundOptions {
  return { payer: settings.interest.payer, processingDays: settings.refund.processingDays, rates: rateTable(settings.interest.rates) };
}

/**
 * Lens, hover and report ask for the same document version's refunds: computed once per analysis
 * (an analysis is immutable, and `options` always derive from its own settings).
 */
const computed = new WeakMap<WorkspaceAnalysis, EntryRefund[]>();

/** Every entry of an analysis (with workspace and filing date) and what it should bring back. */
export function entryRefunds(analysis: WorkspaceAnalysis, options: RefundOptions): EntryRefund[] {
  let refunds = computed.get(analysis);
  if (!refunds) {
    refunds = computeRefunds(analysis, options);
    computed.set(analysis, refunds);
  }
  return refunds;
}

function computeRefunds(analysis: WorkspaceAnalysis, options: RefundOptions): EntryRefund[] {
  const { workspace, filingDate } = analysis;
  const blocking = findingsByLine(analysis, (f) => f.code !== 'over-limit' && isError(f, analysis));
  const out: EntryRefund[] = [];
  const seen = new Set<string>();
  for (const entry of analysis.model.entries) {
    const key = entry.facts.key;
    if (seen.has(key)) continue; // a duplicate line brings nothing more
    seen.add(key);
    const line = entry.row.line;
    const facts = workspace.entryFacts(key);
    if (!facts) {
      out.push({ entry: key, line, importer: '', dutyCents: 0, interestCents: 0, status: 'no-entry-data', reasons: ['not in any ES-003 export'] });
      continue;
    }
    const base = { entry: key, line, importer: facts.importer, importerName: facts.importerName || undefined, dutyCents: facts.ieepaDutyCents, liquidationDate: facts.liquidationDate, daysLeft: windowOf(facts, filingDate)?.daysLeft };
    if (!facts.ieepaKnown) {
      out.push({ ...base, dutyCents: 0, interestCents: 0, status: 'missing-duty', reasons: ['the ES-003 export has no HTS or duty column (entry-data-columns)'] });
      continue;
    }
    // ES-003 has no payment date; the entry summary date is the usual stand-in, the entry date an estimate.
    const depositDate = facts.paymentDate ?? facts.summaryDate ?? facts.entryDate;
    if (!depositDate) {
      out.push({ ...base, interestCents: 0, status: 'missing-dates', reasons: ['no payment, entry summary or entry date in the ES-003 data'] });
      continue;
    }
    const depositBasis = facts.paymentDate ? 'payment date' : facts.summaryDate ? 'entry summary date' : 'entry date';
    const processing = addDays(filingDate, options.processingDays);
    const liquidated = liquidationOf(facts) === 'liquidated' && facts.liquidationDate;
    const reliquidation = liquidated ? addDays(facts.liquidationDate!, RELIQUIDATION_DAYS) : undefined;
    const endDate = reliquidation && reliquidation < processing ? reliquidation : processing;
    const endBasis = reliquidation && reliquidation < processing ? `liquidation + ${RELIQUIDATION_DAYS} days` : `filing date + ${options.processingDays} days`;
    const interest = computeInterest(facts.ieepaDutyCents, depositDate, endDate, options.payer, options.rates);
    const reasons = (blocking.get(line) ?? []).map((f) => f.code);
    // An estimated window that has probably closed (or cannot be told) puts the refund at risk.
    if (liquidationEstimate(facts, filingDate)?.probablyClosed) reasons.push('liquidation-unknown');
    out.push({
      ...base, interestCents: interest.interestCents, depositDate, depositBasis, estimated: depositBasis === 'entry date', endDate, endBasis,
      status: reasons.length > 0 ? 'at-risk' : 'expected', reasons, interest,
    });
  }
  return out;
}

export interface RefundTotals {
  entries: number;
  dutyCents: number;
  interestCents: number;
  refundCents: number;
  atRiskCents: number;
  atRiskEntries: number;
  importers: number;
  closingSoon: number;
  extrapolated: boolean;
  missing: number;
}

export function totals(refunds: readonly EntryRefund[], warningDays: number): RefundTotals {
  const expected = refunds.filter((r) => r.status === 'expected');
  const atRisk = refunds.filter((r) => r.status === 'at-risk');
  const dutyCents = expected.reduce((n, r) => n + r.dutyCents, 0);
  const interestCents = expected.reduce((n, r) => n + r.interestCents, 0);
  return {
    entries: refunds.length,
    dutyCents,
    interestCents,
    refundCents: dutyCents + interestCents,
    atRiskCents: atRisk.reduce((n, r) => n + r.dutyCents + r.interestCents, 0),
    atRiskEntries: atRisk.length,
    importers: new Set(expected.map((r) => r.importer)).size,
    closingSoon: refunds.filter((r) => r.daysLeft !== undefined && r.daysLeft >= 0 && r.daysLeft <= warningDays).length,
    extrapolated: refunds.some((r) => r.interest?.extrapolated),
    missing: refunds.filter((r) => lacksData(r.status)).length,
  };
}

/** The parts a declaration splits into, with their refunds, for over-limit files. */
export function refundsByPart(analysis: Analysis, refunds: readonly EntryRefund[]): EntryRefund[][] {
  const partOfLine = new Map<number, number>();
  analysis.model.entries.forEach((e, i) => partOfLine.set(e.row.line, Math.floor(i / MAX_ENTRIES_PER_DECLARATION)));
  const parts: EntryRefund[][] = [];
  for (const r of refunds) (parts[partOfLine.get(r.line) ?? 0] ??= []).push(r);
  return parts;
}
