import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, fixAllText, getCodeActions, FIX_ALL_KIND, isValidEntryNumber } from '../../server/src/service';
import { applyTextEdits, decl, diagnose, settings, URI, VALID } from '../helpers/service';

const examples = path.join(__dirname, '..', '..', 'examples');
const fixAll = (text: string, overrides = {}) => fixAllText(analyze(text, URI, settings(overrides)));

describe('fix all (source.fixAll.cape and cape fix)', () => {
  it('repairs the damaged example to the expected text and leaves what needs a person', () => {
    const damaged = fs.readFileSync(path.join(examples, 'damaged-declaration.csv'), 'utf8');
    const expected = [
      'Entry Number', 'MYK21681165', 'BII26662403', 'EJ445632006', '00200130003', '01326110317', '2.61103E+10',
      'A7K64546569', 'MYK80821769', '9Q297367120', 'EJ401157121', '9Q218424962', '31601852168', 'A7K5225920', 'MYK86469043',
    ].map((l) => l + '\r\n').join('');
    assert.equal(fixAll(damaged), expected);
    assert.deepEqual(diagnose(expected).map((d) => d.code), ['scientific-notation', 'check-digit', 'entry-length']);
  });

  it('is idempotent', () => {
    const damaged = fs.readFileSync(path.join(examples, 'damaged-declaration.csv'), 'utf8');
    const once = fixAll(damaged);
    assert.equal(fixAll(once), once);
  });

  it('inserts a missing header, drops a BOM and blank lines, keeps CRLF', () => {
    assert.equal(fixAll(`\ufeff${VALID[0]}\r\n\r\n ${VALID[1]}\r\n`), `Entry Number\r\n${VALID[0]}\r\n${VALID[1]}\r\n`);
  });

  it('never touches extra columns, check digits, lengths, charset or scientific notation', () => {
    const text = decl(`${VALID[0]},foo`, 'MYK21681164', 'MYK2168', 'MYK2168#165', '2.61103E+10');
    assert.equal(fixAll(text), text);
  });

  it('pads lost zeros only when the check digit confirms them', () => {
    assert.equal(fixAll(decl('200130003', '200130004')), decl('00200130003', '200130004'));
  });

  it('removes a duplicate that only zero padding reveals', () => {
    assert.equal(fixAll(decl('00200130003', '200130003')), decl('00200130003'));
  });

  it('keeps every valid entry', () => {
    const text = decl(...VALID, ` ${VALID[0].toLowerCase()}`, '', 'MYK-2168116-5');
    const valid = (t: string) => new Set(t.split(/\r?\n/).filter(isValidEntryNumber));
    assert.deepEqual(valid(fixAll(text)), valid(text));
  });

  it('with a quote left open, adds or removes no quote: the lines after it stay entries', () => {
    // Removing the stray quote after `b` would pair the other two and swallow the entry between them.
    const text = `,"a\nb"\n${VALID[0]},"\n`;
    const fixed = fixAll(text);
    assert.equal([...fixed].filter((c) => c === '"').length, 3);
    assert.ok(analyze(fixed, URI, settings()).model.entries.some((e) => e.facts.key === VALID[0]));
    assert.equal(fixAll(fixed), fixed);
    // Quick fixes likewise: no fix that drops the stray quote, fixes that keep it stay.
    const fixes = new Map(analyze(text, URI, settings()).findings.map((f) => [f.code, f.fix]));
    assert.equal(fixes.get('quoted'), undefined);
    assert.equal(fixes.get('extra-column'), undefined);
    assert.deepEqual(fixes.get('lowercase')?.edits, [{ start: 4, end: 6, newText: 'B"' }]);
  });

  it('skips codes turned off in cape.rules', () => {
    const text = decl(` ${VALID[0]}`, VALID[0]);
    assert.equal(fixAll(text, { rules: { duplicate: 'off' } }), decl(VALID[0], VALID[0]));
  });

  it('is offered as the source.fixAll.cape code action, whose edit gives the same text', () => {
    const text = decl(` ${VALID[0]}`, '', VALID[0]);
    const analysis = analyze(text, URI, settings());
    const actions = getCodeActions(analysis, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [FIX_ALL_KIND]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, FIX_ALL_KIND);
    assert.equal(applyTextEdits(text, actions[0].edit!.changes![URI]), fixAll(text));
  });
});
