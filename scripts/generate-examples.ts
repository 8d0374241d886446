/**
 * Writes the large example files that are generated rather than committed (the repo stays small).
 * Deterministic: the same bytes every run. Only writes files that are missing, unless --force.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeCheckDigit } from '../server/src/service';

const examples = path.join(__dirname, '..', 'examples');
const force = process.argv.includes('--force');

/** A small seeded generator so the examples never change between runs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

export function entryNumber(filerCode: string, transaction: number): string {
  const base = filerCode + String(transaction).padStart(7, '0');
  return base + computeCheckDigit(base);
}

/** `count` distinct valid entry numbers across a few filer codes. */
export function uniqueEntries(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const filers = ['MYK', 'BII', 'EJ4', '9Q2', '316', 'A7K'];
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < count) {
    const entry = entryNumber(filers[Math.floor(random() * filers.length)], Math.floor(random() * 10_000_000));
    if (!seen.has(entry)) {
      seen.add(entry);
      out.push(entry);
    }
  }
  return out;
}

function write(name: string, content: () => string): void {
  const target = path.join(examples, name);
  if (fs.existsSync(target) && !force) return;
  fs.writeFileSync(target, content());
  console.log(`generated ${path.relative(process.cwd(), target)}`);
}

if (require.main === module) {
  write('over-limit-declaration.csv', () => 'Entry Number\r\n' + uniqueEntries(10_500, 2026).map((e) => e + '\r\n').join(''));
}
