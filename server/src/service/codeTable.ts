/**
 * Entry numbers as numbers, and a hash map from them to small integers held in two typed arrays.
 * The workspace index holds every entry of every declaration (2,000,000 at 200 x 9,999): as a Map
 * of strings that is millions of objects for the garbage collector to trace; here it is two arrays.
 */
import { scanEntryNumber, scannedKey } from './entryNumber';

/** Codes at and above this are handed out to keys that are not entry-number shaped. */
const OTHER_KEYS_BASE = 1e13;

/**
 * Packs an entry-number-shaped key (3 letters or digits, then 8 digits) into one exact integer
 * below 4.7e12; -1 for any other key.
 */
export function packEntryKey(key: string): number {
  return scannedKey(scanEntryNumber(key));
}

/** Codes for keys of any shape: packed when entry-number shaped, else numbered on first sight. */
export class KeyCodes {
  private readonly others = new Map<string, number>();

  /** The key's code; `undefined` for a never-seen odd key when `assign` is false. */
  codeOf(key: string, assign: boolean): number | undefined {
    const packed = packEntryKey(key);
    if (packed >= 0) return packed;
    let code = this.others.get(key);
    if (code === undefined && assign) {
      code = OTHER_KEYS_BASE + this.others.size;
      this.others.set(key, code);
    }
    return code;
  }
}

/** murmur3's 32-bit finalizer over the code's two halves (`| 0` keeps a double's low 32 bits). */
function hashCode(code: number): number {
  let h = (code | 0) ^ Math.imul((code / 4294967296) | 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Calls `onRepeat(index, firstIndex)` for each position of `codes` whose code appeared earlier
 * (negative codes are skipped). The table holds 32-bit positions into `codes` itself, a quarter of
 * a CodeTable's size: a 9,999-entry file's table stays in the CPU cache.
 */
export function forEachRepeat(codes: Float64Array, onRepeat: (index: number, firstIndex: number) => void): void {
  // At most 2/3 full: 9,999 codes fit 16,384 slots (64 KB), which the allocator reuses; 128 KB would
  // be fresh pages from the system on every call.
  let slots = 16;
  while (slots * 2 < codes.length * 3) slots *= 2;
  const mask = slots - 1;
  const positions = new Int32Array(slots); // position + 1; 0 = empty
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code < 0) continue;
    for (let j = hashCode(code) & mask; ; j = (j + 1) & mask) {
      const at = positions[j];
      if (at === 0) {
        positions[j] = i + 1;
        break;
      }
      if (codes[at - 1] === code) {
        onRepeat(i, at - 1);
        break;
      }
    }
  }
}

/** `putAllIfAbsent`'s regions: 2^15 slots of 16 bytes (512 KB), within a core's L2 cache. */
const REGION_BITS = 15;
/** Below this many codes, inserting them as they come is as fast. */
const BULK_MIN = 65536;

/**
 * Open addressing with linear probing. Each slot is two doubles side by side, code + 1 (0 = empty)
 * and its value, so a lookup in a table far larger than the CPU cache costs one cache miss.
 */
