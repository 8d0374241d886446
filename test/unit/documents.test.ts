import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, getHover, isDeclarationDocument } from '../../server/src/service';
import { decl, diagnose, settings, URI, VALID } from '../helpers/service';

const isDecl = (text: string, file = '/w/a.csv', matchesFilesSetting = false) => isDeclarationDocument({ path: file, text, matchesFilesSetting });

describe('which CSVs are declarations', () => {
  it('the exact header, its variants, and a BOM before it', () => {
    for (const header of ['Entry Number', 'ENTRY_NUMBER', ' entry  number ', 'Entry Numbers', 'Entry No.', '\ufeffEntry Number', '"Entry Number"']) {
      assert.ok(isDecl(`${header}\n${VALID[0]}\n`), header);
    }
  });
  it('any *.cape.csv and any file cape.files names, even with a missing header', () => {
    assert.ok(isDecl(`${VALID[0]}\n`, '/w/march.cape.csv'));
    assert.ok(isDecl(`${VALID[0]}\n`, '/w/march.csv', true));
  });
  it('not other CSVs, ES-003 exports or CBP results', () => {
    assert.ok(!isDecl('Importer Name,Port\nAcme,2704\n'));
    assert.ok(!isDecl(`${VALID[0]}\n`));
    assert.ok(!isDecl('Entry Summary Number,Entry Summary Line Number,Line Tariff Duty Amount\n'));
    assert.ok(!isDecl('ENTRY_NUMBER,CLAIM_NUMBER,STATUS,ERROR_DESCRIPTION\n'));
    assert.ok(!isDecl(''));
    assert.ok(!isDecl(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'not-a-declaration.csv'), 'utf8')));
  });
});

describe('parsing and positions', () => {
  it('maps cells exactly with CRLF, LF and lone CR mixed', () => {
    const d = diagnose(`Entry Number\r\n${VALID[0]}\n ${VALID[1]}\r${VALID[2]},x\r\n`);
    assert.deepEqual(d.map((x) => [x.code, x.range.start.line, x.range.start.character, x.range.end.character]), [
      ['whitespace', 2, 0, 12],
      ['extra-column', 3, 11, 13],
    ]);
  });
  it('maps cells after a quoted cell that spans lines, and after non-ASCII text', () => {
    const text = decl(`"${VALID[0]}"`, '"a\nb"', 'é', `${VALID[1]},x`);
    const extra = diagnose(text).find((x) => x.code === 'extra-column')!;
    assert.deepEqual([extra.range.start.line, extra.range.start.character, extra.range.end.character], [5, 11, 13]);
  });
  it('never throws on hostile text', () => {
    for (const text of ['"', '""""', '\u0000\u0000', ',,,\n,,,', '\r\r\r', '"a,b",c\n"', '\ufeff', 'Entry Number\n"\n']) {
      assert.doesNotThrow(() => diagnose(text));
    }
  });
});

describe('hover', () => {
  const hoverAt = (text: string, line: number) => {
    const h = getHover(analyze(text, URI, settings()), { line, character: 2 });
    return h ? (h.contents as { value: string }).value : null;
  };
  it('shows the parts, the check-digit verdict, the position and the normalized form', () => {
    const text = decl(VALID[1], ' myk-2168116-5 ');
    const value = hoverAt(text, 2)!;
    assert.match(value, /MYK-2168116-5/);
    assert.match(value, /entry 2 of 2/);
    assert.match(value, /`MYK` \| `2168116` \| `5` ✓ correct/);
    assert.match(value, /Normalized: `MYK21681165`/);
  });
  it('says what a wrong check digit should be', () => {
    assert.match(hoverAt(decl('MYK21681164'), 1)!, /need 5/);
  });
  it('summarizes the declaration on the header', () => {
    assert.match(hoverAt(decl(...VALID), 0)!, /6 entries/);
  });
  it('is empty on a blank line', () => {
    assert.equal(hoverAt(decl(VALID[0], '', VALID[1]), 2), null);
  });
});

describe('the service stays pure', () => {
  it('imports no Node built-ins and no LSP connection', () => {
    const dir = path.join(__dirname, '..', '..', 'server', 'src', 'service');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    const builtins = /from '(node:|fs|path|os|child_process|http|https|net|url|util|crypto|vscode-languageserver(\/node)?')/;
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      assert.ok(!builtins.test(source), `${file} imports a Node built-in or the LSP connection`);
      assert.ok(!/\brequire\(/.test(source), `${file} calls require`);
    }
  });
});

describe('docs/rules.md', () => {
  it('has one section per diagnostic code, and no section for a code that does not exist', async () => {
    const { ALL_CODES } = await import('../../server/src/service');
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');
    const sections = [...doc.matchAll(/^## (\S+)$/gm)].map((m) => m[1]);
    assert.deepEqual([...sections].sort(), [...ALL_CODES].sort());
  });
});
