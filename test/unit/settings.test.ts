/** The settings contract: package.json's schema and the server's typed defaults must agree. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS, resolveSettings } from '../../server/src/service';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; scope?: string; markdownDescription?: string }> = manifest.contributes.configuration.properties;

/** `cape.trace.server` -> DEFAULT_SETTINGS.trace.server */
function defaultAt(key: string): unknown {
  return key.split('.').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], DEFAULT_SETTINGS);
}

function leafKeys(object: object, prefix = 'cape'): string[] {
  return Object.entries(object).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) && k !== 'rules' ? leafKeys(v, `${prefix}.${k}`) : [`${prefix}.${k}`]));
}

describe('settings contract', () => {
  it('package.json declares exactly the typed settings, with the same defaults', () => {
    assert.deepEqual(Object.keys(properties).sort(), leafKeys(DEFAULT_SETTINGS).sort());
    for (const [key, schema] of Object.entries(properties)) assert.deepEqual(schema.default, defaultAt(key), key);
  });
  it('every setting has a description and a deliberate scope', () => {
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok(schema.markdownDescription, `${key} has no markdownDescription`);
      assert.ok(schema.scope, `${key} has no scope`);
    }
  });
  it('reads malformed client values as defaults instead of failing', () => {
    assert.deepEqual(resolveSettings({ files: 'x', rules: { whitespace: 'loud', quoted: 'off' }, filingDate: 'soon', maxEntries: -1, filerCodes: [' abc ', 7] }), {
      ...DEFAULT_SETTINGS,
      rules: { quoted: 'off' },
      filerCodes: ['ABC'],
    });
    assert.deepEqual(resolveSettings(null), DEFAULT_SETTINGS);
  });
  it('engines.vscode and @types/vscode agree', () => {
    assert.equal(manifest.engines.vscode.replace(/^\^/, ''), manifest.devDependencies['@types/vscode']);
  });
});

describe('trust', () => {
  it('works in Restricted Mode, ignoring workspace values of settings that point at other files', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.equal(untrusted.supported, 'limited');
    assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['cape.entryData', 'cape.exclude', 'cape.files', 'cape.results']);
    for (const key of untrusted.restrictedConfigurations) assert.ok(properties[key], `${key} is a setting`);
  });
});
