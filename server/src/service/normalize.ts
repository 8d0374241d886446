/**
 * What a spreadsheet or e-mail did to one entry cell, and the lossless repair.
 * Every rule about a cell reads these facts instead of re-deriving them.
 */
import { isValidEntryNumber } from './entryNumber';

/** Invisible and look-alike characters that have exactly one ASCII meaning in an entry number. */
const LOSSLESS_REPLACEMENTS: Record<string, string> = (() => {
  const map: Record<string, string> = {};
  const set = (chars: string, to: string) => {
    for (const ch of chars) map[ch] = to;
  };
  // Spaces of any width never belong in an entry number: like zero-width characters, they go.
  set('\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000', '');
  set('\u200b\u200c\u200d\u2060\ufeff\u00ad', '');
  set('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d', '-');
  set('\u201c\u201d\u201e\u201f\u2033\uff02', '"');
  for (let i = 0; i < 10; i++) map[String.fromCharCode(0xff10 + i)] = String(i);
  for (let i = 0; i < 26; i++) {
    map[String.fromCharCode(0xff21 + i)] = String.fromCharCode(65 + i);
    map[String.fromCharCode(0xff41 + i)] = String.fromCharCode(97 + i);
  }
  // Cyrillic and Greek capitals that render exactly like Latin ones.
  const lookAlikes: [string, string][] = [
    ['\u0410\u0391', 'A'], ['\u0412\u0392', 'B'], ['\u0415\u0395', 'E'], ['\u041a\u039a', 'K'],
    ['\u041c\u039c', 'M'], ['\u041d\u0397', 'H'], ['\u041e\u039f', 'O'], ['\u0420\u03a1', 'P'],
    ['\u0421', 'C'], ['\u0422\u03a4', 'T'], ['\u0425\u03a7', 'X'], ['\u0399\u0406', 'I'],
    ['\u0396', 'Z'], ['\u039d', 'N'], ['\u03a5', 'Y'],
  ];
  for (const [chars, to] of lookAlikes) set(chars, to);
  return map;
})();

export interface NonAsciiCharacter {
  character: string;
  codePoint: string; // "U+00A0"
  replacement: string | undefined; // undefined: no lossless ASCII meaning
}

export interface CellFacts {
  /** The cell's value as csv-parse read it. */
  value: string;
  /** csv quoting or literal quote characters around the value. */
  quoted: boolean;
  nonAscii: NonAsciiCharacter[];
  /** Some non-ASCII character has no lossless replacement. */
  nonAsciiLossy: boolean;
  whitespace: boolean;
  lowercase: boolean;
  hyphenated: boolean;
  scientific: boolean;
  /** An Excel text formula `="..."` (how ACE Portal exports force numbers to text) wraps the value. */
  textFormula: boolean;
  /**
   * The cell holds several values separated by spaces, tabs or invisible characters (`E1 E2`,
   * `MYK26212743<TAB>ACME`): not a whitespace problem, because joining them would destroy the
   * entries. Undefined for a cell that is one value.
   */
  separatedValues: string[] | undefined;
  /** After every lossless step (quotes, invisible characters, spaces, case, hyphens). */
  normalized: string;
  /** The zero-padded entry number, when padding gives a number that passes the check digit. */
  padded: string | undefined;
  /** What identifies the entry for duplicate detection. */
  key: string;
}

