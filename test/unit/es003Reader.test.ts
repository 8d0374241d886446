/**
 * The streaming ES-003 reader gives csv-parse the one line break a file uses, checking every chunk
 * before csv-parse sees it; a file that mixes breaks is read again with all three. Whatever the
 * breaks and wherever they fall against the 64 KB chunks, the result must be what csv-parse with all
 * three delimiters gives.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { readEs003 } from '../../server/src/es003Reader';
import { Es003Aggregator } from '../../server/src/service';
import { VALID } from '../helpers/service';
import { es003Text } from '../helpers/es003';

const CHUNK = 64 * 1024; // fs.createReadStream's default chunk

function expected(text: string): Es003Aggregator {
  const aggregator = new Es003Aggregator('file:///e.csv');
  const records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  records.forEach((record, line) => aggregator.addRow(record, line));
  return aggregator;
}

/** An export a little over three chunks long, CRLF throughout, with a CRLF straddling the first chunk boundary. */
function bigExport(): string {
  const rows = Array.from({ length: 1800 }, (_, i) => ({ entry: VALID[i % VALID.length], hts: i % 2 ? '9903.01.25' : '8471.30.0100', duty: i === 5 ? '$1,001.25' : `$${(i % 97) + 1}.25` }));
  const text = es003Text(rows);
  const after = text.indexOf('\r\n', CHUNK - 200);
  // Pad the header's last name (spaces do not change the column it names) so that a CR ends chunk one.
  const pad = ' '.repeat(CHUNK - 1 - after);
  return text.replace('Payment Date\r\n', `Payment Date${pad}\r\n`);
}

describe('ES-003 streaming reader', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-es003-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function same(name: string, text: string): Promise<void> {
    const file = path.join(dir, `${name}.csv`);
    fs.writeFileSync(file, text);
    const actual = await readEs003(file, 'file:///e.csv');
    const wanted = expected(text);
    assert.equal(actual.rows, wanted.rows, name);
    assert.deepEqual(actual.problems, wanted.problems, name);
    assert.deepEqual([...actual.facts.entries()], [...wanted.facts.entries()], name);
    assert.ok(actual.rows > 0, name);
  }

  it('reads the same records as all three delimiters would, whatever line breaks a file uses', async () => {
    const base = bigExport();
    assert.equal(base[CHUNK - 1], '\r', 'a CRLF straddles the first chunk boundary');
    assert.equal(base[CHUNK], '\n');
    const lineAt = (offset: number) => base.indexOf('\r\n', offset);
    const variants: Record<string, string> = {
      crlf: base,
      lf: base.replace(/\r\n/g, '\n'),
      cr: base.replace(/\r\n/g, '\r'),
      bom: '\ufeff' + base,
      'lone LF in a later chunk': base.slice(0, lineAt(150000)) + '\n' + base.slice(lineAt(150000) + 2),
      'lone CR in a later chunk': base.slice(0, lineAt(150000)) + '\r' + base.slice(lineAt(150000) + 2),
      'lone LF opening the second chunk': base.slice(0, CHUNK - 1) + base.slice(CHUNK),
      'lone CR ending the first chunk': base.slice(0, CHUNK) + 'x' + base.slice(CHUNK + 1),
      'CRLF in a file of LFs': base.replace(/\r\n/g, '\n').replace(/\n(?=[^\n]*$)/, '\r\n'),
      'a lone CR at the very end': base + 'x\r',
      'a quoted cell across a CRLF': base.replace('"$1,001.25"', '"$1,001.25\r\nmore"'),
      'a quoted cell across an LF': base.replace('"$1,001.25"', '"$1,001.25\nmore"'),
    };
    for (const [name, text] of Object.entries(variants)) {
      if (name !== 'crlf') assert.notEqual(text, base, name);
      await same(name, text);
    }
  });

  it('a missing file is an error, not a stalled read', async () => {
    await assert.rejects(readEs003(path.join(dir, 'missing.csv'), 'file:///missing.csv'));
  });
});

describe('the ES-003 reader on UTF-16 and Windows-1252 saves', () => {
  it('decodes as it streams: the same facts as the UTF-8 text, across chunk boundaries', async () => {
    const { encode } = await import('iconv-lite');
    const rows = Array.from({ length: 3000 }, (_, i) => ({ entry: VALID[i % VALID.length], importer: `Importer ${i}`, duty: '$1,000.00' }));
    const text = es003Text(rows);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-es003-enc-'));
    try {
      for (const [encoding, bytes] of [
        ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), encode(text, 'utf-16le')])],
        ['win1252', encode(text, 'win1252')],
      ] as const) {
        const file = path.join(dir, `${encoding}.csv`);
        fs.writeFileSync(file, bytes);
        assert.ok(bytes.length > CHUNK, 'spans several chunks');
        const read = await readEs003(file, 'file:///e.csv', undefined, undefined, encoding);
        const want = expected(text);
        assert.deepEqual([...read.facts.values()].map((f) => [f.key, f.ieepaDutyCents]), [...want.facts.values()].map((f) => [f.key, f.ieepaDutyCents]), encoding);
        assert.equal(read.rows, want.rows);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
