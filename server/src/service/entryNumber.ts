/**
 * CBP entry numbers (CATAIR Appendix E, 19 CFR 142.3a): 3-character filer code,
 * 7-digit transaction number, 1 check digit (Luhn over the first ten characters).
 */

export const ENTRY_LENGTH = 11;

/** A-I = 1-9, J-R = 1-9, S-Z = 2-9; digits count as themselves. */
function characterValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 73) return code - 64; // A-I
  if (code >= 74 && code <= 82) return code - 73; // J-R
  if (code >= 83 && code <= 90) return code - 81; // S-Z
  return -1;
}

/** The check digit the first ten characters need, or undefined when they are not all A-Z/0-9. */
export function computeCheckDigit(base: string): number | undefined {
  return base.length === 10 ? checkDigitOfFirstTen(base) : undefined;
}

/** The check digit for the first ten characters of `value` (no slice: it runs once per entry). */
export function checkDigitOfFirstTen(value: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let v = characterValue(value.charCodeAt(i));
    if (v < 0) return undefined;
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

/** Characters [start, end) of `value` are all ASCII digits. */
export function digitsBetween(value: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A well-formed entry number: 11 characters, filer code not 000, 7 digits, a matching check digit. */
export function isValidEntryNumber(value: string): boolean {
  return (
    value.length === ENTRY_LENGTH &&
    /^[A-Z0-9]{3}[0-9]{8}$/.test(value) &&
    value.slice(0, 3) !== '000' &&
    computeCheckDigit(value.slice(0, 10)) === Number(value[10])
  );
}

export interface EntryParts {
  filerCode: string;
  transactionNumber: string;
  checkDigit: string;
}

export function splitEntryNumber(value: string): EntryParts {
  return { filerCode: value.slice(0, 3), transactionNumber: value.slice(3, 10), checkDigit: value.slice(10, 11) };
}

/** `ABC12345676` -> `ABC-1234567-6`, the form CBP prints. */
export function formatEntryNumber(value: string): string {
  return value.length === ENTRY_LENGTH ? `${value.slice(0, 3)}-${value.slice(3, 10)}-${value.slice(10)}` : value;
}

/** What `readEntryNumber` found: a value not shaped like an entry number, a valid one, or one shaped like one but invalid. */
export const NOT_SHAPED = 0;
export const VALID_ENTRY = 1;
export const INVALID_ENTRY = 2;

/**
 * Reads a value once for the two things every entry needs: its packed key (as
 * `codeTable.packEntryKey`: 3 letters or digits, then 8 digits) and whether it is a valid entry
 * number (filer code not 000, matching check digit). A shaped value's key goes into `keys[at]`: a
 * key is above 2^31, and returned from a call it would be boxed, one heap object per entry.
 */
export function readEntryNumber(value: string, keys: Float64Array, at: number): number {
  return value.length === ENTRY_LENGTH ? readEntryNumberAt(value, 0, keys, at) : NOT_SHAPED;
}

/**
 * `readEntryNumber` of the 11 characters of `text` from `from` (the caller knows there are 11): a
 * declaration's keys are read straight from its text, without a string per line.
 */
export function readEntryNumberAt(text: string, from: number, keys: Float64Array, at: number): number {
  // Unrolled, with tables rather than branches: a filer code mixes letters and digits at random.
  const c0 = text.charCodeAt(from);
  const c1 = text.charCodeAt(from + 1);
  const c2 = text.charCodeAt(from + 2);
  if ((c0 | c1 | c2) > 127) return NOT_SHAPED;
  const b0 = BASE36[c0];
  const b1 = BASE36[c1];
  const b2 = BASE36[c2];
  if ((b0 | b1 | b2) < 0) return NOT_SHAPED;
  const d3 = text.charCodeAt(from + 3) - 48;
  const d4 = text.charCodeAt(from + 4) - 48;
  const d5 = text.charCodeAt(from + 5) - 48;
  const d6 = text.charCodeAt(from + 6) - 48;
  const d7 = text.charCodeAt(from + 7) - 48;
  const d8 = text.charCodeAt(from + 8) - 48;
  const d9 = text.charCodeAt(from + 9) - 48;
  const d10 = text.charCodeAt(from + 10) - 48;
  // A character other than 0-9 gives a value that is above 9 read unsigned.
  if ((d3 >>> 0) > 9 || (d4 >>> 0) > 9 || (d5 >>> 0) > 9 || (d6 >>> 0) > 9 || (d7 >>> 0) > 9 || (d8 >>> 0) > 9 || (d9 >>> 0) > 9 || (d10 >>> 0) > 9) return NOT_SHAPED;
  const filer = (b0 * 36 + b1) * 36 + b2;
  const serial = ((((((d3 * 10 + d4) * 10 + d5) * 10 + d6) * 10 + d7) * 10 + d8) * 10 + d9) * 10 + d10;
  const luhn = LUHN[c0] + LUHN_DOUBLED[c1] + LUHN[c2] + DIGIT_DOUBLED[d3] + d4 + DIGIT_DOUBLED[d5] + d6 + DIGIT_DOUBLED[d7] + d8 + DIGIT_DOUBLED[d9];
  keys[at] = filer * 1e8 + serial;
  return filer !== 0 && (10 - (luhn % 10)) % 10 === d10 ? VALID_ENTRY : INVALID_ENTRY;
}

/** What `scanEntryNumber` returns for a value that is not shaped like an entry number. */
export const NOT_ENTRY_SHAPED = -1;

const scanned = new Float64Array(1);

/**
 * `readEntryNumber` as one number: the packed key when the value is valid, `-2 - key` when it is
 * shaped like an entry number but invalid, and NOT_ENTRY_SHAPED otherwise.
 */
export function scanEntryNumber(value: string): number {
  const read = readEntryNumber(value, scanned, 0);
  return read === NOT_SHAPED ? NOT_ENTRY_SHAPED : read === VALID_ENTRY ? scanned[0] : -2 - scanned[0];
}

/** By character code below 128: the value in base 36 (0-9, A-Z), -1 for any other character. */
const BASE36 = new Int8Array(128).fill(-1);
/** By character code: the Luhn value (`characterValue`), and the same doubled with its digits summed. */
const LUHN = new Int8Array(128);
const LUHN_DOUBLED = new Int8Array(128);
/** By digit: the digit doubled with its digits summed (Luhn). */
const DIGIT_DOUBLED = new Int8Array([0, 2, 4, 6, 8, 1, 3, 5, 7, 9]);
for (let c = 0; c < 128; c++) {
  const v = characterValue(c);
  if (v < 0) continue;
  BASE36[c] = c <= 57 ? c - 48 : c - 55;
  LUHN[c] = v;
  LUHN_DOUBLED[c] = v > 4 ? 2 * v - 9 : 2 * v;
}

/** The packed key `scanEntryNumber` read, valid or not; -1 when the value was not entry-number shaped. */
export function scannedKey(scan: number): number {
  return scan >= 0 ? scan : scan === NOT_ENTRY_SHAPED ? -1 : -2 - scan;
}
