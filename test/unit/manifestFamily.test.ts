/**
 * Upload manifests (prepare's manifest.csv) name each part's sources: the parts and every source are
 * one family wherever the parts were written, so the parts are not duplicates of their sources.
 */
import * as assert from 'node:assert/strict';
import { analyze, classifyFile, declarationKeys, manifestCsv, parseManifest, prepareUpload, toDiagnostics, withWorkspace, WorkspaceIndex } from '../../server/src/service';
import { decl, settings, VALID } from '../helpers/service';

const [V0, V1, V2, V3] = VALID;

/** Files as prepare leaves them: the sources, then the parts and manifest in `folder`. */
function prepared(sources: Record<string, string>, folder: string, manifestUri = `${folder}manifest.csv`) {
  const inputs = Object.entries(sources).map(([uri, text]) => ({ source: uri, uri, text }));
  const upload = prepareUpload(inputs, settings(), (i, n) => `up-part${i}-of-${n}.csv`, 2);
  const parts = Object.fromEntries(upload.parts.map((p) => [`${folder}${encodeURIComponent(p.name)}`, p.text]));
  return { parts, manifest: manifestCsv(upload.parts, () => 'hash', [], { manifestUri, partSources: upload.partSources }), partSources: upload.partSources };
}

function indexOf(files: Record<string, string>, manifests: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [uri, text] of Object.entries(files)) index.setDeclarationKeys(uri, declarationKeys(text));
  for (const [uri, text] of Object.entries(manifests)) index.setManifest(uri, text);
  return index;
}

const codes = (index: WorkspaceIndex, uri: string, text: string) => toDiagnostics(withWorkspace(analyze(text, uri, settings()), index, '2026-12-01')).map((d) => `${d.range.start.line}:${d.code}`);

describe('upload manifests', () => {
  const sources = { 'file:///w/a.csv': decl(V0, V1, V2), 'file:///w/b%20c.csv': decl(V3, V1) };

  it('name each part\'s sources, relative to the manifest, and are classified as manifests', () => {
    const { manifest, partSources } = prepared(sources, 'file:///w/out/march/');
    // Part 1 holds V0 and V1 from a, and b's V1 was left out as their duplicate: b holds part 1's entries too.
    assert.deepEqual(partSources, [['file:///w/a.csv', 'file:///w/b%20c.csv'], ['file:///w/a.csv', 'file:///w/b%20c.csv']]);
    assert.equal(manifest, 'Part File,Entries,SHA-256,Warnings,Sources\r\nup-part1-of-2.csv,2,hash,,../../a.csv | ../../b c.csv\r\nup-part2-of-2.csv,2,hash,,../../a.csv | ../../b c.csv\r\n');
    assert.equal(classifyFile({ name: 'manifest.csv', head: manifest }).kind, 'manifest');
    // cape build's manifest names no sources: a manifest still, but no family.
    const built = 'Part File,Entries,SHA-256,Warnings\r\nx-part1-of-1.csv,1,hash,\r\n';
    assert.equal(classifyFile({ name: 'manifest.csv', head: built }).kind, 'manifest');
    assert.equal(parseManifest(built, 'file:///w/manifest.csv'), undefined);
    assert.equal(parseManifest('"unclosed', 'file:///w/manifest.csv'), undefined);
    // Opened in Excel and saved again: a BOM, quotes, and `;` or tabs between the columns (European Excel, "Text").
    const expected = { parts: ['/w/out/march/up-part1-of-2.csv', '/w/out/march/up-part2-of-2.csv'], sources: ['/w/a.csv', '/w/b c.csv'] };
    for (const delimiter of [',', ';', '\t']) {
      const resaved: string = '\ufeff' + manifest.split('\r\n').map((line) => line.split(',').map((cell) => (cell.includes(' ') ? `"${cell}"` : cell)).join(delimiter)).join('\r\n');
      assert.deepEqual(parseManifest(resaved, 'file:///w/out/march/manifest.csv'), expected, JSON.stringify(delimiter));
      assert.equal(classifyFile({ name: 'manifest.csv', head: resaved }).kind, 'manifest', JSON.stringify(delimiter));
    }
  });

  it('make the parts and every source one family: no duplicates between them, a note on each source', () => {
    // The CLI wrote the manifest (it spells a drive's `:` as is); the server reads it (it spells `:` as %3A).
    const server = (uri: string) => uri.replace('file:///c:/', 'file:///c%3A/');
    const cliSources = { 'file:///c:/w/a.csv': sources['file:///w/a.csv'], 'file:///c:/w/b%20c.csv': sources['file:///w/b%20c.csv'] };
    const { parts, manifest } = prepared(cliSources, 'file:///c:/w/out/march/');
    const files = Object.fromEntries(Object.entries({ ...cliSources, ...parts }).map(([uri, text]) => [server(uri), text]));
    const index = indexOf(files, { 'file:///c%3A/w/out/march/manifest.csv': manifest });
    for (const [uri, text] of Object.entries(parts)) assert.deepEqual(codes(index, server(uri), text), [], uri);
    for (const [uri, text] of Object.entries(cliSources)) assert.deepEqual(codes(index, server(uri), text), ['0:split-source'], uri);
    const family = index.splitFamilyOf('file:///c%3A/w/b%20c.csv')!;
    assert.deepEqual(family.sources, ['file:///c%3A/w/a.csv', 'file:///c%3A/w/b%20c.csv']);
    assert.equal(family.drift, undefined);
  });

  it('still report a duplicate with a file outside the family, a part gone missing, and forget a manifest removed', () => {
    const { parts, manifest } = prepared(sources, 'file:///w/out/');
    const other = { 'file:///w/other.csv': decl(V2) };
    const index = indexOf({ ...sources, ...parts, ...other }, { 'file:///w/out/manifest.csv': manifest });
    assert.ok(codes(index, 'file:///w/other.csv', other['file:///w/other.csv']).includes('1:duplicate-in-workspace'));
    const [first, second] = Object.keys(parts);
    index.remove(second);
    assert.equal(index.splitFamilyOf(first)!.drift, 'up-part2-of-2.csv is missing');
    index.remove('file:///w/out/manifest.csv');
    assert.equal(index.splitFamilyOf(first), undefined);
    assert.ok(codes(index, first, parts[first]).includes('1:duplicate-in-workspace'));
  });

  it('a manifest that becomes a declaration (or results) is no manifest any more', () => {
    const { parts, manifest } = prepared(sources, 'file:///w/out/');
    const index = indexOf({ ...sources, ...parts }, { 'file:///w/out/manifest.csv': manifest });
    const [first] = Object.keys(parts);
    assert.ok(index.splitFamilyOf(first));
    index.setDeclarationKeys('file:///w/out/manifest.csv', declarationKeys(decl(V0)));
    assert.equal(index.splitFamilyOf(first), undefined);
  });
});
