/**
 * Which encoding a file was saved in, as far as it matters to ACE: CBP says nothing [weak], and
 * Excel's "CSV (Comma delimited)" writes ASCII/ANSI. UTF-16 ("Unicode Text") and Windows-1252 text with
 * non-ASCII characters get one finding on the header, never one per row.
 */
import type { Analysis } from './analyze';
import type { DeclarationModel } from './model';
import type { Finding } from './rules/rule';

export type FileEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

const NAMES: Record<FileEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Windows-1252' };

/** Text that is UTF-16 read as if it were 8-bit: a NUL beside nearly every character of its start. */
export function undecodedUtf16(text: string): 'utf-16le' | 'utf-16be' | undefined {
  // A byte-order mark read as 8-bit text is one or two replacement characters (or U+FEFF).
  let start = 0;
  while (start < 2 && (text.charCodeAt(start) === 0xfeff || text.charCodeAt(start) === 0xfffd)) start++;
  const sample = text.slice(start, start + 200);
  if (sample.length < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample.charCodeAt(i) !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const half = sample.length / 2;
  if (odd >= half * 0.8 && even === 0) return 'utf-16le';
  if (even >= half * 0.8 && odd === 0) return 'utf-16be';
  return undefined;
}

function headerRange(model: DeclarationModel): { start: number; end: number } {
  return { start: model.header?.start ?? 0, end: model.header?.end ?? model.lines.lineEnd(0) };
}

/** The finding for a document whose text is undecoded UTF-16 (an editor that read it as UTF-8). */
export function undecodedFinding(model: DeclarationModel, encoding: 'utf-16le' | 'utf-16be'): Finding {
  return {
    code: 'encoding',
    ...headerRange(model),
    message: `This file looks like ${NAMES[encoding]} text (Excel's "Unicode Text") read as 8-bit text: every other character is a NUL. Reopen it with the ${NAMES[encoding]} encoding, then save it as UTF-8 (or run \`cape fix\`); ACE expects ASCII or UTF-8 (weakly sourced).`,
    details: { encoding },
  };
}

/** A decoded file's encoding, when ACE may not read it as it is: UTF-16, or Windows-1252 with non-ASCII text. */
export function withEncoding<A extends Analysis>(analysis: A, encoding: FileEncoding): A {
  if (encoding === 'utf-8') return analysis;
  if (encoding === 'windows-1252' && !/[^\x00-\x7f]/.test(analysis.model.text)) return analysis; // plain ASCII
  const finding: Finding = {
    code: 'encoding',
    ...headerRange(analysis.model),
    message: `Saved as ${NAMES[encoding]}${encoding === 'windows-1252' ? ' with non-ASCII characters' : ' (Excel\'s "Unicode Text")'}; ACE expects ASCII or UTF-8 (weakly sourced). ${encoding === 'windows-1252' ? 'Save it as "CSV UTF-8" in Excel.' : '`cape fix` re-saves it as UTF-8.'}`,
    details: { encoding },
  };
  return { ...analysis, findings: [finding, ...analysis.findings] };
}
