import * as assert from 'node:assert/strict';
import {
  analyze, computeInterest, entryRefunds, getHover, getRefundLenses, LENS_TITLE_LIMIT, OVERPAYMENT_RATES, rateTable, refundOptions, resolveSettings, summaryJson, summaryMarkdown, totals, withWorkspace,
} from '../../server/src/service';
import { es003Text, indexWith } from '../helpers/es003';
import { decl, settings, VALID } from '../helpers/service';

const FILING = '2026-12-01';

describe('interest', () => {
  it('matches independently computed vectors: $10,000 from 2025-03-15 to 2026-03-15', () => {
    assert.equal(computeInterest(1000000, '2025-03-15', '2026-03-15', 'non-corporate', OVERPAYMENT_RATES).interestCents, 72501);
    assert.equal(computeInterest(1000000, '2025-03-15', '2026-03-15', 'corporate', OVERPAYMENT_RATES).interestCents, 61831);
  });

  it('changes rate at quarter boundaries and reports the segments', () => {
    const r = computeInterest(1000000, '2026-03-30', '2026-04-03', 'corporate', OVERPAYMENT_RATES);
    assert.deepEqual(r.segments.map((s) => [s.from, s.to, s.days, s.rate]), [['2026-03-30', '2026-04-01', 2, 6], ['2026-04-01', '2026-04-03', 2, 5]]);
    const expected = 10000 * (1 + 0.06 / 365) ** 2 * (1 + 0.05 / 365) ** 2 - 10000;
    assert.equal(r.interestCents, Math.round(expected * 100));
  });

  it('zero duty, or an empty period, earns nothing', () => {
    assert.equal(computeInterest(0, '2025-03-15', '2026-03-15', 'corporate', OVERPAYMENT_RATES).interestCents, 0);
    assert.equal(computeInterest(1000000, '2026-03-15', '2026-03-15', 'corporate', OVERPAYMENT_RATES).interestCents, 0);
  });

  it('uses the last known rate beyond the table and says so; a rate from settings replaces that', () => {
    const beyond = computeInterest(1000000, '2026-12-30', '2027-01-05', 'corporate', OVERPAYMENT_RATES);
    assert.equal(beyond.extrapolated, true);
    assert.deepEqual(beyond.segments.map((s) => s.assumed), [false, true]);
    const table = rateTable(resolveSettings({ interest: { rates: [{ quarter: '2027Q1', corporate: 9, nonCorporate: 10 }] } }).interest.rates);
    const known = computeInterest(1000000, '2026-12-30', '2027-01-05', 'corporate', table);
    assert.equal(known.extrapolated, false);
    assert.deepEqual(known.segments.map((s) => s.rate), [6, 9]);
  });
});

