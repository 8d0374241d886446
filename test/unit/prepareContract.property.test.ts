/**
 * `prepare` knows what `check` knows (issue 15), as a property over generated workspaces: with ES-003
 * data, CBP results and entries shared between declarations, `check` on the parts `prepare` wrote
 * (same data, same filing date) finds no error, and every input row is in exactly one part or in the
 * exclusion report.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, computeCheckDigit, declarationKeys, manifestCsv, prepareUpload, toDiagnostics, withWorkspace, WorkspaceIndex } from '../../server/src/service';
import { aggregate, es003Text, type Es003Row } from '../helpers/es003';
import { settings } from '../helpers/service';

const FILING = '2026-12-01';

const entryNumber = fc.tuple(fc.constantFrom('MYK', 'BII', 'EJ4', '316'), fc.integer({ min: 0, max: 9_999_999 })).map(([filer, n]) => {
  const base = filer + String(n).padStart(7, '0');
  return base + computeCheckDigit(base);
});

/** What the export says about an entry: every eligibility rule gets its chance. */
const facts = fc.record({
  type: fc.constantFrom('01', '01', '01', '08', '11', '23', '47'),
  hts: fc.constantFrom('9903.01.25', '9903.01.25', '9903.02.10', '9903.88.03'),
  duty: fc.constantFrom('$1,000.00', '$250.50', '$0.00', 'FREE'),
  status: fc.constantFrom('Unliquidated', 'Liquidated', 'CLOSED', 'OPEN', 'Final', 'Suspended', ''),
  liquidationDaysAgo: fc.integer({ min: 0, max: 200 }),
  entryDate: fc.constantFrom('03/15/2025', '10/01/2025', '06/01/2026'),
  recon: fc.constantFrom('N', 'N', 'Y'),
  protestStatus: fc.constantFrom('', '', 'Open'),
  drawback: fc.constantFrom('N', 'N', 'Y'),
});

const cell = fc.tuple(entryNumber, fc.constantFrom('plain', 'plain', 'lower', 'spaced', 'hyphen', 'bad-digit', 'formula')).map(([e, how]) => {
  if (how === 'lower') return e.toLowerCase();
  if (how === 'spaced') return ` ${e} `;
  if (how === 'hyphen') return `${e.slice(0, 3)}-${e.slice(3, 10)}-${e.slice(10)}`;
  if (how === 'bad-digit') return e.slice(0, 10) + String((Number(e[10]) + 3) % 10);
  if (how === 'formula') return `="${e}"`;
  return e;
});

