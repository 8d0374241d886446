/** The CLI on files saved the ways Excel and other tools really save them (issue 16); inputs generated here. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { runCape } from '../helpers/build';
import { VALID } from '../helpers/service';

const [V0, V1] = VALID;

const cape = (args: string[], cwd: string) => runCape(args, cwd, 30000);

function diagnostics(stdout: string): string[] {
  return JSON.parse(stdout).files.flatMap((f: { path: string; diagnostics: { line: number; code: string }[] }) => f.diagnostics.map((d) => `${f.path}:${d.line}:${d.code}`));
}

describe('cape on real saves', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-saves-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const text = `Entry Number\r\n${V0}\r\n ${V1} \r\n`;
  const saves: [string, Buffer, string][] = [
    ['UTF-16 LE with a BOM ("Unicode Text")', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]), 'UTF-16 LE'],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]), 'UTF-16 BE'],
    ['UTF-16 LE without a BOM', iconv.encode(text, 'utf-16le'), 'UTF-16 LE'],
  ];
  for (const [name, bytes, label] of saves) {
    it(`${name}: checked as text with one encoding warning; cape fix re-saves it as UTF-8`, () => {
      fs.writeFileSync(path.join(tmp, 'd.csv'), bytes);
      const r = cape(['check', 'd.csv', '--format', 'json'], tmp);
      assert.deepEqual(diagnostics(r.stdout), ['d.csv:1:encoding', 'd.csv:3:whitespace']);
      assert.match(JSON.parse(r.stdout).files[0].diagnostics[0].message, new RegExp(label));
      const fixed = cape(['fix', 'd.csv'], tmp);
      assert.equal(fixed.status, 0, fixed.stderr);
      assert.match(fixed.stdout, /re-saved as UTF-8/);
      assert.equal(fs.readFileSync(path.join(tmp, 'd.csv'), 'utf8'), `Entry Number\r\n${V0}\r\n${V1}\r\n`);
    });
  }

  it('Windows-1252: byte 0x92 is reported as U+2019, not U+0092', () => {
    fs.writeFileSync(path.join(tmp, 'd.csv'), Buffer.concat([Buffer.from(`Entry Number\r\n${V0}\r\n${V1}`), Buffer.from([0x92]), Buffer.from('\r\n')]));
    const r = cape(['check', 'd.csv', '--format', 'json'], tmp);
    const messages = JSON.parse(r.stdout).files[0].diagnostics.map((d: { message: string }) => d.message).join('\n');
    assert.match(messages, /U\+2019/);
    assert.doesNotMatch(messages, /U\+0092/);
    assert.match(messages, /Windows-1252/);
  });

  for (const [name, d] of [['semicolon', ';'], ['tab', '\t']] as const) {
    it(`a ${name}-delimited save: one delimiter error, the entries checked; cape fix rewrites it comma-separated`, () => {
      fs.writeFileSync(path.join(tmp, 'd.csv'), `Entry Number${d}Note\r\n${V0}${d}\r\n${V1.toLowerCase()}${d}\r\n`);
      const r = cape(['check', 'd.csv', '--format', 'json'], tmp);
      assert.deepEqual(diagnostics(r.stdout), ['d.csv:1:delimiter', 'd.csv:3:lowercase']);
      const fixed = cape(['fix', 'd.csv'], tmp);
      assert.equal(fixed.status, 0, fixed.stderr);
      assert.equal(fs.readFileSync(path.join(tmp, 'd.csv'), 'utf8'), `Entry Number\r\n${V0}\r\n${V1}\r\n`);
    });
  }

  it('a PDF renamed .csv: one not-csv error naming it', () => {
    fs.writeFileSync(path.join(tmp, 'd.csv'), Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\n', 'latin1'));
    const r = cape(['check', 'd.csv', '--format', 'json'], tmp);
    assert.deepEqual(diagnostics(r.stdout), ['d.csv:1:not-csv']);
    assert.match(r.stdout, /PDF document/);
    assert.match(r.stdout, /Save As > \\"CSV \(Comma delimited\)/);
  });

  it('an old .xls workbook: one not-csv error that says to save it as .xlsx (read directly), not through the CSV export', () => {
    const ole2 = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole2);
    fs.writeFileSync(path.join(tmp, 'entries.xls'), ole2);
    const r = cape(['check', 'entries.xls', '--format', 'json'], tmp);
    assert.deepEqual(diagnostics(r.stdout), ['entries.xls:1:not-csv']);
    assert.match(r.stdout, /old Excel \.xls workbook/);
    assert.match(r.stdout, /Save As > \\"Excel Workbook \(\*\.xlsx\)\\" and check that file/);
  });

  it('a 50 MB file with no line break is refused early with file-too-large, in well under a second of work', () => {
    fs.writeFileSync(path.join(tmp, 'd.csv'), 'Entry Number\n' + 'x,'.repeat(25_000_000));
    const started = Date.now();
    const r = cape(['check', 'd.csv', '--format', 'json'], tmp);
    assert.deepEqual(diagnostics(r.stdout), ['d.csv:1:file-too-large']);
    assert.match(r.stdout, /over the 4 million/);
    assert.ok(Date.now() - started < 20000);
  });
});
