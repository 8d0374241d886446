import * as assert from 'node:assert/strict';
import { analyze, getCodeActions, toDiagnostics } from '../../server/src/service';
import { applyTextEdits, decl, settings, URI, VALID } from '../helpers/service';

function actionsFor(text: string, line: number, only?: string[]) {
  const analysis = analyze(text, URI, settings());
  const diagnostics = toDiagnostics(analysis).filter((d) => d.range.start.line === line);
  return getCodeActions(analysis, diagnostics[0]?.range ?? { start: { line, character: 0 }, end: { line, character: 0 } }, diagnostics, only);
}

describe('code actions', () => {
  it('offers the preferred quick fix of the diagnostic under the cursor', () => {
    const actions = actionsFor(decl(` ${VALID[0]}`), 1, ['quickfix']);
    assert.equal(actions[0].title, 'Remove the spaces');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].diagnostics?.[0].code, 'whitespace');
  });

  it('offers "fix all" of a code when the file has more than one', () => {
    const text = decl(` ${VALID[0]}`, ` ${VALID[1]}`, ` ${VALID[2]}`);
    const all = actionsFor(text, 1, ['quickfix']).find((a) => a.title.startsWith('Fix all 3'))!;
    assert.equal(applyTextEdits(text, all.edit!.changes![URI]), decl(VALID[0], VALID[1], VALID[2]));
  });

  it('removes extra columns from the whole file on request', () => {
    const text = decl(`${VALID[0]},01,2704`, `${VALID[1]},02,2704`);
    const whole = actionsFor(text, 1).find((a) => a.title.startsWith('Remove the extra columns from all'))!;
    assert.equal(applyTextEdits(text, whole.edit!.changes![URI]), decl(VALID[0], VALID[1]));
  });

  it('offers no quick fix for a check-digit error', () => {
    assert.deepEqual(actionsFor(decl('MYK21681164'), 1, ['quickfix']), []);
  });

  it('honours the requested kinds', () => {
    assert.ok(actionsFor(decl(` ${VALID[0]}`), 1, ['source.fixAll']).every((a) => a.kind === 'source.fixAll.cape'));
    assert.ok(actionsFor(decl(` ${VALID[0]}`), 1, ['refactor']).length === 0);
  });
});
