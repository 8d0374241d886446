/** Deterministic random declarations with spreadsheet damage, for property and fuzz tests. */
import { computeCheckDigit } from '../../server/src/service';

export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const FILERS = ['MYK', 'BII', 'EJ4', '9Q2', '316', 'A7K', '002'];

export function validEntry(random: () => number): string {
  const base = FILERS[Math.floor(random() * FILERS.length)] + String(Math.floor(random() * 1e7)).padStart(7, '0');
  return base + computeCheckDigit(base);
}

const DAMAGE: ((entry: string, random: () => number) => string)[] = [
  (e) => ` ${e} `,
  (e) => e.toLowerCase(),
  (e) => `${e.slice(0, 3)}-${e.slice(3, 10)}-${e.slice(10)}`,
  (e) => `"${e}"`,
  (e) => `${e},`,
  (e) => `${e},extra`,
  (e) => e.replace(/^0+/, ''),
  () => '2.61103E+10',
  (e, r) => e.slice(0, 10) + String((Number(e[10]) + 1 + Math.floor(r() * 8)) % 10),
  (e) => e.slice(0, 9),
  (e) => `\u00a0${e}`,
  () => '',
];

export interface GeneratedDeclaration {
  text: string;
  /** Rows below the header, as written. */
  rows: string[];
}

/** Damage that adds a quote character: without it, a file is read without csv-parse (parse.ts). */
const QUOTING = new Set([3]);

export function randomDeclaration(count: number, seed: number, damageRate = 0.1, duplicateRate = 0.05, eol = '\r\n', quotes = true): GeneratedDeclaration {
  const random = seeded(seed);
  const damage = quotes ? DAMAGE : DAMAGE.filter((_, i) => !QUOTING.has(i));
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let entry = rows.length > 0 && random() < duplicateRate ? rows[Math.floor(random() * rows.length)].trim() : validEntry(random);
    if (random() < damageRate) entry = damage[Math.floor(random() * damage.length)](entry, random);
    rows.push(entry);
  }
  return { text: ['Entry Number', ...rows].map((r) => r + eol).join(''), rows };
}

/**
 * A declaration of `count` distinct entries that no other file number `fileIndex` shares (sequential
 * transaction numbers), with spreadsheet damage at `damageRate`: a folder of declarations as a filer
 * prepares them, one importer's entries per file.
 */
export function uniqueDeclaration(count: number, fileIndex: number, seed: number, damageRate = 0.01, quotes = false, eol = '\r\n'): GeneratedDeclaration {
  const random = seeded(seed);
  const damage = quotes ? DAMAGE : DAMAGE.filter((_, i) => !QUOTING.has(i));
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = FILERS[fileIndex % FILERS.length] + String((Math.floor(fileIndex / FILERS.length) * count + i) % 1e7).padStart(7, '0');
    let entry = base + computeCheckDigit(base);
    if (random() < damageRate) entry = damage[Math.floor(random() * damage.length)](entry, random);
    rows.push(entry);
  }
  return { text: ['Entry Number', ...rows].map((r) => r + eol).join(''), rows };
}
