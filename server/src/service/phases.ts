/** CAPE phases as data (domain reference section 5): add a phase here when CBP announces one. */
export interface Phase {
  id: string;
  start: string;
  /** Types 01/02/06 flagged for reconciliation are accepted while no type 09 is filed. */
  acceptsReconciliationFlagged: boolean;
  confidence: 'CBP' | '2nd' | 'weak';
}

export const PHASES: readonly Phase[] = [
  { id: '1', start: '2026-04-20', acceptsReconciliationFlagged: false, confidence: 'CBP' },
  { id: '2', start: '2026-06-29', acceptsReconciliationFlagged: true, confidence: 'CBP' },
];

/** The phase in force on a filing date (`auto`), or the one named. */
export function phaseFor(setting: string, filingDate: string): Phase | undefined {
  if (setting !== 'auto' && setting !== '') return PHASES.find((p) => p.id === setting);
  let current: Phase | undefined;
  for (const phase of PHASES) if (phase.start <= filingDate) current = phase;
  return current;
}

/** Entry types no phase has accepted: USMCA duty deferral, reconciliation summary, drawback [CBP]; TIB [weak]. */
export const EXCLUDED_TYPES: Record<string, { severity: 'error' | 'warning'; why: string }> = {
  '08': { severity: 'error', why: 'type 08 (USMCA duty deferral) is excluded from CAPE' },
  '09': { severity: 'error', why: 'type 09 (reconciliation summary) is excluded from CAPE' },
  '47': { severity: 'error', why: 'type 47 (drawback) is excluded from CAPE' },
  '23': { severity: 'warning', why: 'type 23 (temporary importation under bond) is reportedly excluded (weakly sourced)' },
};