export class CodeTable {
  private cells: Float64Array;
  /** Slot count - 1 (a power of two minus one). */
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.cells = new Float64Array(slots * 2);
    this.mask = slots - 1;
  }

  /** Grows once to hold `capacity` codes at most half full (no-op when it already can). */
  reserve(capacity: number): void {
    let slots = this.mask + 1;
    while (slots < capacity * 2) slots *= 2;
    if (slots !== this.mask + 1) this.rehash(slots);
  }

  get(code: number): number | undefined {
    const stored = code + 1;
    for (let i = this.home(code); ; i = (i + 1) & this.mask) {
      const slot = this.cells[2 * i];
      if (slot === stored) return this.cells[2 * i + 1];
      if (slot === 0) return undefined;
    }
  }

  /** Sets the value and returns undefined when the code is new; else returns its value untouched. */
  putIfAbsent(code: number, value: number): number | undefined {
    const stored = code + 1;
    let i = this.home(code);
    for (; ; i = (i + 1) & this.mask) {
      const slot = this.cells[2 * i];
      if (slot === stored) return this.cells[2 * i + 1];
      if (slot === 0) break;
    }
    this.cells[2 * i] = stored;
    this.cells[2 * i + 1] = value;
    if (++this.size * 2 > this.mask + 1) this.grow();
    return undefined;
  }

  /**
   * `putIfAbsent` for every code of every group (group `g`'s value is `values[g]`, a 32-bit integer),
   * calling `onPresent(code, value, existing)` for each code already held. Equal codes are met in the
   * order given; different codes in no particular order. A table far larger than the CPU cache (64 MB
   * at 2,000,000 keys) costs a cache miss per random insert: here the codes are first sorted by the
   * region of the table their slot falls in (a counting sort, two sequential passes), then inserted
   * region by region, each region small enough to stay in cache.
   */
  putAllIfAbsent(groups: readonly Float64Array[], values: readonly number[], onPresent: (code: number, value: number, existing: number) => void): void {
    let total = 0;
    for (const codes of groups) total += codes.length;
    this.reserve(this.size + total); // no growth below: the regions are fixed by the mask
    const regions = (this.mask + 1) >>> REGION_BITS;
    if (total < BULK_MIN || regions <= 1) {
      for (let g = 0; g < groups.length; g++) {
        const codes = groups[g];
        for (let i = 0; i < codes.length; i++) {
          const existing = this.putIfAbsent(codes[i], values[g]);
          if (existing !== undefined) onPresent(codes[i], values[g], existing);
        }
      }
      return;
    }
    const mask = this.mask;
    const starts = new Int32Array(regions + 1);
    for (let g = 0; g < groups.length; g++) {
      const codes = groups[g];
      for (let i = 0; i < codes.length; i++) starts[((hashCode(codes[i]) & mask) >>> REGION_BITS) + 1]++;
    }
    for (let r = 0; r < regions; r++) starts[r + 1] += starts[r];
    const sortedCodes = new Float64Array(total);
    const sortedValues = new Int32Array(total);
    for (let g = 0; g < groups.length; g++) {
      const codes = groups[g];
      const value = values[g];
      for (let i = 0; i < codes.length; i++) {
        const to = starts[(hashCode(codes[i]) & mask) >>> REGION_BITS]++;
        sortedCodes[to] = codes[i];
        sortedValues[to] = value;
      }
    }
    for (let at = 0; at < total; at++) {
      const existing = this.putIfAbsent(sortedCodes[at], sortedValues[at]);
      if (existing !== undefined) onPresent(sortedCodes[at], sortedValues[at], existing);
    }
  }

  set(code: number, value: number): void {
    const stored = code + 1;
    let i = this.home(code);
    while (this.cells[2 * i] !== 0 && this.cells[2 * i] !== stored) i = (i + 1) & this.mask;
    this.cells[2 * i + 1] = value;
    if (this.cells[2 * i] === 0) {
      this.cells[2 * i] = stored;
      if (++this.size * 2 > this.mask + 1) this.grow();
    }
  }

  delete(code: number): boolean {
    const stored = code + 1;
    const { cells, mask } = this;
    let i = this.home(code);
    while (cells[2 * i] !== stored) {
      if (cells[2 * i] === 0) return false;
      i = (i + 1) & mask;
    }
    this.size--;
    // Backward-shift deletion: later members of the probe run move into the hole, no tombstones.
    for (let j = (i + 1) & mask; cells[2 * j] !== 0; j = (j + 1) & mask) {
      const home = this.home(cells[2 * j] - 1);
      const staysPut = i <= j ? i < home && home <= j : i < home || home <= j;
      if (staysPut) continue;
      cells[2 * i] = cells[2 * j];
      cells[2 * i + 1] = cells[2 * j + 1];
      i = j;
    }
    cells[2 * i] = 0;
    return true;
  }

  private home(code: number): number {
    return hashCode(code) & this.mask;
  }

  private grow(): void {
    this.rehash((this.mask + 1) * 2);
  }

  /** Moves every code into a table of `slots` slots. */
  private rehash(slots: number): void {
    const old = this.cells;
    this.cells = new Float64Array(slots * 2);
    this.mask = slots - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      let j = this.home(old[i] - 1);
      while (this.cells[2 * j] !== 0) j = (j + 1) & this.mask;
      this.cells[2 * j] = old[i];
      this.cells[2 * j + 1] = old[i + 1];
    }
  }
}
