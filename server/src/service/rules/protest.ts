import { entryDataRule } from './entryDataRule';

/** ACE: `PROTEST ON ENTRY` for an open or suspended protest. */
export const protest = entryDataRule('protest', (facts) => {
  if (!facts.protestNumber && !facts.protestStatus) return undefined;
  const status = facts.protestStatus.toLowerCase();
  if (/closed|denied|allowed|approved|withdrawn|decided|void/.test(status)) return undefined;
  return { message: `Protest ${facts.protestNumber || ''} is ${facts.protestStatus || 'open'}: ACE rejects the entry with PROTEST ON ENTRY; the refund follows the protest.`.replace('Protest  is', 'A protest is') };
});