describe('expected refunds', () => {
  const rows = [
    { entry: VALID[0], duty: '$10,000.00', summaryDate: '03/15/2025' },
    { entry: VALID[1], duty: '$333.33', summaryDate: '04/01/2025', paymentDate: '04/10/2025', status: 'Liquidated', liquidationDate: '11/01/2026' },
    { entry: VALID[2], duty: '$500.00', summaryDate: '05/01/2025', type: '47' },
    { entry: VALID[3], duty: '$700.00', summaryDate: '', entryDate: '' },
  ];
  const analysis = () => withWorkspace(analyze(decl(...VALID.slice(0, 5)), 'file:///w/d.csv', settings()), indexWith(es003Text(rows)), FILING);

  it('computes each entry, sets the at-risk ones apart, and reports missing dates instead of guessing', () => {
    const refunds = entryRefunds(analysis(), refundOptions(settings()));
    const byEntry = new Map(refunds.map((r) => [r.entry, r]));
    const first = byEntry.get(VALID[0])!;
    assert.deepEqual([first.depositDate, first.depositBasis, first.endDate, first.endBasis, first.status], ['2025-03-15', 'entry summary date', '2027-01-15', 'filing date + 45 days', 'expected']);
    const second = byEntry.get(VALID[1])!;
    assert.deepEqual([second.depositDate, second.depositBasis, second.endDate], ['2025-04-10', 'payment date', '2027-01-15']);
    assert.equal(byEntry.get(VALID[2])!.status, 'at-risk');
    assert.deepEqual(byEntry.get(VALID[2])!.reasons, ['excluded-entry-type']);
    assert.equal(byEntry.get(VALID[3])!.status, 'missing-dates');
    assert.equal(byEntry.get(VALID[4])!.status, 'no-entry-data');
    const t = totals(refunds, 14);
    assert.equal(t.dutyCents, 1033333);
    assert.equal(t.refundCents, first.dutyCents + first.interestCents + second.dutyCents + second.interestCents, 'totals add per-entry cents');
    assert.equal(t.atRiskCents, byEntry.get(VALID[2])!.dutyCents + byEntry.get(VALID[2])!.interestCents);
  });

  it('a liquidated entry ends at liquidation + 90 days when that comes first', () => {
    const index = indexWith(es003Text([{ entry: VALID[0], status: 'Liquidated', liquidationDate: '10/01/2026' }]));
    const [r] = entryRefunds(withWorkspace(analyze(decl(VALID[0]), 'file:///w/d.csv', settings()), index, FILING), refundOptions(settings()));
    assert.deepEqual([r.endDate, r.endBasis], ['2026-12-30', 'liquidation + 90 days']);
  });

  it('the lens, the hover, the JSON and the report agree to the cent', () => {
    const a = analysis();
    const refunds = entryRefunds(a, refundOptions(a.settings));
    const json = summaryJson([{ path: 'd.csv', refunds }], FILING, 'corporate', 14);
    const lens = getRefundLenses(a)[0].command!.title;
    const dollars = (s: string) => '$' + Number(s).toLocaleString('en-US', { minimumFractionDigits: 2 });
    assert.equal(lens, `Expected refund ${dollars(json.total.refund)}*`, 'the star: the last known rate is assumed');
    const titles = getRefundLenses(a).map((l) => l.command!.title);
    assert.deepEqual(titles, [lens, `${dollars(json.total.atRisk)} at risk (1 entry)`, '1 importer']);
    assert.ok(titles.every((t) => t.length < LENS_TITLE_LIMIT));
    assert.match(String(getRefundLenses(a)[0].command!.tooltip), new RegExp(`interest \\${dollars(json.total.interest)} \\(the last known interest rate is assumed`));
    const md = summaryMarkdown([{ path: 'd.csv', refunds }], FILING, refundOptions(a.settings), 14);
    assert.ok(md.includes(`**Expected refund ${dollars(json.total.refund)}**`));
    const first = json.entries.find((e) => e.entry === VALID[0])!;
    const hover = (getHover(a, { line: 1, character: 1 })!.contents as { value: string }).value;
    assert.ok(hover.includes(`interest ${dollars(first.interest)}`), hover);
    assert.match(hover, /from 2025-03-15 \(entry summary date\) to 2027-01-15 \(filing date \+ 45 days\), corporate rate/);
    assert.deepEqual(Object.keys(json), ['filingDate', 'payer', 'total', 'importers', 'files', 'entries', 'ratesKnownThrough']);
    assert.deepEqual(Object.keys(json.total), ['entries', 'duty', 'interest', 'refund', 'atRisk']);
    assert.match(json.total.refund, /^\d+\.\d\d$/);
  });

  it('cape.codeLens.enabled turns the lens off', () => {
    const a = withWorkspace(analyze(decl(VALID[0]), 'file:///w/d.csv', settings({ codeLens: { enabled: false } })), indexWith(es003Text(rows)), FILING);
    assert.deepEqual(getRefundLenses(a), []);
  });
});

describe('refund lens', () => {
  it('is absent on a declaration that no export covers', () => {
    const a = withWorkspace(analyze(decl(VALID[5]), 'file:///w/d.csv', settings()), indexWith(es003Text([{ entry: VALID[0] }])), FILING);
    assert.deepEqual(getRefundLenses(a), []);
  });
});

describe('refund report per part', () => {
  it('totals each 9,999-entry part of an over-limit declaration', async () => {
    const { declarationRefunds, computeCheckDigit } = await import('../../server/src/service');
    // Unique by construction: sequential transaction numbers.
    const rows = Array.from({ length: 10005 }, (_, i) => { const base = 'KNX' + String(i).padStart(7, '0'); return base + computeCheckDigit(base); });
    const text = decl(...rows);
    const index = indexWith(es003Text(rows.slice(0, 10).concat(rows.slice(10000)).map((entry) => ({ entry }))));
    const d = declarationRefunds('big.csv', withWorkspace(analyze(text, 'file:///w/big.csv', settings()), index, FILING));
    assert.deepEqual(d.parts!.map((p) => p.length), [9999, 6]);
    const md = summaryMarkdown([d], FILING, refundOptions(settings()), 14);
    assert.match(md, /## Per part[^\n]*\n\n[^\n]*\n[^\n]*\n\| big\.csv, part 1 of 2 \| 9999 \|/);
    assert.match(md, /\| big\.csv, part 2 of 2 \| 6 \|/);
  });
});
