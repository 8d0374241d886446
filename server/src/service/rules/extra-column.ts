import { entryNumbersIn } from '../normalize';
import { clip, plural } from './helpers';
import type { Rule } from './rule';

/**
 * F2: exactly one column. Non-empty cells beyond the first (ES-003 columns pasted in), or several
 * values in one cell separated by spaces or tabs (`E1 E2`), reject the file. The repair keeps every
 * entry number: each extra value that is one moves to a line of its own; the rest is removed.
 */
/** Beyond this many extra cells in one row, the row gets no repair (looking for entries in each would be unbounded work). */
const MAX_REPAIRED_EXTRAS = 256;

export const extraColumn: Rule = {
  codes: ['extra-column'],
  check({ model, perEntry, report }) {
    // A `;` or tab save: the delimiter finding speaks for every row, not one finding per row.
    if (!perEntry || model.delimiter) return;
    const eol = model.lines.eol;
    for (const { row, facts } of model.unusual) {
      const values = facts.separatedValues;
      if (!values) continue;
      const found = values.map(entryNumbersIn);
      const entries = found.flatMap((f) => f.entries);
      const dropped = found.flatMap((f) => f.dropped);
      report({
        code: 'extra-column',
        start: row.cellStart,
        end: row.cellEnd,
        message: `This cell holds ${values.length} values separated by spaces or tabs (${values.slice(0, 3).map((v) => `\`${clip(v, 20)}\``).join(', ')}${values.length > 3 ? ', ...' : ''}); a CAPE declaration has one entry number per row.${entries.length > 1 ? ' Put each entry on its own line.' : ''}`,
        fix: entries.length > 0
          ? { title: keepTitle(entries.length, dropped), edits: [{ start: row.cellStart, end: row.cellEnd, newText: entries.join(eol) }] }
          : undefined,
      });
    }
    for (const row of model.wideRows) {
      if (row.blank) continue;
      const extras = row.fields.slice(1).filter((f) => f.trim() !== '');
      if (extras.length === 0) continue;
      // A row of thousands of cells is not a pasted column: no repair, so nothing in it can be lost.
      const repairable = extras.length <= MAX_REPAIRED_EXTRAS;
      const found = repairable ? extras.map(entryNumbersIn) : [];
      const moved = found.flatMap((f) => f.entries);
      const dropped = found.flatMap((f) => f.dropped);
      report({
        code: 'extra-column',
        start: row.cellEnd,
        end: row.end,
        message: `This row has ${extras.length + 1} columns (extra: ${extras.slice(0, 3).map((e) => `\`${clip(e, 20)}\``).join(', ')}${extras.length > 3 ? ', ...' : ''}); a CAPE declaration has exactly one. Remove the extra columns${moved.length > 0 ? `, moving the ${plural(moved.length, 'entry number')} among them to lines of their own` : ''}.`,
        fix: !repairable ? undefined : {
          title: moved.length > 0 ? `Move ${plural(moved.length, 'extra entry')} to ${moved.length === 1 ? 'its own line' : 'their own lines'}${dropped.length > 0 ? ' and remove the other columns' : ''}` : 'Remove the extra columns from this row',
          edits: [{ start: row.cellEnd, end: row.end, newText: moved.map((e) => eol + e).join('') }],
        },
      });
    }
  },
};

function keepTitle(entries: number, dropped: readonly string[]): string {
  const keep = entries === 1 ? 'Keep the entry number' : `Keep the ${entries} entry numbers, one per line`;
  return dropped.length > 0 ? `${keep} (remove ${dropped.slice(0, 2).map((d) => `'${clip(d, 15)}'`).join(', ')}${dropped.length > 2 ? ', ...' : ''})` : keep;
}
