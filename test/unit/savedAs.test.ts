/** Files as Excel and other tools really save them (issue 16): delimiters and encodings, data-driven. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { analyze, applyOffsetEdits, classifyFile, fixAllEdits, toDiagnostics, undecodedUtf16, withEncoding } from '../../server/src/service';
import { decodeText } from '../../server/src/loader';
import { foreignDelimiter } from '../../server/src/service/model';
import { settings, VALID } from '../helpers/service';

const [V0, V1] = VALID;
const URI = 'file:///w/d.csv';
const codesOf = (text: string) => toDiagnostics(analyze(text, URI, settings())).map((d) => `${d.range.start.line}:${d.code}`);

describe('declarations saved with another delimiter', () => {
  const saves: [string, string][] = [['semicolon', ';'], ['tab', '\t'], ['vertical bar', '|']];
  for (const [name, d] of saves) {
    it(`${name}: one delimiter error naming it, rows checked as the first column, no per-row pile`, () => {
      const text = `Entry Number${d}Description\r\n${V0}${d}ACME widgets\r\n${V1.toLowerCase()}${d}\r\n${V0.slice(0, 10)}0${d}x\r\n`;
      const found = codesOf(text);
      assert.deepEqual(found, ['0:delimiter', '2:lowercase', '3:check-digit']);
      const d0 = toDiagnostics(analyze(text, URI, settings()))[0];
      assert.match(String(d0.message), name === 'tab' ? /tabs/ : name === 'semicolon' ? /semicolons/ : /vertical bars/);
      assert.match(String(d0.message), /removes 2 other values/);
    });

    it(`${name}: the rewrite keeps the entry column and moves other entries to their own lines`, () => {
      const text = `Entry Number${d}Note\n${V0}${d}${V1}\n`;
      const analysis = analyze(text, URI, settings());
      const fix = analysis.findings.find((f) => f.code === 'delimiter')!.fix!;
      assert.equal(applyOffsetEdits(text, fix.edits), `Entry Number\n${V0}\n${V1}\n`);
      // Nothing but a column title would go: fix-all rewrites it too, and a second run changes nothing.
      const fixed = applyOffsetEdits(text, fixAllEdits(analysis));
      assert.equal(fixed, `Entry Number\n${V0}\n${V1}\n`);
      assert.deepEqual(fixAllEdits(analyze(fixed, URI, settings())), []);
    });
  }

  it('fix-all leaves a delimited file with other data alone (removing it is a person\'s choice)', () => {
    const text = `Entry Number;Description\n${V0};ACME widgets\n`;
    assert.deepEqual(fixAllEdits(analyze(text, URI, settings())), []);
  });

  it('the delimiter is read from the first line with content: after a BOM, blank lines, spaces and any line break', () => {
    for (const lead of ['', '\ufeff', '\r\n\r\n', '\n \t\n', '\r\r', '\ufeff \r\n']) {
      assert.equal(foreignDelimiter(`${lead}Entry Number;Description\r\n${V0};x\r\n`), ';', JSON.stringify(lead));
      assert.equal(foreignDelimiter(`${lead}Entry Number\tNote\r${V0}\tx`), '\t', JSON.stringify(lead));
      assert.equal(foreignDelimiter(`${lead}Entry Number,Note;x\n`), undefined, JSON.stringify(lead));
    }
    // Only the first 4,096 characters are looked at: a header after that many blank lines is not found.
    assert.equal(foreignDelimiter(`${'\n'.repeat(4096)}Entry Number;Description\n`), undefined);
    assert.equal(foreignDelimiter(`${'\n'.repeat(4000)}Entry Number;Description\n`), ';');
    assert.equal(foreignDelimiter(''), undefined);
    assert.equal(foreignDelimiter(' \r\n\t'), undefined);
  });

  it('a comma file with a semicolon inside a value is not a delimiter problem', () => {
    assert.deepEqual(codesOf(`Entry Number\n${V0}\n`), []);
    assert.ok(!codesOf(`Entry Number,Note\n${V0},"a;b"\n`).includes('0:delimiter'));
  });
});

describe('encodings', () => {
  const text = `Entry Number\r\n${V0}\r\n`;

  it('UTF-16 LE and BE with a BOM, and without one, decode to the same text and classify as a declaration', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    const bare = iconv.encode(text, 'utf-16le');
    for (const [bytes, encoding] of [[le, 'utf-16le'], [be, 'utf-16be'], [bare, 'utf-16le']] as const) {
      const decoded = decodeText(bytes);
      assert.deepEqual(decoded, { text, encoding });
      assert.equal(classifyFile({ name: 'd.csv', head: decoded.text, bytes }).kind, 'declaration');
    }
  });

  it('Windows-1252: 0x92 is the right single quote, and UTF-8 with a BOM keeps the BOM for the bom rule', () => {
    assert.deepEqual(decodeText(Buffer.from([0x41, 0x92, 0x42])), { text: 'A\u2019B', encoding: 'windows-1252' });
    assert.deepEqual(decodeText(Buffer.from('\ufeffEntry Number\n', 'utf8')), { text: '\ufeffEntry Number\n', encoding: 'utf-8' });
  });

  it('plain ASCII (read as a copy of its bytes) decodes exactly as UTF-8 does, control characters and NULs included', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }).map((bytes) => bytes.map((b) => b & 0x7f)), (bytes) => {
      const decoded = decodeText(bytes);
      // Text this NUL-heavy is UTF-16 without a BOM: that reading is tested above.
      if (decoded.encoding !== 'utf-8') return;
      assert.equal(decoded.text, new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes));
    }), { seed: 19, numRuns: 2000 });
    assert.deepEqual(decodeText(Buffer.from('Entry Number\r\nMYK21681165\r\n')), { text: 'Entry Number\r\nMYK21681165\r\n', encoding: 'utf-8' });
  });

  it('the CLI says UTF-16 on the header; plain ASCII decoded as Windows-1252 says nothing', () => {
    const analysis = analyze(text, URI, settings());
    assert.deepEqual(toDiagnostics(withEncoding(analysis, 'utf-16le')).map((d) => `${d.range.start.line}:${d.code}`), ['0:encoding']);
    assert.deepEqual(toDiagnostics(withEncoding(analysis, 'windows-1252')), []);
    const accented = analyze(`Entry Number\n${V0}\nMYK2168116\u00e9\n`, URI, settings());
    assert.ok(toDiagnostics(withEncoding(accented, 'windows-1252')).some((d) => d.code === 'encoding'));
  });

  it('undecoded UTF-16 in an editor: one encoding finding, not one per row', () => {
    const garbled = iconv.encode(text.repeat(50), 'utf-16le').toString('latin1');
    assert.equal(undecodedUtf16(garbled), 'utf-16le');
    const found = codesOf(garbled);
    assert.deepEqual(found, ['0:encoding']);
    assert.equal(undecodedUtf16(text), undefined);
  });
});