function usDate(daysAgo: number): string {
  const d = new Date(Date.parse(`${FILING}T00:00:00Z`) - daysAgo * 86400000);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

const workspace = fc
  .tuple(fc.uniqueArray(entryNumber, { minLength: 4, maxLength: 14 }), fc.array(fc.array(fc.oneof(cell, fc.constant('')), { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }))
  .chain(([pool, declarations]) =>
    fc.record({
      // Declarations reuse entries of the pool, so they share some (cross-file duplicates) and repeat some.
      declarations: fc.constant(declarations).chain((ds) => fc.tuple(...ds.map((d) => fc.tuple(...d.map((c) => fc.oneof(fc.constant(c), fc.constantFrom(...pool))))))),
      exported: fc.subarray(pool),
      factsOf: fc.array(facts, { minLength: pool.length, maxLength: pool.length }),
      results: fc.array(fc.tuple(fc.constantFrom(...pool), fc.constantFrom('Entry Summary Updated', 'Failed', '', 'Pending')), { maxLength: 4 }),
      header: fc.constantFrom('Entry Number', 'ENTRY_NUMBER', ''),
      max: fc.integer({ min: 2, max: 6 }),
    }).map((w) => ({ ...w, pool })),
  );

function indexOf(exportText: string, resultsText: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const data = aggregate(exportText, 'file:///w/es003.csv');
  index.setEntryData('file:///w/es003.csv', data.facts, data.problems, data.rows);
  index.setResults('file:///w/results.csv', resultsText);
  return index;
}

describe('prepare: what it calls ready passes check (property)', () => {
  it('check on the parts, with the same entry data and results, finds no error; every row is accounted for', () => {
    fc.assert(
      fc.property(workspace, (w) => {
        const rows: Es003Row[] = w.exported.map((entry) => {
          const f = w.factsOf[w.pool.indexOf(entry)];
          const liquidated = f.status === 'Liquidated' || f.status === 'CLOSED' || f.status === 'Final' || f.status === '';
          return {
            entry, type: f.type, hts: f.hts, duty: f.duty, status: f.status, liquidationDate: liquidated && f.status !== 'Final' ? usDate(f.liquidationDaysAgo) : '',
            entryDate: f.entryDate, recon: f.recon, protestStatus: f.protestStatus, protestNumber: f.protestStatus ? 'P1' : '', drawback: f.drawback,
          };
        });
        const exportText = es003Text(rows);
        const resultsText = ['ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION', ...w.results.map(([e, s]) => `${e},100000241223,${s},${s === 'Failed' ? 'UNABLE TO CALCULATE DUTY' : ''}`)].join('\r\n');
        const inputs = w.declarations.map((cells, i) => ({
          source: `d${i}.csv`,
          uri: `file:///w/d${i}.csv`,
          text: (w.header ? [w.header, ...cells] : cells).join('\r\n') + '\r\n',
        }));
        const prepared = prepareUpload(inputs, settings(), (i, n) => `up-part${i}-of-${n}.csv`, w.max, { workspace: indexOf(exportText, resultsText), filingDate: FILING });

        // Every input row (entries and blank lines) in exactly one part or in excluded.csv.
        const inParts = prepared.parts.reduce((n, p) => n + p.entries, 0);
        assert.equal(inParts + prepared.excluded.length, prepared.inputRows, 'nothing dropped silently');

        // `cape check` on the parts, with the same ES-003 data and results: no error.
        const checkIndex = indexOf(exportText, resultsText);
        for (const part of prepared.parts) checkIndex.setDeclarationKeys(`file:///up/${part.name}`, declarationKeys(part.text));
        for (const part of prepared.parts) {
          const errors = toDiagnostics(withWorkspace(analyze(part.text, `file:///up/${part.name}`, settings()), checkIndex, FILING)).filter((d) => d.severity === 1);
          assert.deepEqual(errors.map((d) => `${d.range.start.line}:${d.code}: ${d.message}`), [], `${part.name}:\n${part.text}`);
        }

        // The same, with the sources and prepare's manifest beside the parts, as prepare leaves them on
        // disk: the manifest makes the parts one family with their sources, so still no error on a part.
        const beside = indexOf(exportText, resultsText);
        for (const input of inputs) beside.setDeclarationKeys(input.uri, declarationKeys(input.text));
        for (const part of prepared.parts) beside.setDeclarationKeys(`file:///w/up/${part.name}`, declarationKeys(part.text));
        beside.setManifest('file:///w/up/manifest.csv', manifestCsv(prepared.parts, () => 'hash', prepared.warnings, { manifestUri: 'file:///w/up/manifest.csv', partSources: prepared.partSources }));
        for (const part of prepared.parts) {
          const errors = toDiagnostics(withWorkspace(analyze(part.text, `file:///w/up/${part.name}`, settings()), beside, FILING)).filter((d) => d.severity === 1);
          assert.deepEqual(errors.map((d) => `${d.range.start.line}:${d.code}: ${d.message}`), [], `${part.name} beside its sources:\n${part.text}\n${inputs.map((i) => i.text).join('--\n')}`);
        }
      }),
      { numRuns: 300, seed: Number(process.env.CAPE_SEED ?? 1501) },
    );
  });
});
