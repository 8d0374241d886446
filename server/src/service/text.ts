/** Offsets <-> LSP positions over one immutable text. */
import type { Position, Range } from 'vscode-languageserver-types';

const NON_ASCII_RUNS = /[^\x00-\x7f]+/g;

export type LineBreak = '\n' | '\r\n' | '\r';

export class LineIndex {
  /**
   * Offset at which each line starts; a line break ends a line (CRLF, LF or lone CR). Typed, not a
   * JS array: 10,000 offsets per declaration that the garbage collector neither scans nor copies.
   */
  readonly lineStarts: Int32Array;

  /** What `uniformLineBreak` answers, once known ('' when the breaks differ or there is none). */
  private lineBreak: LineBreak | '' | undefined;

  constructor(readonly text: string, lineStarts?: Int32Array) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = new LineStarts(text.length);
    // The native search jumps from line break to line break. Each CR met must be the one just before
    // an LF; a CR anywhere else is a line break of its own (rare: old Mac saves), read below.
    let crlf = 0;
    let cr = text.indexOf('\r');
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (cr >= 0 && cr < i) {
        if (cr !== i - 1) break;
        crlf++;
        cr = text.indexOf('\r', i + 1);
      }
      starts.add(i + 1);
    }
    if (cr < 0) {
      this.lineStarts = starts.done();
      const breaks = this.lineStarts.length - 1;
      this.lineBreak = breaks === 0 ? '' : crlf === breaks ? '\r\n' : crlf === 0 ? '\n' : '';
      return;
    }
    starts.clear();
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.add(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.done();
  }

  /** The index of `text`, which is this one's text with line `line` longer by `delta` (no line break added or removed). */
  withLineResized(text: string, line: number, delta: number): LineIndex {
    const starts = this.lineStarts.slice();
    for (let i = line + 1; i < starts.length; i++) starts[i] += delta;
    return new LineIndex(text, starts);
  }

  /** The line break that ends every line but the last, or undefined when they differ or there is none. */
  uniformLineBreak(): LineBreak | undefined {
    if (this.lineBreak === undefined) {
      const { text, lineStarts } = this;
      let kind: LineBreak | '' = '';
      for (let i = 1; i < lineStarts.length; i++) {
        const start = lineStarts[i];
        const here = text.charCodeAt(start - 1) === 13 ? '\r' : text.charCodeAt(start - 2) === 13 ? '\r\n' : '\n';
        if (kind === '') kind = here;
        else if (here !== kind) {
          kind = '';
          break;
        }
      }
      this.lineBreak = kind;
    }
    return this.lineBreak || undefined;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** End of a line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.lineStarts[low] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The line break the text uses first; CRLF (what Excel writes) when it has none. */
  get eol(): string {
    const m = /\r\n|\n|\r/.exec(this.text);
    return m ? m[0] : '\r\n';
  }
}

export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Applies non-overlapping edits given as offsets into `text`. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) continue; // overlapping edit: the earlier one wins
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** UTF-8 length of a string without Node's Buffer (the service stays runtime-neutral). */
export function utf8Length(text: string): number {
  // Every code unit is at least one byte; only runs of non-ASCII ones (found by the native regex
  // scan, which beats a loop over every code unit) add more.
  let bytes = text.length;
  for (const run of text.matchAll(NON_ASCII_RUNS)) {
    const chars = run[0];
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      if (c < 0x800) bytes += 1;
      else if (c >= 0xd800 && c <= 0xdbff && (chars.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        bytes += 2; // a surrogate pair: 4 bytes for its 2 code units
        i++;
      } else bytes += 2;
    }
  }
  return bytes;
}

/** Line starts as they are found: room for a line per 12 characters (an entry and its line break), doubled when lines are shorter. */
class LineStarts {
  private starts: Int32Array;
  private count = 1; // line 0 starts at 0

  constructor(textLength: number) {
    this.starts = new Int32Array(((textLength / 12) | 0) + 16);
  }

  add(offset: number): void {
    if (this.count === this.starts.length) {
      const more = new Int32Array(this.starts.length * 2);
      more.set(this.starts);
      this.starts = more;
    }
    this.starts[this.count++] = offset;
  }

  clear(): void {
    this.count = 1;
  }

  done(): Int32Array {
    return this.starts.subarray(0, this.count);
  }
}
