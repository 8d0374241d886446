import type { CrossFileRule } from './rule';

/** Entries no ES-003 export covers: one note on the header (never one per line); the hover lists them. */
export const noEntryData: CrossFileRule = {
  codes: ['no-entry-data'],
  check({ model, workspace, report }) {
    if (!workspace.hasEntryData) return;
    const missing = model.entries.filter((e) => e.facts.key.length === 11 && !workspace.entryFacts(e.facts.key));
    if (missing.length === 0) return;
    const anchor = model.header ?? model.entries[0].row;
    report({
      code: 'no-entry-data',
      start: anchor.cellStart,
      end: anchor.cellEnd,
      message: `${missing.length.toLocaleString('en-US')} of ${model.entries.length.toLocaleString('en-US')} entries are in no ES-003 export in the workspace, so their eligibility and deadlines are not checked. Hover the header for the list; add the ES-003 export that covers them.`,
      details: { missing: missing.length, lines: missing.slice(0, 50).map((e) => e.row.line + 1).join(',') },
    });
  },
};
