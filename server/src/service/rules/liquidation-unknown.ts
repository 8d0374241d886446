import { liquidationEstimate } from '../eligibility';
import { entryDataRule } from './entryDataRule';

/**
 * The export does not show when the entry liquidated, so its window is estimated. A warning, never
 * an error: the estimate rests on missing data, and a wrong error would cost the refund.
 */
export const liquidationUnknown = entryDataRule('liquidation-unknown', (facts, { filingDate }) => {
  const estimate = liquidationEstimate(facts, filingDate);
  if (!estimate) return undefined;
  const add = facts.liquidationKnown ? 'Check the liquidation in ACE' : 'Add `Liquidation Status` and `Liquidation Date` to the ES-003 layout in ACE and export again, or check the entry in ACE';
  const when = estimate.lastFilingDay
    ? estimate.probablyClosed
      ? ` Its window has probably closed (estimated last filing day ${estimate.lastFilingDay}); its refund counts as at risk, not expected.`
      : ` Estimated last filing day: ${estimate.lastFilingDay}.`
    : estimate.reason === 'no-date'
      ? ' Without the date its 80-day window cannot be told; its refund counts as at risk, not expected.'
      : '';
  return {
    message: `Liquidation unknown: ${estimate.basis}.${when} ${add}.`,
    details: { reason: estimate.reason, probablyClosed: estimate.probablyClosed, ...(estimate.lastFilingDay ? { estimatedLastFilingDay: estimate.lastFilingDay } : {}) },
  };
});
