/**
 * CBP's entry-level rejection messages (domain reference section 4) and what a filer can do about
 * each: whether re-filing can help, and what to do first.
 */
export interface RejectionAdvice {
  refileCanHelp: boolean;
  advice: string;
}

const ADVICE: [RegExp, RejectionAdvice][] = [
  [/NO IEEPA HTS ON ENTRY/i, { refileCanHelp: false, advice: 'the entry has no IEEPA Chapter 99 line with duty, so there is nothing to refund; remove it from future declarations' }],
  [/FINAL LIQUIDATION/i, { refileCanHelp: false, advice: 'the entry liquidated more than 80 days ago; only a protest (within 180 days of liquidation, 19 USC 1514) can preserve the refund' }],
  [/FLAGGED FOR RECON/i, { refileCanHelp: true, advice: 'from Phase 2 (29 Jun 2026) CAPE accepts types 01/02/06 flagged for reconciliation while no type 09 is filed; re-file if that applies' }],
  [/DRAWBACK/i, { refileCanHelp: false, advice: 'the entry is designated on a drawback claim, which CAPE does not accept' }],
  [/PROTEST/i, { refileCanHelp: false, advice: 'an open or suspended protest covers the entry; the refund follows the protest instead' }],
  [/CANCELLED|REJECTED$/i, { refileCanHelp: false, advice: 'the entry summary is not in accepted status; check it in ACE' }],
  [/STATEMENT PROCESSING/i, { refileCanHelp: true, advice: 'the periodic statement is not yet paid; re-file once it is' }],
  [/UNABLE TO CALCULATE DUTY|INVALID HTS|HTS RELATIONSHIP|GOODS VALUE AMOUNT/i, { refileCanHelp: true, advice: 'file a post-summary correction (PSC) to fix the entry data first, then re-file' }],
  [/ACCOUNT|IMPORTER OF RECORD|FILER/i, { refileCanHelp: true, advice: 'the submitter is neither the importer of record nor the filing broker; file from the right ACE account' }],
  [/ALREADY|PREVIOUSLY|DUPLICATE/i, { refileCanHelp: false, advice: 'the entry is already on an accepted declaration' }],
];

export function adviceFor(message: string): RejectionAdvice | undefined {
  const trimmed = message.trim();
  return ADVICE.find(([pattern]) => pattern.test(trimmed))?.[1];
}
