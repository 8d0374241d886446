/**
 * CBP results files and ES-003 exports as ACE and brokers really write them (issue 21): header
 * variants, status words, `="..."` text formulas, liquidation words, day 80, estimates. The rule
 * under test: a verdict that rests on missing or uncertain data is never an error.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyze, applyOffsetEdits, entryRefunds, es003Columns, fixAllEdits, isEs003Document, isResultsDocument, parseRatesCsv, parseResults, rateTable,
  refundOptions, summaryJson, toDiagnostics, withWorkspace, WorkspaceIndex,
} from '../../server/src/service';
import { decl, settings, VALID } from '../helpers/service';
import { aggregate as aggregateForTest, es003Text } from '../helpers/es003';

const FILING = '2026-12-01';
const URI = 'file:///w/decl.csv';
const [V0, V1, V2] = VALID;

/** `line:code:severity` of a declaration of `entries` checked against the given workspace files. */
function verdicts(entries: string[], files: { results?: string; es003?: string }, filingDate = FILING, overrides = {}): string[] {
  const index = new WorkspaceIndex();
  if (files.results !== undefined) index.setResults('file:///w/results.csv', files.results);
  if (files.es003 !== undefined) {
    const data = aggregateForTest(files.es003, 'file:///w/es003.csv');
    index.setEntryData('file:///w/es003.csv', data.facts, data.problems, data.rows);
  }
  const d = toDiagnostics(withWorkspace(analyze(decl(...entries), URI, settings(overrides)), index, filingDate));
  return d.map((x) => `${x.range.start.line}:${x.code}:${x.severity}`);
}

