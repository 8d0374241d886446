import { fileNameOf } from '../fileNames';
import { familyMembers } from '../splitFamilies';
import { deleteRow, rowHoldsOnlyItsEntry } from './helpers';
import type { CrossFileRule } from './rule';

/** An entry may appear on one accepted declaration only, ever: another file in the workspace holds it. */
export const duplicateInWorkspace: CrossFileRule = {
  codes: ['duplicate-in-workspace'],
  check({ model, workspace, report, indexedAsIs }) {
    // Indexed from this very text: the file's shared-key set says everything (empty: nothing to do).
    const sharedAsIndexed = indexedAsIs ? workspace.sharedCodesOf?.(model.uri) : undefined;
    const noneShared = sharedAsIndexed?.size === 0;
    if (noneShared && !model.entries.some((_, i) => model.keyCodes[i] < 0)) return;
    const seen = new Set<string>();
    const isShared = workspace.sharedKeyTest(model.uri);
    // A split source and its parts hold the same entries on purpose: not duplicates of each other.
    const family = workspace.splitFamilyOf(model.uri);
    const members = family ? new Set(familyMembers(family)) : undefined;
    // By packed code where the model has one: no key to pack again per entry (2,000,000 in a CLI run).
    const isSharedCode = sharedAsIndexed ? (code: number) => sharedAsIndexed.has(code) : workspace.sharedCodeTest?.(model.uri);
    const { entries, keyCodes } = model;
    for (let i = 0; i < entries.length; i++) {
      const code = keyCodes[i];
      // None shared: no Set asked (a code is a double, boxed for the call: 2,000,000 of them in a CLI run).
      if (code >= 0 && (noneShared || (isSharedCode && !isSharedCode(code)))) continue;
      const entry = entries[i];
      const key = entry.facts.key;
      if (key.length !== 11 || (isShared && code < 0 && !isShared(key))) continue;
      const all = workspace.occurrencesElsewhere(key, model.uri);
      const others = members ? all.filter((o) => !members.has(o.uri)) : all;
      // Only shared keys reach the set: a 9,999-entry file with no duplicates allocates nothing here.
      if (others.length === 0 || seen.has(key)) continue;
      seen.add(key);
      const places = others.slice(0, 3).map((o) => `${fileNameOf(o.uri)} (line ${o.line + 1})`).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
      report({
        code: 'duplicate-in-workspace',
        start: entry.row.cellStart,
        end: entry.row.cellEnd,
        message: `Also in ${places}. ACE accepts an entry on one declaration only and rejects it on any later one: keep it in one file.`,
        fix: rowHoldsOnlyItsEntry(entry) ? { title: `Delete this line (it stays in ${fileNameOf(others[0].uri)})`, edits: [deleteRow(model, entry.row)] } : undefined,
        relatedUris: others.map((o) => ({ uri: o.uri, line: o.line, message: 'Also declared here' })),
        details: { others: others.length },
      });
    }
  },
};
