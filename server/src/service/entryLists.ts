/**
 * The per-entry lists a model is made of (entries, unusual, suspect, packed key codes), shared by the
 * full build (model.ts) and the one-line patch (incremental.ts) without either importing the other.
 */
import { packEntryKey } from './codeTable';
import { INVALID_ENTRY, NOT_SHAPED } from './entryNumber';
import type { Entry } from './model';
import { analyzeCell, isCleanCell } from './normalize';
import type { Row } from './parse';

/** The per-entry lists of a model, filled in file order by `addEntry`; `closeEntryLists` trims them. */
export interface EntryLists {
  /** Sized for every row up front: growing it entry by entry would leave copies for the collector. */
  entries: Entry[];
  count: number;
  unusual: Entry[];
  suspect: Entry[];
  keyCodes: Float64Array;
}

export function newEntryLists(capacity: number): EntryLists {
  return { entries: new Array<Entry>(capacity), count: 0, unusual: [], suspect: [], keyCodes: new Float64Array(capacity) };
}

/** The filled lists, trimmed to the entries filed. */
export function closeEntryLists({ entries, count, unusual, suspect, keyCodes }: EntryLists): { entries: Entry[]; unusual: Entry[]; suspect: Entry[]; keyCodes: Float64Array } {
  entries.length = count;
  return { entries, unusual, suspect, keyCodes: keyCodes.length === count ? keyCodes : keyCodes.subarray(0, count) };
}

/**
 * Files the entry of a row as the next entry. A cell shaped like an entry number (almost every cell) is clean: one read
 * gives its key and its validity, with no step-by-step analysis.
 */
export function addEntry(lists: EntryLists, row: Row): void {
  const index = lists.count;
  const ordinal = index + 1;
  const read = row.csvQuoted ? NOT_SHAPED : row.readEntryNumber(lists.keyCodes, index);
  if (read !== NOT_SHAPED) {
    row.fileAsEntry(ordinal, undefined);
    return fileEntry(lists, row, false, read === INVALID_ENTRY);
  }
  const facts = analyzeCell(row.value, row.csvQuoted);
  // A clean cell that is not entry-number shaped (a letter among the digits) is suspect, not unusual.
  const clean = isCleanCell(facts);
  row.fileAsEntry(ordinal, clean ? undefined : facts);
  lists.keyCodes[index] = clean || facts.scientific ? -1 : packEntryKey(facts.key);
  fileEntry(lists, row, !clean, true);
}

/** Files an entry whose key code is already in `lists.keyCodes` at its index. */
export function fileEntry(lists: EntryLists, entry: Entry, unusual: boolean, suspect: boolean): void {
  lists.entries[lists.count++] = entry;
  if (unusual) lists.unusual.push(entry);
  if (suspect) lists.suspect.push(entry);
}

