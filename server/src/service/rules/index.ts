/** The rule table: every rule the service runs, in the order their diagnostics are listed. */
import { blankLine } from './blank-line';
import { bom } from './bom';
import { checkDigit } from './check-digit';
import { duplicate } from './duplicate';
import { emptyDeclaration } from './empty-declaration';
import { entryCharset } from './entry-charset';
import { entryLength } from './entry-length';
import { excelTextFormula } from './excel-text-formula';
import { extraColumn } from './extra-column';
import { delimiter } from './delimiter';
import { fileTooLarge } from './file-too-large';
import { filerCode } from './filer-code';
import { filerCodeMismatch } from './filer-code-mismatch';
import { headerMismatch } from './header-mismatch';
import { headerMissing } from './header-missing';
import { hyphenated } from './hyphenated';
import { leadingZerosLost } from './leading-zeros-lost';
import { lowercase } from './lowercase';
import { nonAscii } from './non-ascii';
import { overLimit } from './over-limit';
import { quoted } from './quoted';
import type { CrossFileRule, Rule } from './rule';
import { alreadyDeclared } from './already-declared';
import { duplicateInWorkspace } from './duplicate-in-workspace';
import { splitSource } from './split-source';
import { rejectedByCbp } from './rejected-by-cbp';
import { cbpStatusUnknown } from './cbp-status-unknown';
import { adcvdPending } from './adcvd-pending';
import { drawback } from './drawback';
import { excludedEntryType } from './excluded-entry-type';
import { noEntryData } from './no-entry-data';
import { noIeepaDuty } from './no-ieepa-duty';
import { protest } from './protest';
import { reconciliationFlagged } from './reconciliation-flagged';
import { refundAtLiquidation } from './refund-at-liquidation';
import { windowClosed } from './window-closed';
import { windowClosing } from './window-closing';
import { liquidationUnknown } from './liquidation-unknown';
import { scientificNotation } from './scientific-notation';
import { trailingComma } from './trailing-comma';
import { transactionNumber } from './transaction-number';
import { unclosedQuote } from './unclosed-quote';
import { whitespace } from './whitespace';
import { workbook } from './workbook';

export const RULES: readonly Rule[] = [
  workbook,
  bom,
  fileTooLarge,
  unclosedQuote,
  delimiter,
  headerMissing,
  headerMismatch,
  emptyDeclaration,
  overLimit,
  blankLine,
  extraColumn,
  trailingComma,
  excelTextFormula,
  quoted,
  nonAscii,
  whitespace,
  lowercase,
  hyphenated,
  scientificNotation,
  leadingZerosLost,
  entryCharset,
  entryLength,
  filerCode,
  transactionNumber,
  checkDigit,
  duplicate,
  filerCodeMismatch,
];

/** Rules that read the workspace index (other declarations, CBP results). */
export const CROSS_FILE_RULES: readonly CrossFileRule[] = [
  splitSource,
  duplicateInWorkspace,
  alreadyDeclared,
  rejectedByCbp,
  cbpStatusUnknown,
  noEntryData,
  noIeepaDuty,
  windowClosed,
  windowClosing,
  liquidationUnknown,
  excludedEntryType,
  reconciliationFlagged,
  drawback,
  protest,
  adcvdPending,
  refundAtLiquidation,
];
