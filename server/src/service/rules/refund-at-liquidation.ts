import { liquidationOf } from '../es003';
import { entryDataRule } from './entryDataRule';

/** Accepted, but the refund waits for liquidation: suspended, extended, under review, or a warehouse entry [CBP]. */
export const refundAtLiquidation = entryDataRule('refund-at-liquidation', (facts) => {
  const liquidation = liquidationOf(facts);
  const waiting = liquidation === 'suspended' || liquidation === 'extended' || liquidation === 'under-review';
  if (!waiting && !facts.warehouse) return undefined;
  const why = waiting ? `liquidation is ${liquidation.replace('-', ' ')}` : 'it is a warehouse entry';
  return { message: `Accepted by CAPE, but the refund waits for liquidation: ${why}.` };
});
