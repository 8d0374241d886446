import type { CrossFileRule } from './rule';

/** Entries no ES-003 export covers: one note on the header (never one per line); the hover lists them. */
export const noEntryData: CrossFileRule = {
  codes: ['no-entry-data'],
  check({ model, workspace, report }) {
    if (!workspace.hasEntryData) return;
    const missing = model.entries.filter((e) => e.facts.key.length === 11 && !workspace.entryFacts(e.facts.key));
    if (missing.length === 0) return;
    // Only where an export is about this declaration's filer: a note on every declaration of another
    // filer (or importer) would be noise. An entry an export covers shares its filer code anyway.
    const filers = workspace.entryDataFilerCodes();
    if (!model.entries.some((e) => filers.has(e.facts.key.slice(0, 3)))) return;
    const anchor = model.header ?? model.entries[0].row;
    report({
      code: 'no-entry-data',
      start: anchor.cellStart,
      end: anchor.cellEnd,
      message: `${missing.length.toLocaleString('en-US')} of ${model.entries.length.toLocaleString('en-US')} entries are in no ES-003 export in the workspace, so their eligibility and deadlines are not checked (first at line ${missing[0].row.line + 1}). Add the ES-003 export that covers them.`,
      details: { missing: missing.length, lines: missing.slice(0, 50).map((e) => e.row.line + 1).join(',') },
    });
  },
};
