/** Workbook cells as their CSV form holds them, and the rules that then explain what Excel did (issue 20). */
import * as assert from 'node:assert/strict';
import { analyze, classifyFile, computeCheckDigit, DEFAULT_SETTINGS } from '../../server/src/service';
import { cellText, csvLine, rowTexts, WorkbookText } from '../../server/src/service/workbook';

const withCheckDigit = (base: string) => base + computeCheckDigit(base);

describe('workbook cells', () => {
  it('keeps a text cell as it is, leading zeros and all', () => {
    assert.equal(cellText('00261103162'), '00261103162');
    assert.equal(cellText(' MYK2800086 4 '), ' MYK2800086 4 ');
  });

  it('writes a whole number as its digits, so lost leading zeros show', () => {
    const entry = withCheckDigit('0310000001');
    assert.equal(cellText(Number(entry)), entry.replace(/^0+/, ''));
  });

  it('writes a number past 15 significant digits in scientific notation: its last digits are not in the workbook', () => {
    assert.equal(cellText(1.2345678901234567e19), '1.23457E+19');
    assert.equal(cellText(2611031620000000), '2.61103E+15');
  });

  it('writes an 11-digit number that fails the check digit and ends in zeros as the rounded number it is', () => {
    assert.equal(cellText(26110300000), '2.61103E+10');
    // A real all-digit entry number that ends in zeros keeps its digits.
    let valid = '';
    for (let x = 2611031; !valid && x < 2711031; x++) if (String(computeCheckDigit(`${x}000`)) === '0') valid = `${x}0000`;
    assert.equal(cellText(Number(valid)), valid);
  });

  it('writes dates as MM/DD/YYYY, truth values as TRUE/FALSE, money as its decimal number', () => {
    assert.equal(cellText(new Date(Date.UTC(2025, 2, 15))), '03/15/2025');
    assert.equal(cellText(true), 'TRUE');
    assert.equal(cellText(1234.56), '1234.56');
    assert.equal(cellText(0), '0');
    assert.equal(cellText(null), '');
    assert.equal(cellText(Number.NaN), '');
  });

  it('drops the empty cells at a row\'s end and fills a sparse row\'s holes', () => {
    // eslint-disable-next-line no-sparse-arrays
    assert.deepEqual(rowTexts(['A', , 'C', null, '']), ['A', '', 'C']);
    assert.deepEqual(rowTexts([null, null]), []);
  });

  it('quotes a cell only when it holds a comma, quote or line break, as Excel\'s CSV save does', () => {
    assert.equal(csvLine(['a', 'b,c', 'say "hi"', 'x\ny']), 'a,"b,c","say ""hi""","x\ny"');
  });

  it('gives line N to the sheet\'s row N + 1: skipped rows are blank lines', () => {
    const text = new WorkbookText();
    text.add({ index: 0, values: ['Entry Number'] });
    text.add({ index: 3, values: ['MYK28000864'] });
    assert.equal(text.toString(), 'Entry Number\n\n\nMYK28000864\n');
    assert.equal(text.length, text.toString().length);
  });
});

describe('a workbook\'s sheet in the classifier and the rules', () => {
  it('judges a sheet by its rows and names the sheet in the reason', () => {
    const verdict = classifyFile({ name: '/w/list.xlsx', head: 'Entry Number\nMYK28000864\n', sheet: 'Entries' });
    assert.equal(verdict.kind, 'declaration');
    assert.match(verdict.reason, /^sheet "Entries": /);
    assert.equal(classifyFile({ name: '/w/x.xlsx', head: 'Entry Summary Number,HTS Number - Full,Line Tariff Duty Amount\n', sheet: 'S' }).kind, 'es003');
    // Without a sheet, a workbook's name still means "not a text CSV".
    assert.equal(classifyFile({ name: '/w/list.xlsx', head: 'Entry Number\n' }).kind, 'not-csv');
  });

  it('says once, on the first row, that a workbook is not uploadable; a CSV never hears it', () => {
    const text = 'Entry Number\nMYK28000864\n';
    const book = analyze(text, 'file:///w/list.xlsx', DEFAULT_SETTINGS).findings.filter((f) => f.code === 'workbook');
    assert.equal(book.length, 1);
    assert.equal(book[0].start, 0);
    assert.equal(analyze(text, 'file:///w/list.csv', DEFAULT_SETTINGS).findings.some((f) => f.code === 'workbook'), false);
  });

  it('pads a numeric cell only when the check digit confirms it, and names a rounded one', () => {
    const entry = withCheckDigit('0310000001');
    const wrong = String(Number(entry) + 1); // the check digit no longer agrees
    const text = ['Entry Number', cellText(Number(entry)), cellText(Number(wrong)), cellText(26110300000)].join('\n') + '\n';
    const codes = analyze(text, 'file:///w/list.xlsx', DEFAULT_SETTINGS).findings.map((f) => `${f.code}`);
    assert.ok(codes.includes('leading-zeros-lost'));
    assert.equal(codes.filter((c) => c === 'leading-zeros-lost').length, 1, codes.join(','));
    assert.ok(codes.includes('scientific-notation'));
  });

  it('tells how to recover a rounded number in the workbook\'s words: convert it, never Excel\'s CSV export', () => {
    const text = 'Entry Number\n2.61103E+10\n';
    const message = (uri: string) => analyze(text, uri, DEFAULT_SETTINGS).findings.find((f) => f.code === 'scientific-notation')!.message;
    assert.match(message('file:///w/list.xlsx'), /write the CSV parts with "CAPE: Convert Workbook to Declarations" \(or `cape prepare`\), not with Excel's CSV export\.$/);
    assert.match(message('file:///w/list.csv'), /save as "CSV \(Comma delimited\)"\.$/);
  });
});

describe('a converted workbook and its upload parts', () => {
  it('are one family: the parts are not duplicates of the workbook, and the workbook says where its parts are', async () => {
    const { WorkspaceIndex, declarationKeys, withWorkspace } = await import('../../server/src/service');
    const entries = ['MYK28000864', 'BII05992854'];
    const book = 'file:///w/list.xlsx';
    const part = 'file:///w/list-upload/list-upload-part1-of-1.csv';
    const bookText = ['Entry Number', ...entries].join('\n') + '\n';
    const partText = ['Entry Number', ...entries].join('\r\n') + '\r\n';
    const index = new WorkspaceIndex();
    index.setDeclarationKeys(book, declarationKeys(bookText));
    index.setDeclarationKeys(part, declarationKeys(partText));
    const onPart = withWorkspace(analyze(partText, part, DEFAULT_SETTINGS), index, '2026-12-01').findings.map((f) => f.code);
    assert.ok(!onPart.includes('duplicate-in-workspace'), onPart.join());
    const onBook = withWorkspace(analyze(bookText, book, DEFAULT_SETTINGS), index, '2026-12-01').findings;
    assert.deepEqual(onBook.map((f) => [f.code, f.severity ?? 'info']), [['split-source', 'info']]);
    assert.match(onBook[0].message, /^Converted to 1 upload-ready CSV part \(list-upload-part1-of-1\.csv\): upload it; ACE does not accept this workbook itself/);
    // A declaration of another name is no source of these parts: it and the parts are duplicates.
    const csv = 'file:///w/other-list.csv';
    const other = new WorkspaceIndex();
    other.setDeclarationKeys(csv, declarationKeys(bookText));
    other.setDeclarationKeys(part, declarationKeys(partText));
    assert.ok(withWorkspace(analyze(partText, part, DEFAULT_SETTINGS), other, '2026-12-01').findings.some((f) => f.code === 'duplicate-in-workspace'));
  });
});
