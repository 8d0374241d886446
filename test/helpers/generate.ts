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

export function randomDeclaration(count: number, seed: number, damageRate = 0.1, duplicateRate = 0.05, eol = '\r\n'): GeneratedDeclaration {
  const random = seeded(seed);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let entry = rows.length > 0 && random() < duplicateRate ? rows[Math.floor(random() * rows.length)].trim() : validEntry(random);
    if (random() < damageRate) entry = DAMAGE[Math.floor(random() * DAMAGE.length)](entry, random);
    rows.push(entry);
  }
  return { text: ['Entry Number', ...rows].map((r) => r + eol).join(''), rows };
}
