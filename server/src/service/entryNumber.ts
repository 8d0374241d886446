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

/** What `scanEntryNumber` returns for a value that is not shaped like an entry number. */
export const NOT_ENTRY_SHAPED = -1;

/**
 * Reads a value once for the two things every entry needs: its packed key (as
 * `codeTable.packEntryKey`: 3 letters or digits, then 8 digits) and whether it is a valid entry
 * number. Returns the packed key when the value is valid, `-2 - key` when it is shaped like an entry
 * number but invalid (filer code 000, wrong check digit), and NOT_ENTRY_SHAPED otherwise.
 */
export function scanEntryNumber(value: string): number {
  if (value.length !== ENTRY_LENGTH) return NOT_ENTRY_SHAPED;
  let filer = 0;
  let luhn = 0;
  for (let i = 0; i < 3; i++) {
    const c = value.charCodeAt(i);
    // Tables, not branches: a filer code mixes letters and digits at random.
    const base36 = c < 128 ? BASE36[c] : -1;
    if (base36 < 0) return NOT_ENTRY_SHAPED;
    filer = filer * 36 + base36;
    luhn += i === 1 ? LUHN_DOUBLED[c] : LUHN[c];
  }
  let serial = 0;
  for (let i = 3; i < 11; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NOT_ENTRY_SHAPED;
    serial = serial * 10 + digit;
    if (i < 10) luhn += (i & 1) === 1 ? LUHN_DOUBLED[48 + digit] : digit;
  }
  const key = filer * 1e8 + serial;
  const valid = filer !== 0 && (10 - (luhn % 10)) % 10 === serial % 10;
  return valid ? key : -2 - key;
}

/** By character code below 128: the value in base 36 (0-9, A-Z), -1 for any other character. */
const BASE36 = new Int8Array(128).fill(-1);
/** By character code: the Luhn value (`characterValue`), and the same doubled with its digits summed. */
const LUHN = new Int8Array(128);
const LUHN_DOUBLED = new Int8Array(128);
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
