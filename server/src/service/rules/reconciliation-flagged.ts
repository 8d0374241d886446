import { phaseFor } from '../phases';
import { entryDataRule } from './entryDataRule';

/** ACE: `ENTRY SUMMARY FLAGGED FOR RECON`; Phase 2 accepts types 01/02/06 while no type 09 is filed. */
export const reconciliationFlagged = entryDataRule('reconciliation-flagged', (facts, { settings, filingDate }) => {
  if (!facts.reconciliation) return undefined;
  const phase = phaseFor(settings.phase, filingDate);
  if (phase?.acceptsReconciliationFlagged && ['01', '02', '06'].includes(facts.entryType)) return undefined;
  return {
    message: phase?.acceptsReconciliationFlagged
      ? `Flagged for reconciliation and of type ${facts.entryType || 'unknown'}: Phase ${phase.id} accepts only types 01/02/06 flagged for reconciliation. ACE rejects it with ENTRY SUMMARY FLAGGED FOR RECON.`
      : `Flagged for reconciliation: Phase ${phase?.id ?? '1'} does not accept it (Phase 2, from 2026-06-29, accepts types 01/02/06 while no type 09 is filed).`,
  };
});
