/**
 * The workbook reader on generated workbooks (issue 20): which sheet it reads, and one clear error,
 * never a crash, a hang or unbounded memory, for a hostile or broken workbook.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { openWorkbook } from '../../server/src/workbook/readWorkbook';
import { loadWorkspace, type InputFile } from '../../server/src/loader';
import { unzipSync } from 'fflate';
import { streamXlsxRows } from 'hucre/xlsx';
import { PlainSheetScanner } from '../../server/src/workbook/plainSheet';
import { plainWorkbook } from '../../server/src/workbook/plainWorkbook';
import { checkedParts } from '../../server/src/workbook/workbookDirectory';
import { workbookParts, writeEncryptedWorkbook, writeExcelStyleWorkbook, writeLyingWorkbook, writeRawWorkbook, writeWorkbook, writeZip, writeZipBombAsync } from '../helpers/workbooks';

async function rowsOf(file: string, sheet?: string) {
  const opened = await openWorkbook(fs.readFileSync(file), sheet);
  const rows = opened.first ? [{ index: opened.first.index, values: [...opened.first.values] }] : [];
  for await (const row of opened.rows) rows.push({ index: row.index, values: [...row.values] });
  return { sheet: opened.sheet, sheets: opened.sheets, rows };
}

async function failure(file: string): Promise<string> {
  try {
    await rowsOf(file);
  } catch (error) {
    assert.equal((error as Error).name, 'WorkbookError', String(error));
    return (error as Error).message;
  }
  assert.fail(`${file} was read`);
}

describe('the workbook reader', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-workbooks-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads the first sheet with data, past an empty first sheet, with row indexes as in the sheet', async () => {
    const file = path.join(tmp, 'list.xlsx');
    await writeWorkbook(file, [{ name: 'Notes', rows: [] }, { name: 'Entries', rows: [['Entry Number'], ['MYK28000864'], [null], [261103162]] }, { name: 'Other', rows: [['x']] }]);
    const read = await rowsOf(file);
    assert.equal(read.sheet, 'Entries');
    assert.deepEqual(read.sheets, ['Notes', 'Entries', 'Other']);
    assert.deepEqual(read.rows.map((r) => [r.index, r.values[0]]), [[0, 'Entry Number'], [1, 'MYK28000864'], [3, 261103162]]);
  });

  it('reads the sheet named, in any case, and names the sheets when there is no such sheet', async () => {
    const file = path.join(tmp, 'two.xlsx');
    await writeWorkbook(file, [{ name: 'First', rows: [['a']] }, { name: 'Second', rows: [['b']] }]);
    assert.equal((await rowsOf(file, 'second')).rows[0].values[0], 'b');
    await assert.rejects(rowsOf(file, 'Third'), /has no sheet named "Third" \(its sheets: "First", "Second"\)/);
  });

  it('reads dates as dates and money as numbers', async () => {
    const file = path.join(tmp, 'typed.xlsx');
    await writeWorkbook(file, [{ name: 'S', rows: [['Entry Date', 'Duty'], [new Date(Date.UTC(2025, 2, 15)), 1234.56]] }]);
    const [, row] = (await rowsOf(file)).rows;
    assert.ok(row.values[0] instanceof Date);
    assert.equal((row.values[0] as Date).toISOString().slice(0, 10), '2025-03-15');
    assert.equal(row.values[1], 1234.56);
  });

  it('reads a workbook as Excel saves it (shared strings, a date style) on the plain path, exactly as hucre reads it', async () => {
    const file = path.join(tmp, 'excel-style.xlsx');
    const rows = [['Entry Summary Number', 'Entry Date', 'Line Tariff Duty Amount', 'Note'], ...Array.from({ length: 3000 }, (_, i) => [`MYK${String(2800000 + i).padStart(8, '0')}`, new Date(Date.UTC(2025, 2, 1 + (i % 28))), 1000 + i / 4, i % 7 === 0 ? ' spaced & <odd> ' : null])];
    await writeExcelStyleWorkbook(file, 'Entry Summary Line Tariff', rows);
    const bytes = fs.readFileSync(file);
    const workbook = await plainWorkbook(checkedParts(bytes));
    assert.ok(workbook, 'the workbook takes the plain path');
    const read: unknown[] = [];
    assert.ok(new PlainSheetScanner(workbook.context).push(new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']), true, []), 'its sheet is plain throughout');
    for (const row of (await rowsOf(file)).rows) read.push(row);
    const expected: unknown[] = [];
    for await (const row of streamXlsxRows(bytes, {})) expected.push({ index: row.index, values: [...row.values] });
    assert.deepEqual(read, expected);
    assert.deepEqual((read[1] as { values: unknown[] }).values, ['MYK02800000', new Date(Date.UTC(2025, 2, 1)), 1000, ' spaced & <odd> ']);
  });

  it('reads what Excel writes: a formula\'s cached value, an error cell, rich text, a number written in exponent form', async () => {
    const file = path.join(tmp, 'excel-cells.xlsx');
    writeRawWorkbook(file, '<row r="1"><c r="A1" t="inlineStr"><is><t>Entry Number</t></is></c></row>' +
      '<row r="2"><c r="A2" t="str"><f>TEXT(B2,"00000000000")</f><v>00261103162</v></c><c r="B2"><v>261103162</v></c></row>' +
      '<row r="3"><c r="A3" t="e"><v>#N/A</v></c></row>' +
      '<row r="4"><c r="A4" t="inlineStr"><is><r><t>MYK</t></r><r><t>28000864</t></r></is></c></row>' +
      '<row r="5"><c r="A5" t="n"><v>2.6110316201E10</v></c></row>');
    const { rows } = await rowsOf(file);
    assert.deepEqual(rows.map((r) => r.values[0]), ['Entry Number', '00261103162', '#N/A', 'MYK28000864', 26110316201]);
  });

  it('refuses a zip bomb from its directory, before inflating it, in bounded time and memory', async function () {
    this.timeout(60000);
    const file = path.join(tmp, 'bomb.xlsx');
    await writeZipBombAsync(file, 300);
    assert.ok(fs.statSync(file).size < 2_000_000, 'the bomb is small on disk');
    const before = process.memoryUsage().rss;
    const started = Date.now();
    assert.match(await failure(file), /zip bomb/);
    assert.ok(Date.now() - started < 5000, 'refused at once');
    assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, 'nothing inflated');
  });

  it('refuses a workbook whose directory claims a huge shared-strings table', async () => {
    const file = path.join(tmp, 'lying.xlsx');
    writeLyingWorkbook(file);
    assert.match(await failure(file), /xl\/sharedStrings\.xml would inflate to 2861 MB/);
  });

  it('refuses a sheet that inflates past the size its directory declares, and stops inflating it', async () => {
    const file = path.join(tmp, 'understated.xlsx');
    const rows = Array.from({ length: 20000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>MYK28000864</t></is></c></row>`).join('');
    const xml = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    const { deflateRawSync, crc32 } = await import('node:zlib');
    const { writeZip, workbookParts } = await import('../helpers/workbooks');
    writeZip(file, workbookParts({ name: 'xl/worksheets/sheet1.xml', deflated: { bytes: deflateRawSync(xml), size: xml.length, crc: crc32(xml) }, claimedSize: 4096 }));
    assert.match(await failure(file), /xl\/worksheets\/sheet1\.xml inflates past the 4 KB its directory declares/);
  });

  it('says a sheet whose compressed bytes are damaged is damaged', async () => {
    const file = path.join(tmp, 'damaged-sheet.xlsx');
    const rows = Array.from({ length: 20000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i * 7919}</v></c></row>`).join('');
    const xml = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    const { deflateRawSync, crc32 } = await import('node:zlib');
    const { writeZip, workbookParts } = await import('../helpers/workbooks');
    const deflated = deflateRawSync(xml);
    // The deflate stream cut short, the directory intact: the plain path fails to inflate and hands over.
    writeZip(file, workbookParts({ name: 'xl/worksheets/sheet1.xml', deflated: { bytes: deflated.subarray(0, deflated.length >> 1), size: xml.length, crc: crc32(xml) } }));
    assert.match(await failure(file), /damaged/);
  });

  it('says a sheet altered after it was saved is damaged, by its checksum, though it reads as XML', async () => {
    const file = path.join(tmp, 'altered.xlsx');
    writeRawWorkbook(file, '<row r="1"><c r="A1" t="inlineStr"><is><t>Entry Number</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>MYK28000864</t></is></c></row>');
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf('MYK28000864');
    bytes.write('MYK28000872', at); // still a valid entry number: only the checksum tells
    fs.writeFileSync(file, bytes);
    assert.match(await failure(file), /is damaged: its sheet xl\/worksheets\/sheet1\.xml does not match its checksum/);
  });

  it('checks what hucre reads too: an altered sheet that is not plain, an altered shared string, a damaged deflate stream', async () => {
    const sheetXml = (rows: string) => `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    // A comment is not the plain shape: hucre reads this sheet.
    const commented = path.join(tmp, 'altered-commented.xlsx');
    writeRawWorkbook(commented, '<!-- exported --><row r="1"><c r="A1" t="inlineStr"><is><t>Entry Number</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>MYK28000864</t></is></c></row>');
    assert.deepEqual((await rowsOf(commented)).rows.map((r) => r.values[0]), ['Entry Number', 'MYK28000864']);
    const bytes = fs.readFileSync(commented);
    bytes.write('MYK28000872', bytes.indexOf('MYK28000864'));
    fs.writeFileSync(commented, bytes);
    assert.match(await failure(commented), /is damaged: its sheet xl\/worksheets\/sheet1\.xml does not match its checksum/);
    // The entry in the shared-strings table, which every reader reads whole before the sheet.
    const shared = path.join(tmp, 'altered-shared.xlsx');
    writeZip(shared, [
      ...workbookParts({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>')) }),
      { name: 'xl/sharedStrings.xml', data: Buffer.from('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Entry Number</t></si><si><t>MYK28000864</t></si></sst>') },
    ]);
    const sharedBytes = fs.readFileSync(shared);
    sharedBytes.write('MYK28000872', sharedBytes.indexOf('MYK28000864'));
    fs.writeFileSync(shared, sharedBytes);
    assert.match(await failure(shared), /is damaged: its part xl\/sharedStrings\.xml does not match its checksum/);
    // Bytes flipped inside a deflated sheet that is not plain: damaged, not rows of garbage.
    const xml = Buffer.from(sheetXml(`<!-- exported -->${Array.from({ length: 2000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>MYK${String(28000864 + i * 10).padStart(8, '0')}</t></is></c></row>`).join('')}`));
    const deflated = zlib.deflateRawSync(xml);
    for (let i = 0; i < 16; i++) deflated[Math.floor(deflated.length / 2) + i] ^= 0x5a;
    const flipped = path.join(tmp, 'flipped.xlsx');
    writeZip(flipped, workbookParts({ name: 'xl/worksheets/sheet1.xml', deflated: { bytes: deflated, size: xml.length, crc: zlib.crc32(xml) } }));
    // Garbage that inflates past the declared size is refused as it streams; else the checksum or the inflater says so.
    assert.match(await failure(flipped), /xl\/worksheets\/sheet1\.xml (does not match its checksum|cannot be inflated|inflates past the \d+ KB its directory declares \(a zip bomb, or a damaged file\))/);
  });

  it('says a password-protected workbook is password-protected', async () => {
    const file = path.join(tmp, 'secret.xlsx');
    writeEncryptedWorkbook(file);
    assert.match(await failure(file), /password-protected/);
  });

  it('says a corrupt or truncated workbook is damaged', async () => {
    const good = path.join(tmp, 'good.xlsx');
    await writeWorkbook(good, [{ name: 'S', rows: [['Entry Number'], ['MYK28000864']] }]);
    const bytes = fs.readFileSync(good);
    const truncated = path.join(tmp, 'truncated.xlsx');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    assert.match(await failure(truncated), /damaged/);
    const garbage = path.join(tmp, 'garbage.xlsx');
    fs.writeFileSync(garbage, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]));
    assert.match(await failure(garbage), /damaged|not an \.xlsx/);
  });

  it('refuses a sheet with more rows than Excel allows', async () => {
    const file = path.join(tmp, 'too-many.xlsx');
    writeRawWorkbook(file, '<row r="1"><c r="A1" t="inlineStr"><is><t>Entry Number</t></is></c></row><row r="1048577"><c r="A1048577" t="inlineStr"><is><t>MYK28000864</t></is></c></row>');
    assert.match(await failure(file), /more rows|1,048,576|outside/);
  });

  it('a ZIP that is no workbook is said to be none', async () => {
    const file = path.join(tmp, 'archive.xlsx');
    const { writeZip } = await import('../helpers/workbooks');
    writeZip(file, [{ name: 'readme.txt', data: Buffer.from('hello') }]);
    assert.match(await failure(file), /not an Excel workbook/);
  });

  it('the loader turns each unreadable workbook into one failure naming it; the other files are still read', async () => {
    const bomb = path.join(tmp, 'secret.xlsx');
    const list = path.join(tmp, 'list2.xlsx');
    await writeWorkbook(list, [{ name: 'Entries', rows: [['Entry Number'], ['MYK28000864']] }]);
    const input = (file: string): InputFile => ({ display: path.basename(file), absolute: file, explicit: true });
    const loaded = await loadWorkspace({ inputs: [input(bomb), input(list)], indexDeclarations: true });
    assert.deepEqual(loaded.failures.map((f) => f.display), ['secret.xlsx']);
    assert.match(loaded.failures[0].message, /password-protected/);
    assert.deepEqual(loaded.declarations.map((d) => [d.display, d.sheet, d.text]), [['list2.xlsx', 'Entries', 'Entry Number\nMYK28000864\n']]);
  });
});
