import { liquidationOf } from '../es003';
import { entryDataRule } from './entryDataRule';

/** AD/CVD entries pending liquidation under 19 USC 1504(d) are excluded [2nd]; suspended ones are accepted. */
export const adcvdPending = entryDataRule('adcvd-pending', (facts) => {
  const adcvd = facts.adcvd || facts.entryType === '03' || facts.entryType === '07';
  if (!adcvd || liquidationOf(facts) !== 'unliquidated') return undefined;
  return { message: 'AD/CVD entry pending liquidation under 19 USC 1504(d): CAPE does not accept it yet (reported by trade counsel). File it once it liquidates, within 80 days.' };
});
