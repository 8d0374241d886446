import { entryDataRule } from './entryDataRule';

/** ACE: `ENTRY ON DRAWBACK`. */
export const drawback = entryDataRule('drawback', (facts) =>
  facts.drawback ? { message: 'Designated on a drawback claim: ACE rejects it with ENTRY ON DRAWBACK. Remove it from the declaration.' } : undefined,
);
