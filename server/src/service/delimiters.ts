/** The field delimiter of a tabular file, judged from its header line: Excel saves with `,`, `;` or tab; some tools with `|`. */
export type Delimiter = ',' | ';' | '\t' | '|';

const CANDIDATES: readonly Delimiter[] = [',', '\t', ';', '|'];

function countOf(line: string, delimiter: string): number {
  let n = 0;
  for (let i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) n++;
  return n;
}

/**
 * The delimiter that splits the header line into the most cells, outside quotes; a comma on ties
 * and when nothing splits it (a one-column file).
 */
export function headerDelimiter(firstLine: string): Delimiter {
  const unquoted = firstLine.replace(/"[^"]*"/g, '""');
  let best: Delimiter = ',';
  let most = countOf(unquoted, ',');
  for (const candidate of CANDIDATES) {
    const n = countOf(unquoted, candidate);
    if (n > most) {
      best = candidate;
      most = n;
    }
  }
  return best;
}

/** The first line of a text, without a byte-order mark. */
export function firstLineOf(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = body.search(/\r\n|\n|\r/);
  return end < 0 ? body : body.slice(0, end);
}

/** The header cells of a text's first line, split at its delimiter, quotes around a cell dropped: what every reader's recognition looks at. */
export function headerCells(text: string): string[] {
  const firstLine = firstLineOf(text);
  return firstLine.split(headerDelimiter(firstLine)).map((c) => c.trim().replace(/^"|"$/g, ''));
}
