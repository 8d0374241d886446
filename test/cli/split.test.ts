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
    // Sources: each part's source files, relative to the manifest (the parts and their sources are one family).
    assert.equal(manifest, `Part File,Entries,SHA-256,Warnings,Sources\r\ndamaged-upload-part1-of-1.csv,11,${createHash('sha256').update(part).digest('hex')},,../damaged.csv\r\n`);
    const excluded = fs.readFileSync(path.join(out, 'excluded.csv'), 'utf8').trim().split('\r\n').slice(1);
    assert.deepEqual(excluded.map((l) => l.split(',').slice(1, 2)[0]), ['7', '10', '11', '13', '16']);
    assert.equal(11 + excluded.length, 16, 'the 15 entries and the blank line');
  });

  it('prepare of several declarations, anywhere: the parts and every source are one family, so check finds no duplicates between them', () => {
    for (const outDir of [undefined, path.join('uploads', 'march')]) {
      const dir = fs.mkdtempSync(path.join(tmp, 'family-'));
      fs.writeFileSync(path.join(dir, 'a.csv'), decl(VALID[0], VALID[1]));
      fs.writeFileSync(path.join(dir, 'b.csv'), decl(VALID[2], VALID[1]));
      // c's only entry is a's too: c is still a source (its duplicate was left out in favour of a's).
      fs.writeFileSync(path.join(dir, 'c.csv'), decl(VALID[0]));
      const r = cape(['prepare', 'a.csv', 'b.csv', 'c.csv', ...(outDir ? ['--out-dir', outDir] : [])], dir);
      assert.equal(r.status, 0, r.stderr);
      const up = outDir ? '../../' : '../';
      const manifest = fs.readFileSync(path.join(dir, outDir ?? 'a-upload', 'manifest.csv'), 'utf8');
      assert.ok(manifest.endsWith(`,${up}a.csv | ${up}b.csv | ${up}c.csv\r\n`), manifest);
      const checked = cape(['check', '.', '--format', 'json'], dir);
      assert.equal(checked.status, 0, checked.stdout + checked.stderr);
      const files = JSON.parse(checked.stdout).files as { path: string; diagnostics: { code: string; severity: string }[] }[];
      assert.ok(files.every((f) => !f.diagnostics.some((d) => d.code === 'duplicate-in-workspace')), checked.stdout);
      // Each source is told to upload the parts instead.
      for (const name of ['a.csv', 'b.csv', 'c.csv']) assert.ok(files.find((f) => f.path === name)?.diagnostics.some((d) => d.code === 'split-source' && d.severity === 'info'), name);
      // A source changed after prepare: the parts hold an entry no source holds any more, and each source says so.
      fs.writeFileSync(path.join(dir, 'b.csv'), decl(VALID[1]));
      const drifted = JSON.parse(cape(['check', '.', '--format', 'json'], dir).stdout).files as { path: string; diagnostics: { code: string; severity: string; message: string }[] }[];
      const note = drifted.find((f) => f.path === 'b.csv')!.diagnostics.find((d) => d.code === 'split-source')!;
      assert.equal(note.severity, 'warning');
      assert.match(note.message, /holds an entry its sources no longer do/);
    }
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