const QUOTE_CHARS = /^["']+|"+$/g;
const SCIENTIFIC = /^[0-9]+(\.[0-9]+)?E\+?[0-9]+$/;
const HYPHENATED = /^[A-Z0-9]{3}-[0-9]{7}-[0-9]$/;

/** Cells are almost always clean: this regex lets them skip the step-by-step analysis. */
const CLEAN = /^[A-Z0-9]*$/;

const NO_CHARACTERS: NonAsciiCharacter[] = [];

/**
 * The facts of a clean 11-character cell, almost every cell of a real file. The constant facts sit
 * on the prototype; subclasses hold only the value. A row (parse.ts) is one: the entry on a clean
 * line is a single object, its row, entry and cell facts at once.
 */
export abstract class CleanFacts implements CellFacts {
  abstract readonly value: string;
  declare readonly quoted: false;
  declare readonly nonAscii: NonAsciiCharacter[];
  declare readonly nonAsciiLossy: false;
  declare readonly whitespace: false;
  declare readonly lowercase: false;
  declare readonly hyphenated: false;
  declare readonly scientific: false;
  declare readonly textFormula: false;
  declare readonly separatedValues: undefined;
  declare readonly padded: undefined;
  get normalized(): string {
    return this.value;
  }
  get key(): string {
    return this.value;
  }
}
Object.assign(CleanFacts.prototype, { quoted: false, nonAscii: NO_CHARACTERS, nonAsciiLossy: false, whitespace: false, lowercase: false, hyphenated: false, scientific: false, textFormula: false, separatedValues: undefined, padded: undefined });

class CleanCell extends CleanFacts {
  constructor(readonly value: string) {
    super();
  }
}

/** True for cells that need none of the step-by-step analysis. */
export function isCleanCell(facts: CellFacts): boolean {
  return facts instanceof CleanFacts;
}

/** Longer than any entry number with any amount of spreadsheet damage: garbage, judged as it is. */
const LONGEST_REPAIRABLE = 256;

/** An unquoted cell of exactly 11 letters A-Z and digits: its key is the cell itself. */
function isCleanEntryText(value: string): boolean {
  return value.length === 11 && CLEAN.test(value);
}

export function analyzeCell(value: string, csvQuoted: boolean): CellFacts {
  if (!csvQuoted && isCleanEntryText(value)) return new CleanCell(value);
  if (value.length > LONGEST_REPAIRABLE) {
    return {
      value, quoted: csvQuoted, nonAscii: [], nonAsciiLossy: false, whitespace: false, lowercase: false,
      hyphenated: false, scientific: false, textFormula: false, separatedValues: undefined, normalized: value, padded: undefined, key: value,
    };
  }
  const separated = separatedValuesOf(value);
  if (separated) {
    // Judged as it stands (the separators stay): no per-cell repair may join the values.
    const text = value.trim();
    return {
      value, quoted: csvQuoted, nonAscii: [], nonAsciiLossy: false, whitespace: false, lowercase: false,
      hyphenated: false, scientific: false, textFormula: false, separatedValues: separated, normalized: text, padded: undefined, key: text,
    };
  }
  const formula = textFormulaInner(value);
  if (formula !== undefined) {
    const inner = analyzeCell(formula, false);
    // The formula's own quotes (and CSV quoting around it) go with the formula: not a `quoted` problem.
    return {
      value, quoted: inner.quoted, nonAscii: inner.nonAscii, nonAsciiLossy: inner.nonAsciiLossy, whitespace: inner.whitespace, lowercase: inner.lowercase,
      hyphenated: inner.hyphenated, scientific: inner.scientific, textFormula: true, separatedValues: inner.separatedValues, normalized: inner.normalized, padded: inner.padded, key: inner.key,
    };
  }
  const nonAscii: NonAsciiCharacter[] = [];
  let text = '';
  for (const ch of value) {
    if (ch.charCodeAt(0) < 0x80) {
      text += ch;
      continue;
    }
    const replacement = LOSSLESS_REPLACEMENTS[ch];
    nonAscii.push({ character: ch, codePoint: 'U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'), replacement });
    text += replacement ?? ch;
  }
  const trimmedForQuotes = text.replace(/[ \t]+/g, '');
  const literalQuotes = /^["']|"$/.test(trimmedForQuotes);
  const quoted = csvQuoted || literalQuotes;
  const whitespace = /[ \t]/.test(text);
  text = trimmedForQuotes.replace(QUOTE_CHARS, '');
  const lowercase = /[a-z]/.test(text);
  text = text.replace(/[a-z]+/g, (s) => s.toUpperCase()); // ASCII only: 'µ'.toUpperCase() is a Greek capital
  const scientific = SCIENTIFIC.test(text) && text.includes('E');
  const hyphenated = HYPHENATED.test(text);
  if (hyphenated) text = text.replace(/-/g, '');
  let padded: string | undefined;
  if (/^[0-9]{8,10}$/.test(text)) {
    const candidate = text.padStart(11, '0');
    if (isValidEntryNumber(candidate)) padded = candidate;
  }
  return {
    value, quoted, nonAscii, nonAsciiLossy: nonAscii.some((c) => c.replacement === undefined), whitespace, lowercase,
    hyphenated, scientific, textFormula: false, separatedValues: undefined, normalized: text, padded, key: padded ?? text,
  };
}

/** Spaces, tabs and the invisible characters the lossless repair would delete. */
function isSeparator(ch: string): boolean {
  return ch === ' ' || ch === '\t' || LOSSLESS_REPLACEMENTS[ch] === '';
}

/** An entry number is 11 characters: values that join into more cannot be one entry number. */
const ENTRY_LENGTH = 11;

/**
 * The values of a cell that holds more than one: two or more runs separated by spaces, tabs or
 * invisible characters whose joined length is more than one entry number could have (`E1 E2`,
 * `MYK26212743 ACME`). `MYK 2621274 3` joins into one entry number and is a whitespace problem.
 */
export function separatedValuesOf(value: string): string[] | undefined {
  let separators = false;
  for (const ch of value) if (isSeparator(ch)) separators = true;
  if (!separators) return undefined;
  const values: string[] = [];
  let current = '';
  for (const ch of value) {
    if (isSeparator(ch)) {
      if (current !== '') values.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') values.push(current);
  if (values.length < 2) return undefined;
  // Quotes and hyphens aside, as the repairs would leave it.
  const joined = values.join('').replace(/^["']+|"+$/g, '').replace(/-/g, '');
  return joined.length > ENTRY_LENGTH ? values : undefined;
}

/**
 * The entry numbers in a value that is not one cell's worth (an extra column, one of several
 * separated values): the value itself when it spells one, else each piece between other punctuation
 * (`E1|ACME`, `E1/E2`). `dropped` is what spells none.
 */
export function entryNumbersIn(value: string): { entries: string[]; dropped: string[] } {
  // Fewer than 8 letters or digits (lost zeros leave 8 to 10) cannot spell an entry number.
  if (value.length < 8 || value.length > LONGEST_REPAIRABLE) return { entries: [], dropped: [value] };
  const whole = entryNumberIn(value);
  if (whole) return { entries: [whole], dropped: [] };
  const entries: string[] = [];
  const dropped: string[] = [];
  for (const piece of value.split(/(?:[\s\u200b-\u200d\u2060\ufeff\u00ad]|[^A-Za-z0-9\-\u0080-\uffff"'=])+/)) {
    if (piece.trim() === '') continue;
    const entry = entryNumberIn(piece);
    if (entry) entries.push(entry);
    else dropped.push(piece);
  }
  return { entries, dropped: entries.length > 0 ? dropped : [value] };
}

/**
 * The entry number a value spells (3 letters or digits, then 8 digits), once lossless repairs are applied (quotes, case,
 * hyphens, look-alikes, a text formula); undefined otherwise. Used to keep every entry an
 * extra-column repair would otherwise delete.
 */
export function entryNumberIn(value: string): string | undefined {
  const facts = analyzeCell(value.trim(), false);
  if (facts.separatedValues || facts.nonAsciiLossy || facts.scientific) return undefined;
  const candidate = facts.padded ?? facts.normalized;
  // Entry-number shaped (a wrong check digit included: a typo is still the user's entry to keep).
  return /^[A-Z0-9]{3}[0-9]{8}$/.test(candidate) ? candidate : undefined;
}

const TEXT_FORMULA = /^[ \t]*=[ \t]*"([^"]*)"[ \t]*$/;

/**
 * The text inside an Excel text formula `="60576069342"` (the cell value after CSV unquoting);
 * undefined for any other cell. Every reader (declarations, results, ES-003) reads the inner text.
 */
export function textFormulaInner(value: string): string | undefined {
  if (value.length < 3 || value.indexOf('=') < 0) return undefined;
  return TEXT_FORMULA.exec(value)?.[1];
}

/** A cell value with any `="..."` text formula unwrapped. */
export function unwrapTextFormula(value: string): string {
  return textFormulaInner(value) ?? value;
}

/** Applies one lossless step to the raw cell text, for the quick fix of that step alone. */
export const singleStepFixes = {
  textFormula: (raw: string, facts: CellFacts) => {
    const inner = textFormulaInner(facts.value) ?? facts.value;
    return /[",\r\n]/.test(inner) ? raw : inner;
  },
  quoted: (raw: string, facts: CellFacts) => {
    const inner = raw.trim();
    if (inner.startsWith('"') && inner.endsWith('"') && inner.length >= 2 && !inner.slice(1, -1).includes('"')) {
      return raw.replace(inner, inner.slice(1, -1));
    }
    return facts.value.replace(/^[ \t]*["']+|"+[ \t]*$/g, '').replace(/^["']+|"+$/g, '');
  },
  whitespace: (raw: string) => raw.replace(/[ \t]+/g, ''),
  lowercase: (raw: string) => raw.replace(/[a-z]+/g, (s) => s.toUpperCase()),
  hyphenated: (raw: string) => raw.replace(/-/g, ''),
  nonAscii: (raw: string) => {
    let out = '';
    for (const ch of raw) out += ch.charCodeAt(0) < 0x80 ? ch : (LOSSLESS_REPLACEMENTS[ch] ?? ch);
    return out;
  },
};
