/**
 * The layers, as the import graph shows them (issue 18): no runtime import cycle anywhere in client/,
 * server/ and cli/, and the CLI reaches only the pure service and the shared Node layer (the loader).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

/** Relative value imports and re-exports of each file (type-only imports create no runtime edge). */
function graph(files: string[]): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      if (m[1]) continue;
      const base = path.join(path.dirname(file), m[2]);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(path.join(ROOT, c)));
      if (target) deps.push(target);
    }
    edges.set(file, deps);
  }
  return edges;
}

describe('the import graph', () => {
  const files = ['client/src', 'server/src', 'cli/src'].flatMap(sources);
  const edges = graph(files);

  it('has no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string) => {
      state.set(node, 'open');
      stack.push(node);
      for (const next of edges.get(node) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const node of edges.keys()) if (!state.has(node)) visit(node);
    assert.deepEqual(cycles, []);
  });

  it('cli/ imports only the service and the shared Node layer', () => {
    for (const [file, deps] of edges) {
      if (!file.startsWith(path.join('cli', 'src'))) continue;
      for (const dep of deps) assert.ok(dep.startsWith(path.join('cli', 'src')) || dep.startsWith(path.join('server', 'src', 'service')) || dep === path.join('server', 'src', 'loader.ts'), `${file} imports ${dep}`);
    }
  });
});

describe('the shared protocol', () => {
  it('names the service\'s commands and kinds exactly as the service does', async () => {
    const service = await import('../../server/src/service');
    const { COMMANDS, KINDS } = await import('../../server/src/protocol');
    assert.equal(COMMANDS.split, service.SPLIT_COMMAND);
    assert.equal(COMMANDS.showRefund, service.SHOW_REFUND_COMMAND);
    assert.equal(KINDS.fixAll, service.FIX_ALL_KIND);
    assert.equal(KINDS.split, service.SPLIT_REFACTOR_KIND);
    assert.equal(KINDS.moveIneligible, service.MOVE_INELIGIBLE_KIND);
  });
});
