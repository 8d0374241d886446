/**
 * Build declarations from ES-003 data: every entry eligible under the phase in force and not already
 * declared (workspace declarations, CBP results), deduplicated, in parts of at most 9,999; every
 * other entry in the exclusion report with its reasons. The eligibility rules are the editor's own:
 * the entries are checked as one synthetic declaration.
 */
import { analyze, withWorkspace } from './analyze';
import { findingsByLine, isError } from './diagnostics';
import type { EntryFacts } from './es003';
import { HEADER_TEXT, MAX_ENTRIES_PER_DECLARATION } from './model';
import type { ExcludedRow } from './prepare';
import type { CapeSettings } from './settings';
import { declarationParts, type PlannedFile } from './split';
import { fileNameOf } from './fileNames';
import type { WorkspaceView } from './workspace';

export interface BuildPlan {
  parts: PlannedFile[];
  excluded: ExcludedRow[];
  /** Entries in the exports (before the importer filter). */
  total: number;
  eligible: number;
}

export const BUILD_URI = 'cape-build:/entries.csv';

export function planBuild(
  entries: readonly EntryFacts[],
  workspace: WorkspaceView,
  settings: CapeSettings,
  filingDate: string,
  partName: (index: number, total: number) => string,
  importer?: string,
): BuildPlan {
  const excluded: ExcludedRow[] = [];
  const selected: EntryFacts[] = [];
  const wanted = importer?.trim().toUpperCase();
  for (const facts of entries) {
    if (wanted && facts.importer.toUpperCase() !== wanted) {
      excluded.push({ source: fileNameOf(facts.uri), line: facts.line + 1, entry: facts.key, codes: ['other-importer'], messages: [`Importer ${facts.importer || '(none)'}, not ${importer}.`] });
    } else selected.push(facts);
  }
  const text = [HEADER_TEXT, ...selected.map((f) => f.key)].join('\r\n') + '\r\n';
  const analysis = withWorkspace(analyze(text, BUILD_URI, settings), workspace, filingDate);
  const blocking = findingsByLine(analysis, (f) => f.code !== 'over-limit' && isError(f, analysis));
  const eligible: string[] = [];
  selected.forEach((facts, i) => {
    const problems = blocking.get(i + 1);
    if (problems) excluded.push({ source: fileNameOf(facts.uri), line: facts.line + 1, entry: facts.key, codes: problems.map((f) => f.code), messages: problems.map((f) => f.message) });
    else eligible.push(facts.key);
  });
  const parts = declarationParts(eligible, MAX_ENTRIES_PER_DECLARATION, partName);
  excluded.sort((a, b) => (a.source === b.source ? a.line - b.line : a.source < b.source ? -1 : 1));
  return { parts, excluded, total: entries.length, eligible: eligible.length };
}

/** Why a build has nothing to write, in words: "all 38 entries are already declared", or the counts per reason. */
export function whyNothingIsEligible(plan: BuildPlan): string {
  if (plan.total === 0) return 'the export holds no readable entries';
  const counts = new Map<string, number>();
  for (const row of plan.excluded) {
    const code = row.codes[0] ?? 'excluded';
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const words: Record<string, string> = {
    'already-declared': 'already accepted on a CAPE claim',
    'duplicate-in-workspace': 'already on a declaration in the workspace',
    'window-closed': 'past their 80-day window',
    'no-ieepa-duty': 'without IEEPA duty',
    'excluded-entry-type': 'of an excluded entry type',
    'other-importer': 'of another importer',
  };
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  if (sorted.length === 1) {
    const [code, n] = sorted[0];
    return `${n === plan.total ? `all ${n.toLocaleString('en-US')}` : n.toLocaleString('en-US')} entries are ${words[code] ?? code}`;
  }
  return sorted.map(([code, n]) => `${n.toLocaleString('en-US')} ${words[code] ?? code}`).join(', ');
}
