/** The one classifier (issue 15): every kind, and the look-alikes that used to be mistaken for declarations. */
import * as assert from 'node:assert/strict';
import { classifyFile, type FileKind } from '../../server/src/service';
import { VALID } from '../helpers/service';

const [V0] = VALID;
const bytes = (...b: number[]) => Uint8Array.from(b);

const cases: { name: string; file: string; head: string; bytes?: Uint8Array; declaredKind?: 'declaration' | 'es003' | 'results'; kind: FileKind; reason?: RegExp }[] = [
  { name: 'a declaration with the exact header', file: 'd.csv', head: `Entry Number\r\n${V0}\r\n`, kind: 'declaration', reason: /`Entry Number`/ },
  { name: 'a declaration with a header variant', file: 'd.csv', head: `ENTRY_NUMBER\n${V0}\n`, kind: 'declaration' },
  { name: 'a declaration with an extra pasted column', file: 'd.csv', head: `Entry Number,Importer Number\n${V0},12-3456789AB\n`, kind: 'declaration' },
  { name: 'a declaration with a BOM and blank lines first', file: 'd.csv', head: `\ufeff\n\nEntry Number\n${V0}\n`, kind: 'declaration' },
  { name: 'a *.cape.csv file without a header', file: 'list.cape.csv', head: `${V0}\n`, kind: 'declaration', reason: /cape\.csv/ },
  { name: 'an ES-003 export', file: 'es003.csv', head: 'Entry Summary Number,Entry Summary Line Number,HTS Number - Full,Line Tariff Duty Amount\r\n', kind: 'es003' },
  { name: 'an export whose first column is `Entry Number`', file: 'x.csv', head: 'Entry Number,Entry Summary Line Number,HTS Number - Full,Line Tariff Duty Amount\r\n', kind: 'es003' },
  { name: 'a tab-delimited export', file: 'x.txt', head: 'Entry Summary Number\tEntry Type Code\tHTS Number - Full\tLine Tariff Duty Amount\n', kind: 'es003' },
  { name: 'a semicolon export (European Excel)', file: 'x.csv', head: 'Entry No;HTS Code;Line Tariff Duty Amt\n', kind: 'es003' },
  { name: 'a broker workbook: entry, IOR and dates', file: 'x.csv', head: 'Entry Summary Nbr,IOR,Entry Date,Liquidation Date\n', kind: 'es003' },
  { name: 'CBP claim details', file: 'claims.csv', head: `ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION\n${V0},100000241223,Accepted,\n`, kind: 'results' },
  { name: 'a results file with an `Entry Number` column', file: 'r.csv', head: 'Entry Number,Cape Claim Number,Filing Status,Error Detail\n', kind: 'results' },
  { name: 'a results file in ACE text formulas', file: 'r.csv', head: '"=""Entry Summary Number""",Cape Claim Number,Filing Status\n', kind: 'results' },
  { name: 'an unrelated CSV', file: 'notes.csv', head: 'Name,Amount\nACME,12\n', kind: 'other-csv' },
  { name: 'an empty file', file: 'empty.csv', head: '', kind: 'other-csv', reason: /empty/ },
  { name: 'a headerless list of entry numbers (not named .cape.csv)', file: 'list.csv', head: `${V0}\n`, kind: 'other-csv' },
  { name: 'a PDF renamed .csv', file: 'd.csv', head: '%PDF-1.7', bytes: bytes(0x25, 0x50, 0x44, 0x46, 0x2d, 0x31), kind: 'not-csv', reason: /PDF/ },
  { name: 'an .xlsx renamed .csv', file: 'd.csv', head: 'PK', bytes: bytes(0x50, 0x4b, 0x03, 0x04, 0x14), kind: 'not-csv', reason: /ZIP/ },
  { name: 'an .xlsx', file: 'book.xlsx', head: 'PK', bytes: bytes(0x50, 0x4b, 0x03, 0x04, 0x14), kind: 'not-csv', reason: /Excel workbook/ },
  { name: 'an old .xls', file: 'book.xls', head: '', bytes: bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1), kind: 'not-csv', reason: /\.xls/ },
  { name: 'a PNG', file: 'shot.csv', head: '', bytes: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d), kind: 'not-csv', reason: /PNG/ },
  { name: 'binary data', file: 'x.csv', head: 'a\0b', bytes: bytes(0x61, 0, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67), kind: 'not-csv', reason: /NUL/ },
  { name: 'UTF-16 text is not binary', file: 'u.csv', head: 'Entry Number\n', bytes: bytes(0xff, 0xfe, 0x45, 0, 0x6e, 0), kind: 'declaration' },
  { name: 'cape.files names a file: a declaration', file: 'notes.csv', head: 'Name,Amount\n', declaredKind: 'declaration', kind: 'declaration' },
  { name: 'cape.entryData names a file: an export', file: 'x.csv', head: 'Entry Number\n', declaredKind: 'es003', kind: 'es003' },
  { name: 'cape.results names a file: results', file: 'x.csv', head: 'Entry Number\n', declaredKind: 'results', kind: 'results' },
];

describe('the one classifier', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.kind}`, () => {
      const result = classifyFile({ name: c.file, head: c.head, bytes: c.bytes, declaredKind: c.declaredKind });
      assert.equal(result.kind, c.kind, result.reason);
      assert.ok(result.reason.length > 0, 'always says why');
      if (c.reason) assert.match(result.reason, c.reason);
    });
  }
});
