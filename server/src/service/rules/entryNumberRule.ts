/**
 * The shape every entry-number rule shares: for each entry (the suspect ones, or all), the value left
 * once the lossless repairs are done, judged; one finding on the cell when the judge has something to say.
 */
import type { Code } from '../codes';
import type { Entry } from '../model';
import type { CapeSettings } from '../settings';
import { checkedValue } from './helpers';
import type { Finding, Rule } from './rule';

export interface EntryNumberRuleSpec {
  /** The entries looked at: the suspect ones (not a valid entry number as they stand; the default) or all. */
  entries?: 'suspect' | 'all';
  /** Whether the rule has anything to say under these settings at all. */
  applies?(settings: CapeSettings): boolean;
  judge(value: string, entry: Entry, settings: CapeSettings): Omit<Finding, 'code' | 'start' | 'end'> | undefined;
}

export function entryNumberRule(code: Code, spec: EntryNumberRuleSpec): Rule {
  return {
    codes: [code],
    check({ model, settings, perEntry, report }) {
      if (!perEntry || (spec.applies && !spec.applies(settings))) return;
      for (const entry of spec.entries === 'all' ? model.entries : model.suspect) {
        const value = checkedValue(entry);
        if (value === undefined) continue;
        const verdict = spec.judge(value, entry, settings);
        if (verdict) report({ code, start: entry.row.cellStart, end: entry.row.cellEnd, ...verdict });
      }
    },
  };
}
