/**
 * The workspace index's compact parts: keys read straight from a file's text must be the keys the
 * full model gives, and the typed-array hash table must behave like a Map through any mix of
 * insertions and deletions (collisions and wrap-around included).
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, declarationKeys, DEFAULT_SETTINGS, keysOfModel, WorkspaceIndex } from '../../server/src/service';
import { CodeTable, forEachRepeat, KeyCodes, packEntryKey } from '../../server/src/service/codeTable';
import { randomDeclaration, seeded, uniqueDeclaration, validEntry } from '../helpers/generate';
import { decl, VALID } from '../helpers/service';

function sameKeys(text: string): void {
  // The model analyze builds (a `;` or tab save is read with commas in their place).
  const model = analyze(text, 'file:///k.csv', DEFAULT_SETTINGS).model;
  const expected = keysOfModel(model);
  const actual = declarationKeys(text);
  const shown = JSON.stringify(text.slice(0, 200));
  assert.deepEqual([...actual.oddKeys], [...expected.oddKeys], shown);
  assert.deepEqual([...actual.lines], [...expected.lines], shown);
  assert.deepEqual([...actual.codes], [...expected.codes], shown);
  // Every code is its entry's key packed; the keys a code cannot stand for are the odd ones, kept as text.
  const modelKeys = model.entries.filter((e) => e.facts.key.length === 11 && !e.facts.scientific).map((e) => e.facts.key);
  assert.deepEqual([...actual.codes], modelKeys.map(packEntryKey), shown);
  assert.deepEqual([...actual.oddKeys.values()], modelKeys.filter((k) => packEntryKey(k) < 0), shown);
}

describe('declaration keys without the model', () => {
  it('match the model on damaged declarations, every line ending, with and without a BOM', () => {
    for (let seed = 1; seed <= 40; seed++) {
      for (const eol of ['\r\n', '\n', '\r']) {
        const { text } = randomDeclaration(300, seed, 0.3, 0.1, eol);
        sameKeys(text);
        sameKeys('\ufeff' + text);
        sameKeys(text.replace(/^Entry Number/, '')); // no header: the first row is an entry
      }
    }
  });

  it('match the model on quote-free texts read line by line (any line breaks, commas, blanks, delimiters)', () => {
    const piece = fc.constantFrom(...VALID, 'Entry Number', 'entry number;Note', 'Entry Number\tX', ',', ' ', '\t', '\n', '\r\n', '\r', 'x', '261103162', 'myk-2168116-5', '\u00a0');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => sameKeys(parts.join(''))), { numRuns: 3000, seed: 19 });
  });

  it('match the model for headers that look like entries, blank rows and short files', () => {
    for (const text of [
      'ENTRYNUMBER\nMYK21681165\n', // an 11-character header variant
      'MYK21681165\nBII26662403', '\n\n \t\nEntry Number\n\nMYK21681165\n', 'Entry Number', '', '\ufeff',
      'Entry Number,\n,\nMYK21681165,x\n', 'Totals\nmyk-2168116-5\n', '2.61103E+10\n12345678E10\n',
    ]) sameKeys(text);
  });

  it('match the model on arbitrary text (quotes take the model path)', () => {
    const cell = fc.oneof(fc.constantFrom(...VALID, '', ' ', 'Entry Number', '"', '"MYK21681165"', 'myk21681165', '\u00a0'), fc.string({ maxLength: 14 }));
    const line = fc.array(cell, { maxLength: 3 }).map((cells) => cells.join(','));
    const text = fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 30 }).map((lines) => lines.map(([l, e]) => l + e).join(''));
    fc.assert(fc.property(text, sameKeys), { seed: 8, numRuns: 500 });
  });
});

describe('key codes', () => {
  it('pack every entry-number shape into distinct exact integers, and nothing else', () => {
    const seen = new Map<number, string>();
    for (const key of [...VALID, '00000000000', 'ZZZ99999999', '000000000001'.slice(1), 'A0000000000', '0A000000000'.replace('A', 'Z')]) {
      const code = packEntryKey(key);
      assert.ok(Number.isSafeInteger(code) && code >= 0, key);
      assert.ok(!seen.has(code) || seen.get(code) === key, `${key} collides with ${seen.get(code)}`);
      seen.set(code, key);
    }
    for (const key of ['MYK2168116A', 'myk21681165', 'MYK2168116', 'MYK-2168116', '#YK21681165']) assert.equal(packEntryKey(key), -1, key);
    const codes = new KeyCodes();
    assert.equal(codes.codeOf('ABCDEFGHIJK', false), undefined, 'an unseen odd key has no code yet');
    const odd = codes.codeOf('ABCDEFGHIJK', true)!;
    assert.equal(codes.codeOf('ABCDEFGHIJK', false), odd);
    assert.notEqual(codes.codeOf('ABCDEFGHIJL', true), odd);
  });

  it('repeats are found with their first position, as a Map of first positions finds them', () => {
    const code = fc.oneof(fc.integer({ min: -1, max: 30 }).map((n) => (n < 0 ? -1 : n * 4.6e10)), fc.integer({ min: 0, max: 2 ** 20 }).map((n) => 1e13 + n));
    fc.assert(fc.property(fc.array(code, { maxLength: 300 }), (list) => {
      const expected: [number, number][] = [];
      const first = new Map<number, number>();
      list.forEach((c, i) => {
        if (c < 0) return;
        if (first.has(c)) expected.push([i, first.get(c)!]);
        else first.set(c, i);
      });
      const actual: [number, number][] = [];
      forEachRepeat(Float64Array.from(list), (i, f) => actual.push([i, f]));
      assert.deepEqual(actual, expected);
    }), { seed: 5, numRuns: 500 });
  });

  it('the table behaves like a Map through random puts, sets and deletes', () => {
    const op = fc.tuple(fc.constantFrom('put', 'set', 'delete', 'get'), fc.integer({ min: 0, max: 40 }), fc.nat({ max: 1000 }));
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const table = new CodeTable(4); // tiny: growth, collisions and wrap-around all happen
      const model = new Map<number, number>();
      for (const [kind, small, value] of ops) {
        const code = small * 4.6e10; // large codes, as real ones are
        if (kind === 'put') {
          assert.equal(table.putIfAbsent(code, value), model.get(code));
          if (!model.has(code)) model.set(code, value);
        } else if (kind === 'set') {
          table.set(code, value);
          model.set(code, value);
        } else if (kind === 'delete') assert.equal(table.delete(code), model.delete(code));
        else assert.equal(table.get(code), model.get(code));
        assert.equal(table.size, model.size);
      }
      for (const [code, value] of model) assert.equal(table.get(code), value);
    }), { seed: 3, numRuns: 300 });
  });

  it('many codes at once (region by region) land as one putIfAbsent after another would put them', () => {
    // Past 65,536 codes the bulk path sorts by table region; below it codes go in as they come.
    for (const [groups, perGroup, distinct] of [[12, 9000, 40000], [5, 50, 120], [3, 30000, 1000], [40, 9000, 200000], [2, 300000, 500000]]) {
      const random = seeded(groups * perGroup);
      const lists = Array.from({ length: groups }, () => Float64Array.from({ length: perGroup }, () => Math.floor(random() * distinct) * 4.6e7 + 1));
      const values = lists.map((_, g) => g * 3);
      const sequential = new CodeTable(4);
      sequential.putIfAbsent(2, 99); // a code already held before the batch
      const expected: string[] = [];
      lists.forEach((codes, g) => codes.forEach((code) => {
        const existing = sequential.putIfAbsent(code, values[g]);
        if (existing !== undefined) expected.push(`${code}:${values[g]}:${existing}`);
      }));
      const bulk = new CodeTable(4);
      bulk.putIfAbsent(2, 99);
      const actual: string[] = [];
      bulk.putAllIfAbsent(lists, values, (code, value, existing) => actual.push(`${code}:${value}:${existing}`));
      assert.equal(bulk.size, sequential.size);
      for (const codes of lists) for (const code of codes) assert.equal(bulk.get(code), sequential.get(code));
      assert.equal(bulk.get(2), 99);
      // Every repeat is reported once, and a code's repeats in the order given.
      const byCode = (list: string[]) => list.filter((r) => r.startsWith(`${lists[0][0]}:`));
      assert.deepEqual([...actual].sort(), [...expected].sort());
      assert.deepEqual(byCode(actual), byCode(expected));
    }
  });

  it('a batch of declarations indexes as the same files indexed one by one, and takes later edits the same way', () => {
    const random = seeded(11);
    const pool = [...VALID, 'ABCDEFGHIJK', 'ABCDEFGHIJL', ...Array.from({ length: 40 }, () => validEntry(random))];
    const uris = Array.from({ length: 30 }, (_, i) => `file:///batch/d${i}.csv`);
    const textOf = () => decl(...Array.from({ length: Math.floor(random() * 12) }, () => (random() < 0.1 ? '' : pool[Math.floor(random() * pool.length)])));
    const texts = uris.map(textOf);
    // One large file pushes the batch past the bulk path's threshold.
    texts[7] = uniqueDeclaration(70000, 7, 7, 0.01).text + pool.slice(0, 5).join('\r\n');
    const one = new WorkspaceIndex();
    uris.forEach((uri, i) => one.setDeclarationKeys(uri, declarationKeys(texts[i])));
    const many = new WorkspaceIndex();
    many.setDeclarationKeysOfMany(uris.map((uri, i) => ({ uri, keys: declarationKeys(texts[i]) })));
    const same = (step: string) => {
      for (const uri of [...uris, 'file:///unsaved.csv']) {
        for (const key of pool) assert.deepEqual(many.occurrencesElsewhere(key, uri), one.occurrencesElsewhere(key, uri), `${step}: ${key} from ${uri}`);
        assert.deepEqual([...(many.sharedCodesOf(uri) ?? [])].sort(), [...(one.sharedCodesOf(uri) ?? [])].sort(), `${step}: ${uri}`);
        const test = many.sharedKeyTest(uri);
        for (const key of pool) assert.equal(test?.(key), one.sharedKeyTest(uri)?.(key), `${step}: ${key} in ${uri}`);
      }
      assert.equal(many.entryCount, one.entryCount);
      assert.deepEqual(many.declarationUris(), one.declarationUris());
    };
    same('after the batch');
    for (let step = 0; step < 20; step++) {
      const uri = uris[Math.floor(random() * uris.length)];
      if (random() < 0.3) {
        one.remove(uri);
        many.remove(uri);
      } else {
        const text = textOf();
        one.setDeclarationKeys(uri, declarationKeys(text));
        many.setDeclarationKeys(uri, declarationKeys(text));
      }
      same(`after edit ${step}`);
    }
    // A batch naming a file already indexed (or one file twice) is indexed file by file, to the same answers.
    const again = [{ uri: uris[0], keys: declarationKeys(texts[1]) }, { uri: 'file:///batch/new.csv', keys: declarationKeys(texts[0]) }, { uri: 'file:///batch/new.csv', keys: declarationKeys(texts[2]) }];
    many.setDeclarationKeysOfMany(again);
    for (const { uri, keys } of again) one.setDeclarationKeys(uri, keys);
    same('after a batch over indexed files');
  });

  it('keys that are not entry-number shaped are still found across files', () => {
    const index = new WorkspaceIndex();
    index.setDeclarationKeys('file:///a.csv', declarationKeys(decl('ABCDEFGHIJK', VALID[0])));
    index.setDeclarationKeys('file:///b.csv', declarationKeys(decl(VALID[1], 'ABCDEFGHIJK')));
    assert.deepEqual(index.occurrencesElsewhere('ABCDEFGHIJK', 'file:///b.csv'), [{ uri: 'file:///a.csv', line: 1 }]);
    assert.deepEqual(index.occurrencesElsewhere('ABCDEFGHIJL', 'file:///b.csv'), []);
    index.remove('file:///a.csv');
    assert.deepEqual(index.occurrencesElsewhere('ABCDEFGHIJK', 'file:///c.csv'), [{ uri: 'file:///b.csv', line: 2 }]);
  });

  it('through random edits, moves, replacements and removals: the same answers as a fresh index, and each file\'s shared-key test agrees', () => {
    const uris = ['file:///a.csv', 'file:///b.csv', 'file:///c.csv'];
    const pool = [...VALID.slice(0, 4), 'ABCDEFGHIJK'];
    // A file's rows: picks from the pool, some rows blank (so the same entries move between lines).
    const rows = fc.array(fc.oneof(fc.nat({ max: pool.length - 1 }), fc.constant(-1)), { maxLength: 6 });
    const op = fc.tuple(fc.nat({ max: 2 }), fc.option(rows, { nil: undefined, freq: 5 }));
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const index = new WorkspaceIndex();
      const texts = new Map<string, string>();
      for (const [file, picks] of ops) {
        if (picks === undefined) {
          index.remove(uris[file]);
          texts.delete(uris[file]);
        } else {
          const text = decl(...picks.map((i) => (i < 0 ? '' : pool[i])));
          index.setDeclarationKeys(uris[file], declarationKeys(text));
          texts.set(uris[file], text);
        }
        const fresh = new WorkspaceIndex();
        for (const [uri, text] of texts) fresh.setDeclarationKeys(uri, declarationKeys(text));
        for (const uri of [...uris, 'file:///unsaved.csv']) {
          for (const key of pool) {
            const sorted = (o: { uri: string; line: number }[]) => [...o].sort((x, y) => x.uri.localeCompare(y.uri));
            assert.deepEqual(sorted(index.occurrencesElsewhere(key, uri)), sorted(fresh.occurrencesElsewhere(key, uri)), `${key} from ${uri}`);
          }
          const test = index.sharedKeyTest(uri);
          if (!index.has(uri)) {
            assert.equal(test, undefined);
            continue;
          }
          for (const key of pool) assert.equal(test!(key), index.occurrencesElsewhere(key, uri).length > 0, `${key} in ${uri}`);
        }
      }
    }), { seed: 5, numRuns: 300 });
  });
});
