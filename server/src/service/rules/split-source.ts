import { fileNameOf } from '../fileNames';
import { isFamilySource, type SplitFamily } from '../splitFamilies';
import { isWorkbookName } from '../workbook';
import type { CrossFileRule } from './rule';

/**
 * The declaration was split and its parts sit beside it: upload the parts, not this file. Exact,
 * it is a note (and the source's other findings step aside: the parts carry them); drifted, a
 * warning that says exactly how.
 */
export const splitSource: CrossFileRule = {
  codes: ['split-source'],
  check({ model, workspace, report }) {
    const family = workspace.splitFamilyOf(model.uri);
    if (!family || !isFamilySource(family, model.uri)) return;
    const anchor = model.header ?? model.entries[0]?.row;
    const names = family.parts.map(fileNameOf);
    const listed = names.length <= 3 ? names.join(', ') : `${names.slice(0, 2).join(', ')} ... ${names[names.length - 1]}`;
    report({
      code: 'split-source',
      severity: family.drift ? 'warning' : 'info',
      start: anchor?.cellStart ?? 0,
      end: anchor?.cellEnd ?? 0,
      message: familyMessage(family, listed, isWorkbookName(model.uri)),
      relatedUris: family.parts.map((uri, i) => ({ uri, line: 0, message: `Part ${i + 1} of ${family.total}` })),
      details: { parts: family.total, drift: family.drift ?? '', exact: !family.drift },
    });
  },
};

/** What the source of a family is told: split, prepared (a declaration) or converted (a workbook); exact or drifted. */
function familyMessage(family: SplitFamily, listed: string, workbook: boolean): string {
  const n = family.total;
  const them = n === 1 ? 'it' : 'them';
  if (!family.converted) {
    return family.drift
      ? `Split into ${n} parts (${listed}), but they no longer match this file: ${family.drift}. Split again, or fix the parts, before uploading.`
      : `Split into ${n} parts (${listed}): upload the parts, not this file. Archive it to keep it out of the way.`;
  }
  if (workbook) {
    return family.drift
      ? `Converted to ${n} upload-ready CSV parts (${listed}), but ${family.drift}. Convert the workbook again before uploading.`
      : `Converted to ${n} upload-ready CSV part${n === 1 ? '' : 's'} (${listed}): upload ${them}; ACE does not accept this workbook itself. Rows left out are listed in excluded.csv beside the parts.`;
  }
  return family.drift
    ? `Prepared as ${n} upload-ready parts (${listed}), but ${family.drift}. Prepare it again before uploading.`
    : `Prepared as ${n} upload-ready part${n === 1 ? '' : 's'} (${listed}): upload ${them}, not this file. Rows left out are listed in excluded.csv beside the parts.`;
}
