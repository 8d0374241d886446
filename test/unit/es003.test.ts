import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyze, buildModel, es003Columns, isEs003Document, isIeepaHts, parseDate, parseMoney, planBuild, toDiagnostics, withWorkspace, addDays, getHover, type WorkspaceIndex,
} from '../../server/src/service';
import { aggregate, es003Text, indexWith, type Es003Row } from '../helpers/es003';
import { decl, settings, VALID } from '../helpers/service';

const FILING = '2026-12-01';
const URI = 'file:///w/decl.csv';
const [V0, V1, V2] = VALID;

function codesFor(rows: Es003Row[], entries: string[] = [V0], overrides = {}, filingDate = FILING) {
  const index = indexWith(es003Text(rows));
  const d = toDiagnostics(withWorkspace(analyze(decl(...entries), URI, settings(overrides)), index, filingDate));
  return d.map((x) => `${x.range.start.line}:${x.code}:${x.severity}`);
}

describe('ES-003 values', () => {
  it('money: $ and thousands commas, plain, FREE, $0.00, negatives', () => {
    assert.equal(parseMoney('$2,567.49'), 256749);
    assert.equal(parseMoney('2567.49'), 256749);
    assert.equal(parseMoney('2567.4'), 256740);
    assert.equal(parseMoney('FREE'), 0);
    assert.equal(parseMoney('$0.00'), 0);
    assert.equal(parseMoney('(12.00)'), -1200);
    assert.equal(parseMoney('12.345'), undefined);
    assert.equal(parseMoney('twelve'), undefined);
  });
  it('money: the regex-free reading of plain amounts agrees with the general reading on any text', () => {
    // The general reading, as the code had it before the fast path: the reference.
    const general = (text: string) => {
      let t = text.trim().toUpperCase();
      if (t === '' || t === 'FREE' || t === '-') return 0;
      let sign = 1;
      if (/^\(.*\)$/.test(t)) [sign, t] = [-1, t.slice(1, -1)];
      if (t.startsWith('-')) [sign, t] = [-sign, t.slice(1)];
      t = t.replace(/^\$/, '').replace(/,/g, '').replace(/^USD\s*/, '');
      if (!/^\d+(\.\d{1,2})?$/.test(t)) return undefined;
      const [whole, fraction = ''] = t.split('.');
      return sign * (Number(whole) * 100 + Number(fraction.padEnd(2, '0')));
    };
    const money = fc.array(fc.constantFrom('$', ',', '.', '0', '1', '5', '9', ' ', '-', '(', ')'), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(fc.property(fc.oneof(money, fc.string({ maxLength: 8 })), (text) => assert.equal(parseMoney(text), general(text), JSON.stringify(text))), { seed: 4, numRuns: 3000 });
  });
  it('dates: MM/DD/YYYY and ISO; impossible dates are rejected', () => {
    assert.equal(parseDate('03/07/2026'), '2026-03-07');
    assert.equal(parseDate('3/7/2026'), '2026-03-07');
    assert.equal(parseDate('2026-03-07'), '2026-03-07');
    assert.equal(parseDate('02/30/2026'), undefined);
    assert.equal(parseDate('13/45/2025'), undefined);
  });
  it('HTS with or without dots; only 9903.01 and 9903.02 are IEEPA', () => {
    for (const hts of ['9903.01.25', '99030125', '9903.02.34', '9903020340']) assert.ok(isIeepaHts(hts), hts);
    for (const hts of ['9903.88.03', '9903.80.01', '9903.03.01', '8471.30.0100']) assert.ok(!isIeepaHts(hts), hts);
  });
  it('headers match without case, spaces or dashes, em dash included; tab-delimited exports too', () => {
    assert.ok(es003Columns(['ENTRY_SUMMARY_NUMBER', 'entry summary line number', 'HTS Number — Full', 'Line Tariff Duty Amount']));
    assert.ok(isEs003Document(es003Text([{ entry: V0 }], '\t')));
    assert.ok(!isEs003Document(decl(V0)));
    const tab = aggregate(es003Text([{ entry: V0, duty: '$1,250.00' }], '\t'), 'file:///w/x.txt', '\t');
    assert.equal(tab.facts.get(V0)!.ieepaDutyCents, 125000);
  });
  it('aggregates lines per entry: IEEPA duty only from 9903.01/9903.02, entry numbers with hyphens', () => {
    const data = aggregate(es003Text([
      { entry: V0, hts: '8471.30.0100', duty: '$500.00' },
      { entry: `${V0.slice(0, 3)}-${V0.slice(3, 10)}-${V0[10]}`, hts: '9903.01.25', duty: '$1,000.00' },
      { entry: V0, hts: '9903.02.34', duty: '$250.50' },
      { entry: V0, hts: '9903.88.03', duty: '$9,999.00' },
    ]));
    const facts = data.facts.get(V0)!;
    assert.equal(facts.ieepaDutyCents, 125050);
    assert.equal(facts.ieepaLines, 2);
    assert.equal(facts.summaryDate, '2025-03-20');
    assert.equal(data.rows, 4);
  });
  it('a malformed row becomes one problem with its line, and the rest is read', () => {
    const data = aggregate(es003Text([{ entry: V0 }, { entry: V1, duty: 'lots' }, { entry: 'ABC', duty: '$1.00' }, { entry: V2, entryDate: '13/45/2025', liquidationDate: 'soon' }, { entry: V1 }, { entry: V2, paymentDate: '2025-02-30' }]));
    assert.deepEqual(data.problems.map((p) => p.line), [2, 3, 4, 6], 'one problem per row: its first');
    assert.match(data.problems[0].reason, /Line Tariff Duty Amount `lots` is not an amount/);
    assert.match(data.problems[2].reason, /^Entry Date `13\/45\/2025` is not a date/);
    assert.match(data.problems[3].reason, /^Payment Date `2025-02-30` is not a date/);
    assert.deepEqual([...data.facts.keys()].sort(), [V0, V1].sort());
  });
});

describe('IEEPA tariff lines', () => {
  it('are 9903.01.xx and 9903.02.xx however the digits are separated', () => {
    const reference = (hts: string) => /^99030[12]/.test(hts.replace(/[^0-9]/g, ''));
    const piece = fc.constantFrom('9903', '99', '03', '01', '02', '25', '.', ' ', '-', '8471', '0', '1', '2', 'x', '');
    fc.assert(fc.property(fc.array(piece, { maxLength: 6 }).map((ps) => ps.join('')), (hts) => assert.equal(isIeepaHts(hts), reference(hts), hts)), { seed: 21, numRuns: 3000 });
    for (const hts of ['9903.01.25', '9903.02.34', '99030225', ' 9903-01-25 ']) assert.ok(isIeepaHts(hts), hts);
    for (const hts of ['9903.88.03', '8471.30.0100', '9903.0', '', '9903.03.01']) assert.ok(!isIeepaHts(hts), hts);
  });
});

describe('eligibility and deadlines', () => {
  it('no-ieepa-duty: no IEEPA line, or IEEPA lines without duty', () => {
    assert.deepEqual(codesFor([{ entry: V0, hts: '9903.88.03' }]), ['1:no-ieepa-duty:1']);
    assert.deepEqual(codesFor([{ entry: V0, duty: 'FREE' }]), ['1:no-ieepa-duty:1']);
    assert.deepEqual(codesFor([{ entry: V0 }]), []);
  });

  it('the 80-day boundary: day 79 is the last certain filing day, day 80 is disputed (a warning), day 81 is closed', () => {
    const liquidated = '2026-09-13';
    const row = { entry: V0, status: 'Liquidated', liquidationDate: '09/13/2026' };
    assert.equal(addDays(liquidated, 79), '2026-12-01');
    assert.deepEqual(codesFor([row], [V0], {}, '2026-12-01'), ['1:window-closing:2']);
    assert.deepEqual(codesFor([row], [V0], {}, '2026-12-02'), ['1:window-closing:2']);
    assert.deepEqual(codesFor([row], [V0], {}, '2026-12-03'), ['1:window-closed:1']);
    assert.deepEqual(codesFor([row], [V0], { deadlineWarningDays: 14 }, '2026-11-17'), ['1:window-closing:2']);
    assert.deepEqual(codesFor([row], [V0], { deadlineWarningDays: 14 }, '2026-11-16'), []);
  });

  it('window messages give the dates and, while it has not passed, the protest deadline', () => {
    const index = indexWith(es003Text([{ entry: V0, status: 'Liquidated', liquidationDate: '08/01/2026' }, { entry: V1, status: 'Liquidated', liquidationDate: '09/20/2026' }]));
    const d = toDiagnostics(withWorkspace(analyze(decl(V0, V1), URI, settings()), index, FILING));
    assert.match(String(d[0].message), /liquidated 2026-08-01, last CAPE filing day was 2026-10-19.*protest.*until 2027-01-28/);
    assert.equal(String(d[1].message), '7 days left: last filing day 2026-12-08 (liquidated 2026-09-20). File this declaration before then.');
    const late = toDiagnostics(withWorkspace(analyze(decl(V0), URI, settings()), index, '2027-02-01'));
    assert.doesNotMatch(String(late[0].message), /protest/);
  });

  it('excluded entry types: 08, 09, 47 are errors, 23 a warning', () => {
    for (const type of ['08', '09', '47']) assert.deepEqual(codesFor([{ entry: V0, type }]), ['1:excluded-entry-type:1'], type);
    assert.deepEqual(codesFor([{ entry: V0, type: '23' }]), ['1:excluded-entry-type:2']);
    assert.deepEqual(codesFor([{ entry: V0, type: '11' }]), []);
  });

  it('reconciliation: flagged entries fail in Phase 1; Phase 2 accepts types 01/02/06', () => {
    assert.deepEqual(codesFor([{ entry: V0, recon: 'Y' }], [V0], {}, '2026-05-01'), ['1:reconciliation-flagged:1']);
    assert.deepEqual(codesFor([{ entry: V0, recon: 'Y' }], [V0], {}, '2026-07-01'), []);
    assert.deepEqual(codesFor([{ entry: V0, recon: 'Y', type: '11' }], [V0], {}, '2026-07-01'), ['1:reconciliation-flagged:1']);
    assert.deepEqual(codesFor([{ entry: V0, recon: 'Y' }], [V0], { phase: '1' }, '2026-07-01'), ['1:reconciliation-flagged:1']);
  });

  it('drawback, protest, AD/CVD pending', () => {
    assert.deepEqual(codesFor([{ entry: V0, drawback: 'Y' }]), ['1:drawback:1']);
    assert.deepEqual(codesFor([{ entry: V0, protestNumber: '2704-26-1', protestStatus: 'Suspended' }]), ['1:protest:1']);
    assert.deepEqual(codesFor([{ entry: V0, protestNumber: '2704-26-1', protestStatus: 'Denied' }]), []);
    assert.deepEqual(codesFor([{ entry: V0, type: '03' }]), ['1:adcvd-pending:1']);
    assert.deepEqual(codesFor([{ entry: V0, type: '03', status: 'Liquidation Suspended' }]), ['1:refund-at-liquidation:3']);
  });

  it('refund at liquidation: suspended, extended, under review, warehouse', () => {
    for (const status of ['Suspended', 'EXTENDED', 'under review']) assert.deepEqual(codesFor([{ entry: V0, status }]), ['1:refund-at-liquidation:3'], status);
    assert.deepEqual(codesFor([{ entry: V0, warehouse: 'Y' }]), ['1:refund-at-liquidation:3']);
  });

  it('no-entry-data: one note on the header with the count, never one per line; the hover lists them', () => {
    const index = indexWith(es003Text([{ entry: V0 }]));
    const analysis = withWorkspace(analyze(decl(V0, V1, V2), URI, settings()), index, FILING);
    assert.deepEqual(toDiagnostics(analysis).map((d) => `${d.range.start.line}:${d.code}`), ['0:no-entry-data']);
    assert.match(String(toDiagnostics(analysis)[0].message), /^2 of 3 entries/);
    assert.match((getHover(analysis, { line: 0, character: 1 })!.contents as { value: string }).value, /Not in any ES-003 export \(2\): line 3/);
  });

  it('hover adds the ES-003 facts and the days left', () => {
    const index = indexWith(es003Text([{ entry: V0, status: 'Liquidated', liquidationDate: '11/01/2026', duty: '$2,567.49' }]));
    const hover = getHover(withWorkspace(analyze(decl(V0), URI, settings()), index, FILING), { line: 1, character: 1 })!;
    const text = (hover.contents as { value: string }).value;
    assert.match(text, /\*\*ES-003\*\*\n\n\| \| \|\n\|---\|---\|\n\| Importer \| 12-3456789AB \|\n\| Entry type \| 01 \|/);
    assert.match(text, /\| IEEPA duty \| \$2,567\.49 \(1 line\) \|/);
    assert.match(text, /\| Liquidation \| Liquidated \(2026-11-01\) \|/);
    assert.match(text, /\| Days left \| 49 \(last filing day 2027-01-19\) \|/);
  });
});

describe('build declarations from ES-003', () => {
  const rows: Es003Row[] = [
    { entry: V0 }, { entry: V1, type: '47' }, { entry: V2, importer: '98-7654321CD' }, { entry: VALID[3], status: 'Liquidated', liquidationDate: '01/02/2026' }, { entry: VALID[4] },
  ];
  const index = (): WorkspaceIndex => {
    const i = indexWith(es003Text(rows));
    i.setDeclaration('file:///w/filed.csv', buildModel(decl(VALID[4]), 'file:///w/filed.csv'));
    return i;
  };

  it('eligible plus excluded equals every entry in the export, each exclusion with its reasons', () => {
    const i = index();
    const plan = planBuild(i.allEntryFacts(), i, settings(), FILING, (k, n) => `p${k}-${n}.csv`);
    assert.equal(plan.eligible + plan.excluded.length, plan.total);
    assert.equal(plan.parts[0].text, `Entry Number\r\n${V0}\r\n${V2}\r\n`);
    assert.deepEqual(plan.excluded.map((r) => `${r.entry}:${r.codes.join('+')}`), [`${V1}:excluded-entry-type`, `${VALID[3]}:window-closed`, `${VALID[4]}:duplicate-in-workspace`]);
  });

  it('--importer keeps one importer and still accounts for the others', () => {
    const i = index();
    const plan = planBuild(i.allEntryFacts(), i, settings(), FILING, (k, n) => `p${k}-${n}.csv`, '98-7654321CD');
    assert.equal(plan.parts[0].text, `Entry Number\r\n${V2}\r\n`);
    assert.equal(plan.eligible + plan.excluded.length, plan.total);
    assert.equal(plan.excluded.filter((r) => r.codes[0] === 'other-importer').length, 4);
  });
});
