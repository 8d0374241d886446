import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runCape } from '../helpers/build';
import { randomDeclaration } from '../helpers/generate';
import { decl, VALID } from '../helpers/service';

const cape = (args: string[], cwd: string) => runCape(args, cwd);

describe('cape split and cape prepare', () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cape-split-'))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('split writes <stem>-partK-of-N.csv beside the source and leaves it untouched', () => {
    const { text, rows } = randomDeclaration(10500, 3, 0.05, 0.01);
    fs.writeFileSync(path.join(tmp, 'master.csv'), text);
    const r = cape(['split', 'master.csv'], tmp);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['master-part1-of-2.csv', 'master-part2-of-2.csv', 'master.csv']);
    assert.equal(fs.readFileSync(path.join(tmp, 'master.csv'), 'utf8'), text);
    const part2 = fs.readFileSync(path.join(tmp, 'master-part2-of-2.csv'), 'utf8');
    assert.equal(part2, 'Entry Number\r\n' + rows.filter((x) => x !== '').slice(9999).join('\r\n') + '\r\n');
  });

  it('split --max and --out-dir', () => {
    fs.writeFileSync(path.join(tmp, 'm.cape.csv'), decl(...VALID));
    assert.equal(cape(['split', 'm.cape.csv', '--max', '4', '--out-dir', 'parts'], tmp).status, 0);
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'parts')).sort(), ['m-part1-of-2.cape.csv', 'm-part2-of-2.cape.csv']);
  });

  it('split refuses to overwrite: exit 2 naming the file, nothing written', () => {
    fs.writeFileSync(path.join(tmp, 'm.csv'), decl(...VALID));
    fs.writeFileSync(path.join(tmp, 'm-part2-of-2.csv'), 'mine');
    const r = cape(['split', 'm.csv', '--max', '3'], tmp);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /m-part2-of-2\.csv already exists; nothing written/);
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['m-part2-of-2.csv', 'm.csv']);
    assert.equal(fs.readFileSync(path.join(tmp, 'm-part2-of-2.csv'), 'utf8'), 'mine');
  });

  it('split: usage errors exit 2', () => {
    fs.writeFileSync(path.join(tmp, 'm.csv'), decl(...VALID));
    assert.equal(cape(['split', 'm.csv', '--max', '10000'], tmp).status, 2);
    assert.equal(cape(['split', 'm.csv', '--max', 'x'], tmp).status, 2);
    assert.equal(cape(['split'], tmp).status, 2);
    assert.equal(cape(['split', 'nope.csv'], tmp).status, 2);
  });

  it('prepare writes parts, manifest.csv with SHA-256 and excluded.csv accounting for every row', () => {
    fs.copyFileSync(path.join(ROOT, 'examples', 'damaged-declaration.csv'), path.join(tmp, 'damaged.csv'));
    const r = cape(['prepare', 'damaged.csv'], tmp);
    assert.equal(r.status, 0, r.stderr);
    const out = path.join(tmp, 'damaged-upload');
    assert.deepEqual(fs.readdirSync(out).sort(), ['damaged-upload-part1-of-1.csv', 'excluded.csv', 'manifest.csv']);
    const part = fs.readFileSync(path.join(out, 'damaged-upload-part1-of-1.csv'), 'utf8');
    const manifest = fs.readFileSync(path.join(out, 'manifest.csv'), 'utf8');
    assert.equal(manifest, `Part File,Entries,SHA-256,Warnings\r\ndamaged-upload-part1-of-1.csv,11,${createHash('sha256').update(part).digest('hex')},\r\n`);
    const excluded = fs.readFileSync(path.join(out, 'excluded.csv'), 'utf8').trim().split('\r\n').slice(1);
    assert.deepEqual(excluded.map((l) => l.split(',').slice(1, 2)[0]), ['7', '10', '11', '13', '16']);
    assert.equal(11 + excluded.length, 16, 'the 15 entries and the blank line');
  });

  it('prepare refuses when an output exists', () => {
    fs.writeFileSync(path.join(tmp, 'a.csv'), decl(VALID[0]));
    fs.mkdirSync(path.join(tmp, 'out'));
    fs.writeFileSync(path.join(tmp, 'out', 'manifest.csv'), 'mine');
    const r = cape(['prepare', 'a.csv', '--out-dir', 'out'], tmp);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /manifest\.csv already exists/);
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'out')), ['manifest.csv']);
  });
});
