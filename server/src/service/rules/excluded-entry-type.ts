import { EXCLUDED_TYPES } from '../phases';
import { entryDataRule } from './entryDataRule';

/** Types 08, 09, 47 are excluded in every phase [CBP]; type 23 reportedly too [weak]. */
export const excludedEntryType = entryDataRule('excluded-entry-type', (facts) => {
  const excluded = EXCLUDED_TYPES[facts.entryType];
  if (!excluded) return undefined;
  return { severity: excluded.severity, message: `Entry ${excluded.why}; ACE will not accept it. Remove it from the declaration.` };
});