const csv = (...rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

describe('CBP results files as CBP and brokers write them', () => {
  const layouts: { name: string; header: string[]; row: (entry: string, claim: string, status: string, error: string) => string[] }[] = [
    { name: 'CBP Claim Details (ENTRY_NUMBER, CLAIM_NUMBER, STATUS, ERROR_DESCRIPTION)', header: ['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION'], row: (e, c, s, x) => [e, c, s, x] },
    { name: 'Entry Summary Number, Cape Claim Number, Filing Status, Error Detail', header: ['Entry Summary Number', 'Cape Claim Number', 'Filing Status', 'Error Detail'], row: (e, c, s, x) => [e, c, s, x] },
    { name: 'Entry Number, Claim Number, Status, CAPE Error Detail', header: ['Entry Number', 'Claim Number', 'Status', 'CAPE Error Detail'], row: (e, c, s, x) => [e, c, s, x] },
    { name: 'a broker sheet: CLAIM NUMBER, FILING STATUS, CLAIM ERROR, with the entry last', header: ['CLAIM NUMBER', 'FILING STATUS', 'CLAIM ERROR', 'Entry No'], row: (e, c, s, x) => [c, s, x, e] },
    { name: 'ACE Portal text formulas', header: ['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION'], row: (e, c, s, x) => [`"=""${e}"""`, `"=""${c}"""`, s, x] },
  ];
  for (const layout of layouts) {
    it(`${layout.name}: accepted, failed (with its claim number) and unknown rows`, () => {
      const text = csv(layout.header, layout.row(V0, '100000241223', 'Entry Summary Updated', ''), layout.row(V1, '100000241223', 'Failed', 'HTS RELATIONSHIP/SEQUENCE MISMATCH'), layout.row(V2, '100000241223', '', ''));
      assert.ok(isResultsDocument(text), 'recognized as a results file');
      assert.ok(!isEs003Document(text), 'not taken for an ES-003 export');
      const results = parseResults(text);
      assert.deepEqual(results.map((r) => `${r.key}:${r.status}:${r.claim}`), [`${V0}:accepted:100000241223`, `${V1}:rejected:100000241223`, `${V2}:unknown:100000241223`]);
      assert.deepEqual(verdicts([V0, V1, V2], { results: text }), ['1:already-declared:1', '2:rejected-by-cbp:2', '3:cbp-status-unknown:3']);
    });
  }

  it('a broker sheet with CLAIM NUMBER and CLAIM ERROR but no status: a claim number alone proves nothing', () => {
    const text = csv(['Entry Number', 'CLAIM NUMBER', 'CLAIM ERROR'], [V0, '100000241223', ''], [V1, '100000241223', 'UNABLE TO CALCULATE DUTY']);
    assert.deepEqual(verdicts([V0, V1], { results: text }), ['1:cbp-status-unknown:3', '2:rejected-by-cbp:2']);
  });

  const statusWords: [string, string, string][] = [
    ['Entry Summary Updated', '', 'accepted'],
    ['Accepted', '', 'accepted'],
    ['ACCEPTED', '', 'accepted'],
    ['Failed', 'UNABLE TO CALCULATE DUTY', 'rejected'],
    ['FAILED', '', 'rejected'],
    ['Rejected', '', 'rejected'],
    ['Rejected by batch validation', 'NO IEEPA HTS ON ENTRY', 'rejected'],
    ['Failed initial validation', '', 'rejected'],
    ['Accepted with Error(s)', '', 'unknown'],
    ['Accepted with Error(s)', 'INVALID HTS', 'rejected'],
    ['Pending Review', '', 'unknown'],
    ['Submitted', '', 'unknown'],
  ];
  for (const [status, error, expected] of statusWords) {
    it(`status "${status}"${error ? ` with error "${error}"` : ''} reads as ${expected}`, () => {
      const [row] = parseResults(csv(['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION'], [V0, '100000241223', status, error]));
      assert.equal(row.status, expected);
    });
  }

  it('an unknown status is an info note naming it, never an error', () => {
    const [d] = toDiagnostics(withWorkspace(analyze(decl(V0), URI, settings()), indexWithResults(csv(['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS'], [V0, '100000241223', 'Pending Review'])), FILING));
    assert.equal(d.code, 'cbp-status-unknown');
    assert.equal(d.severity, 3);
    assert.match(String(d.message), /"Pending Review"/);
    assert.match(String(d.message), /claim 100000241223/);
  });

  it('property: no results row without an accepted status ever yields already-declared', () => {
    const notAccepted = fc.oneof(
      fc.constantFrom('', 'Failed', 'FAILED', 'Rejected', 'Rejected by batch validation', 'Accepted with Error(s)', 'Pending', 'In Review', 'Submitted', 'N/A', '-', 'Not Accepted'),
      fc.string({ maxLength: 20 }).filter((s) => !/accept|updated|success|passed/i.test(s)),
    );
    const claim = fc.oneof(fc.constant(''), fc.stringMatching(/^1\d{11}$/), fc.constant('="100000241223"'));
    const error = fc.oneof(fc.constant(''), fc.constantFrom('UNABLE TO CALCULATE DUTY', 'HTS RELATIONSHIP/SEQUENCE MISMATCH'), fc.string({ maxLength: 15 }));
    const header = fc.constantFrom(
      ['ENTRY_NUMBER', 'CLAIM_NUMBER', 'STATUS', 'ERROR_DESCRIPTION'],
      ['Entry Summary Number', 'Cape Claim Number', 'Filing Status', 'Error Detail'],
      ['Entry Number', 'CLAIM NUMBER', 'CLAIM STATUS', 'CLAIM ERROR'],
    );
    fc.assert(
      fc.property(header, fc.array(fc.tuple(fc.constantFrom(V0, V1, V2), claim, notAccepted, error), { minLength: 1, maxLength: 6 }), (h, rows) => {
        const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
        const text = [h.join(','), ...rows.map((r) => r.map(quote).join(','))].join('\r\n');
        const found = verdicts([V0, V1, V2], { results: text });
        assert.ok(!found.some((v) => v.includes(':already-declared:')), `${text}\n${found.join(' ')}`);
        assert.ok(!found.some((v) => /:(cbp-status-unknown|rejected-by-cbp):1$/.test(v)), 'never an error from an unaccepted row');
      }),
      { numRuns: 400 },
    );
  });
});

function indexWithResults(text: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  index.setResults('file:///w/results.csv', text);
  return index;
}

describe('ES-003 exports as ACE and brokers write them', () => {
  const headerVariants: [string, string[], Record<string, string>][] = [
    ['Entry No', ['Entry No', 'Line Item Number', 'HTS Code', 'Line Tariff Duty Amt'], { entry: 'entry', hts: 'hts', duty: 'duty' }],
    ['Entry Summary Nbr', ['Entry Summary Nbr', 'Entry Summary Line Number', 'HTS', 'Duty Paid'], { entry: 'entry', hts: 'hts', duty: 'duty' }],
    ['Entry Summary #', ['Entry Summary #', 'IOR', 'Tariff Number', 'Total Duty'], { entry: 'entry', importer: 'importer', hts: 'hts', duty: 'duty' }],
    ['Importer of Record Number', ['Entry Summary Number', 'Importer of Record Number', 'HTS Number - Full', 'Line Tariff Duty Amount'], { entry: 'entry', importer: 'importer' }],
    ['Final Liquidation Date', ['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Final Liquidation Date'], { liquidationDate: 'liquidationDate' }],
    ['IEEPA Duty (no HTS needed)', ['Entry Summary Number', 'Entry Date', 'IEEPA Duty', 'CAPE Phase 1 Eligible'], { entry: 'entry', duty: 'duty' }],
  ];
  for (const [name, header, expect] of headerVariants) {
    it(`recognizes ${name}`, () => {
      const columns = es003Columns(header)!;
      assert.ok(columns, `${header.join(',')} is an export`);
      for (const column of Object.keys(expect)) assert.notEqual((columns as Record<string, unknown>)[column], undefined, column);
      assert.ok(isEs003Document(header.join(',') + '\r\n'));
      assert.ok(isEs003Document(header.join(';') + '\r\n'), 'semicolon saves too');
    });
  }

  it('a declaration with one pasted column is not an export; two export columns beside the entry make one', () => {
    assert.equal(es003Columns(['Entry Number', 'Importer Number']), undefined);
    assert.ok(es003Columns(['Entry Number', 'Importer Number', 'Entry Date']));
  });

  it('HTS Code / Line Tariff Duty Amt: IEEPA duty is read (no false no-ieepa-duty)', () => {
    const text = csv(['Entry No', 'Line Item Number', 'HTS Code', 'Line Tariff Duty Amt', 'Entry Summary Date'], [V0, '1', '8471.30.0100', '$0.00', '03/20/2025'], [V0, '1', '9903.01.25', '"$1,234.56"', '03/20/2025']);
    assert.deepEqual(verdicts([V0], { es003: text }, '2025-06-01'), []);
    const data = aggregateForTest(text, 'file:///w/e.csv');
    assert.equal(data.facts.get(V0)!.ieepaDutyCents, 123456);
  });

  it('IEEPA Duty column: every row counts without an HTS column', () => {
    const text = csv(['Entry Summary Number', 'Entry Date', 'IEEPA Duty'], [V0, '03/15/2025', '$500.00'], [V1, '03/15/2025', '$0.00']);
    const data = aggregateForTest(text, 'file:///w/e.csv');
    assert.equal(data.facts.get(V0)!.ieepaDutyCents, 50000);
    assert.ok(!data.problems.some((p) => p.code === 'entry-data-columns'));
    assert.deepEqual(verdicts([V1], { es003: text }, '2025-06-01'), ['1:no-ieepa-duty:1']);
  });

  for (const [missing, header] of [['HTS', ['Entry Summary Number', 'Entry Summary Line Number', 'Line Tariff Duty Amount']], ['duty', ['Entry Summary Number', 'Entry Summary Line Number', 'HTS Number - Full']]] as const) {
    it(`an export without a ${missing} column: one entry-data-columns warning naming it and the headers seen, no no-ieepa-duty`, () => {
      const text = csv([...header], [V0, '1', missing === 'HTS' ? '$0.00' : '8471.30.0100']);
      const data = aggregateForTest(text, 'file:///w/e.csv');
      const columnProblems = data.problems.filter((p) => p.code === 'entry-data-columns');
      assert.equal(columnProblems.length, 1);
      assert.equal(columnProblems[0].line, 0);
      assert.match(columnProblems[0].reason, missing === 'HTS' ? /no HTS column/ : /no duty column/);
      assert.match(columnProblems[0].reason, /Entry Summary Line Number/);
      assert.deepEqual(verdicts([V0], { es003: text }).filter((v) => v.includes('no-ieepa-duty')), []);
      const index = new WorkspaceIndex();
      index.setEntryData('file:///w/e.csv', data.facts, data.problems, data.rows);
      const [refund] = entryRefunds(withWorkspace(analyze(decl(V0), URI, settings()), index, FILING), refundOptions(settings()));
      assert.equal(refund.status, 'missing-duty');
    });
  }

  it('an entry with an unreadable line: no-ieepa-duty is a warning that says why, not an error', () => {
    const header = ['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Summary Date'];
    const text = csv(header, [V0, '8471.30.0100', '$0.00', '03/20/2025'], [V0, '9903.01.25', 'twelve dollars', '03/20/2025'], [V1, '9903.01.25', 'n/a', '03/20/2025'], [V1, '8471.30.0100', '$0.00', '03/20/2025']);
    const found = verdicts([V0, V1], { es003: text }, '2025-06-01');
    assert.deepEqual(found, ['1:no-ieepa-duty:2', '2:no-ieepa-duty:2']);
    const index = new WorkspaceIndex();
    const data = aggregateForTest(text, 'file:///w/e.csv');
    index.setEntryData('file:///w/e.csv', data.facts, data.problems, data.rows);
    const [d] = toDiagnostics(withWorkspace(analyze(decl(V0), URI, settings()), index, '2025-06-01'));
    assert.match(String(d.message), /1 of its lines could not be read/);
    // Every line readable: the data proves it, an error.
    assert.deepEqual(verdicts([V0], { es003: csv(header, [V0, '8471.30.0100', '$0.00', '03/20/2025']) }, '2025-06-01'), ['1:no-ieepa-duty:1']);
  });

  it('`="..."` cells in an export are read as their text', () => {
    const text = csv(['Entry Summary Number', 'HTS Number - Full', 'Line Tariff Duty Amount', 'Entry Summary Date'], [`"=""${V0}"""`, '"=""99030125"""', '$700.00', '03/20/2025']);
    const data = aggregateForTest(text, 'file:///w/e.csv');
    assert.deepEqual(data.problems, []);
    assert.equal(data.facts.get(V0)!.ieepaDutyCents, 70000);
  });
});

describe('liquidation words, estimates and day 80', () => {
  const base = { entry: V0, entryDate: '03/15/2025', summaryDate: '03/20/2025' };
  const words: [string, string, string[]][] = [
    ['CLOSED', '01/15/2026', ['1:window-closed:1']],
    ['Closed', '', ['1:liquidation-unknown:2']],
    ['OPEN', '', []],
    ['Final', '', ['1:liquidation-unknown:2']],
    ['Final Liquidation', '', ['1:liquidation-unknown:2']],
    ['Final Liquidation', '01/15/2026', ['1:window-closed:1']],
    ['', '10/20/2026', []],
    ['', '08/01/2026', ['1:window-closed:1']],
    ['Unliquidated', '', []],
  ];
  for (const [status, date, expected] of words) {
    it(`status "${status}" with ${date || 'no'} liquidation date: ${expected.join(' ') || 'nothing'}`, () => {
      assert.deepEqual(verdicts([V0], { es003: es003Text([{ ...base, status, liquidationDate: date }]) }), expected);
    });
  }

  it('a status word the product does not know, on an old entry: a liquidation-unknown warning, never an error', () => {
    assert.deepEqual(verdicts([V0], { es003: es003Text([{ ...base, status: 'Bypass' }]) }), ['1:liquidation-unknown:2']);
  });

  const noLiquidationColumns = (rows: { entry: string; type?: string; entryDate: string }[]) =>
    csv(['Entry Summary Number', 'Entry Type Code', 'Entry Date', 'HTS Number - Full', 'Line Tariff Duty Amount'], ...rows.map((r) => [r.entry, r.type ?? '01', r.entryDate, '9903.01.25', '$1,000.00']));

  it('no liquidation columns: an entry older than 314 days gets an estimate; past it, the window has probably closed and the refund is at risk', () => {
    const text = noLiquidationColumns([{ entry: V0, entryDate: '02/10/2025' }, { entry: V1, entryDate: '12/01/2025' }, { entry: V2, entryDate: '06/01/2026' }]);
    const index = new WorkspaceIndex();
    const data = aggregateForTest(text, 'file:///w/e.csv');
    index.setEntryData('file:///w/e.csv', data.facts, data.problems, data.rows);
    const analysis = withWorkspace(analyze(decl(V0, V1, V2), URI, settings()), index, FILING);
    const d = toDiagnostics(analysis);
    assert.deepEqual(d.map((x) => `${x.range.start.line}:${x.code}:${x.severity}`), ['1:liquidation-unknown:2', '2:liquidation-unknown:2']);
    // 2025-02-10 + 314 + 79 days = 2026-03-10, long before the filing date.
    assert.match(String(d[0].message), /probably closed \(estimated last filing day 2026-03-10\)/);
    assert.match(String(d[0].message), /Liquidation Status/);
    const refunds = new Map(entryRefunds(analysis, refundOptions(settings())).map((r) => [r.entry, r]));
    assert.equal(refunds.get(V0)!.status, 'at-risk');
    assert.deepEqual(refunds.get(V0)!.reasons, ['liquidation-unknown']);
    assert.equal(refunds.get(V1)!.status, 'expected', 'entered 365 days before filing, estimated window still open');
    assert.equal(refunds.get(V2)!.status, 'expected');
  });

  it('an entry past 314 days whose estimated day is still ahead gets the estimated last filing day, not "closed"', () => {
    const text = noLiquidationColumns([{ entry: V0, entryDate: '12/01/2025' }]);
    const [message] = toDiagnostics(withWorkspace(analyze(decl(V0), URI, settings()), indexFromEs003(text), FILING)).map((d) => String(d.message));
    assert.match(message, /Estimated last filing day: 2026-12-29\./);
  });

  it('type 11 (informal) without liquidation data: the window is estimated from the entry date', () => {
    const text = noLiquidationColumns([{ entry: V0, type: '11', entryDate: '10/01/2026' }, { entry: V1, type: '11', entryDate: '06/01/2026' }]);
    const d = toDiagnostics(withWorkspace(analyze(decl(V0, V1), URI, settings()), indexFromEs003(text), FILING));
    assert.deepEqual(d.map((x) => `${x.range.start.line}:${x.code}:${x.severity}`), ['1:liquidation-unknown:2', '2:liquidation-unknown:2']);
    assert.match(String(d[0].message), /type 11 \(informal\).*Estimated last filing day: 2026-12-19/);
    assert.match(String(d[1].message), /probably closed/);
  });

  it('type 11 with a liquidation status: the status is used as for any entry', () => {
    assert.deepEqual(verdicts([V0], { es003: es003Text([{ ...base, type: '11', status: 'Unliquidated' }]) }), []);
  });

  it('day 80 is a warning that says why; day 79 is the last certain day; day 81 is closed', () => {
    const row = { ...base, status: 'Liquidated', liquidationDate: '09/13/2026' };
    const at = (filing: string) => toDiagnostics(withWorkspace(analyze(decl(V0), URI, settings()), indexFromEs003(es003Text([row])), filing));
    assert.match(String(at("2026-12-01")[0].message), /^0 days left/);
    const day80 = at('2026-12-02');
    assert.deepEqual(day80.map((d) => `${d.code}:${d.severity}`), ['window-closing:2']);
    assert.match(String(day80[0].message), /Day 80 after liquidation.*CBP's wording.*allows.*example excludes/);
    assert.deepEqual(at('2026-12-03').map((d) => `${d.code}:${d.severity}`), ['window-closed:1']);
  });
});

function indexFromEs003(text: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const data = aggregateForTest(text, 'file:///w/es003.csv');
  index.setEntryData('file:///w/es003.csv', data.facts, data.problems, data.rows);
  return index;
}

describe('refund estimates and rates', () => {
  it('an export with only Entry Date: the entry date is the deposit date, and the amount is marked estimated', () => {
    const text = csv(['Entry Summary Number', 'Entry Date', 'HTS Number - Full', 'Line Tariff Duty Amount'], [V0, '03/15/2025', '9903.01.25', '$1,000.00']);
    const analysis = withWorkspace(analyze(decl(V0), URI, settings()), indexFromEs003(text), '2025-12-01');
    const refunds = entryRefunds(analysis, refundOptions(settings()));
    assert.deepEqual([refunds[0].status, refunds[0].depositDate, refunds[0].depositBasis, refunds[0].estimated], ['expected', '2025-03-15', 'entry date', true]);
    assert.ok(refunds[0].interestCents > 0);
    const json = summaryJson([{ path: 'd.csv', refunds }], '2025-12-01', 'corporate', 14);
    assert.equal(json.entries[0].estimated, true);
    assert.equal(json.entries[0].depositBasis, 'entry date');
  });

  it('ratesAssumed marks each entry whose interest used a carried-forward rate; ratesKnownThrough names the last quarter', () => {
    const text = es003Text([{ entry: V0 }]);
    const analysis = withWorkspace(analyze(decl(V0), URI, settings()), indexFromEs003(text), FILING);
    const refunds = entryRefunds(analysis, refundOptions(settings()));
    const json = summaryJson([{ path: 'd.csv', refunds }], FILING, 'corporate', 14);
    assert.equal(json.ratesKnownThrough, '2026-Q4');
    assert.equal(json.entries[0].ratesAssumed, true, 'the end date (filing + 45 days) lies in 2027 Q1');
    const extended = rateTable([{ quarter: '2027Q1', corporate: 6, nonCorporate: 7 }]);
    const withRates = settings({ interest: { payer: 'corporate', rates: [{ quarter: '2027Q1', corporate: 6, nonCorporate: 7 }] } });
    const again = entryRefunds(withWorkspace(analyze(decl(V0), URI, withRates), indexFromEs003(text), FILING), refundOptions(withRates));
    const json2 = summaryJson([{ path: 'd.csv', refunds: again }], FILING, 'corporate', 14, extended);
    assert.equal(json2.ratesKnownThrough, '2027-Q1');
    assert.equal(json2.entries[0].ratesAssumed, false);
  });

  it('a rates file: quarter, non-corporate, corporate; header optional; bad rows named', () => {
    assert.deepEqual(parseRatesCsv('Quarter,Non-corporate,Corporate\r\n2027Q1,7,6\r\n2027-Q2,8%,7\r\n').rates, [
      { quarter: '2027Q1', nonCorporate: 7, corporate: 6 },
      { quarter: '2027Q2', nonCorporate: 8, corporate: 7 },
    ]);
    assert.match(parseRatesCsv('2027Q5,7,6\n').problems[0], /line 1/);
    assert.match(parseRatesCsv('2027Q1,seven,6\n').problems[0], /needs two rates/);
  });
});

describe('`="..."` in a declaration', () => {
  it('is an excel-text-formula warning with a lossless fix, part of fix-all, and nothing else', () => {
    const text = decl(`"=""${V0}"""`, `="${V1}"`, V2);
    const analysis = analyze(text, URI, settings());
    const d = toDiagnostics(analysis);
    assert.deepEqual(d.map((x) => `${x.range.start.line}:${x.code}:${x.severity}`), ['1:excel-text-formula:2', '2:excel-text-formula:2']);
    const fixed = applyOffsetEdits(text, fixAllEdits(analysis));
    assert.equal(fixed, decl(V0, V1, V2));
    assert.deepEqual(toDiagnostics(analyze(fixed, URI, settings())), []);
  });

  it('a formula around a damaged number is unwrapped and the damage still diagnosed', () => {
    const d = toDiagnostics(analyze(decl(`="${V0.slice(0, 10)}0"`), URI, settings()));
    assert.deepEqual(d.map((x) => String(x.code)).sort(), ['check-digit', 'excel-text-formula']);
  });
});
