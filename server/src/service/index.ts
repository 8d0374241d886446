/**
 * The CAPE language service: pure functions over a document's text and settings. No LSP
 * connection and no Node built-ins here, so editors, the CLI and tests share every behaviour.
 */
export { analyze, withWorkspace, isWorkspaceAnalysis, type Analysis, type WorkspaceAnalysis } from './analyze';
export { MAX_CHECKED_CHARACTERS } from './limits';
export { CODES, ALL_CODES, FIX_ALL_CODES, isCode, type Code, type Severity, type CodeInfo } from './codes';
export { toDiagnostics, entryDataRowDiagnostics, DIAGNOSTIC_SOURCE, EDITOR_DIAGNOSTIC_LIMIT, type DiagnosticData } from './diagnostics';
export { computeCheckDigit, isValidEntryNumber, formatEntryNumber } from './entryNumber';
export { fixAllEdits, fixAllText, getCodeActions, FIX_ALL_KIND, ARCHIVE_FOLDER } from './fixes';
export { MOVE_INELIGIBLE_KIND, EXCLUSION_FILE, INELIGIBLE_CODES } from './ineligibleActions';
export { findSplitFamilies, isExactSource, isFamilySource, familyMembers, parseManifest, type SplitFamily, type ManifestFamily } from './splitFamilies';
export { getHover } from './hover';
export { buildModel, HEADER_TEXT, MAX_ENTRIES_PER_DECLARATION, type DeclarationModel } from './model';
export { declarationKeys, keysOfModel, type DeclarationKeys } from './declarationKeys';
export { checkDeclarations, type DeclarationToCheck } from './checkDeclarations';
export { DEFAULT_SETTINGS, resolveSettings, resolveFilingDate, type CapeSettings, type RuleSetting } from './settings';
export { LineIndex, applyOffsetEdits, type LineBreak, type OffsetEdit } from './text';
export { planParts, partFileNames, splitDeclaration, splitFileName, partText, clampPartSize, type PlannedFile, type PartPlan } from './split';
export { getDocumentSymbols, getFoldingRanges, getSplitLenses, SPLIT_COMMAND } from './outline';
export { prepareUpload, excludedCsv, manifestCsv, type PrepareContext, type PrepareInput, type PartWarning, type PreparedUpload, type ExcludedRow } from './prepare';
export { planSplitEdit, splitCodeActions, SPLIT_REFACTOR_KIND, type SplitEnvironment, type SplitPlan } from './splitActions';
export { WorkspaceIndex, type WorkspaceView, type Occurrence, type IndexedResult } from './workspace';
export { classifyFile, isDeclarationDocument, binarySignature, notCsvMessage, looksLikeUtf16WithoutBom, KIND_NAMES, type FileKind, type FileClassification, type ClassifyInput } from './classify';
export { withEncoding, undecodedUtf16, type FileEncoding } from './encoding';
export { headerDelimiter, headerCells, firstLineOf, type Delimiter } from './delimiters';
export { parseResults, isResultsDocument, resultColumns, type CbpResult } from './results';
export { adviceFor } from './cbpMessages';
export { fileNameOf, isSafeFileName, safeStem } from './fileNames';
export { newFileChanges } from './newFiles';
export { workbookPlace } from './workbook';
export { Es003Aggregator, es003Columns, isEs003Document, isIeepaHts, liquidationOf, parseMoney, type EntryFacts, type RowProblem } from './es003';
export { addDays, daysBetween, isIsoDate, parseDate } from './dates';
export { PHASES, phaseFor, EXCLUDED_TYPES, type Phase } from './phases';
export { windowOf, WINDOW_DAYS } from './eligibility';
export { formatCents } from './money';
export { planBuild, whyNothingIsEligible, BUILD_URI, type BuildPlan } from './build';
export { computeInterest, type InterestResult, type Payer, type RateSegment } from './interest';
export { OVERPAYMENT_RATES, rateTable, quarterOf, parseRatesCsv, ratesKnownThrough, type QuarterRate, type UserRate } from './rates';
export { entryRefunds, refundOptions, totals, type EntryRefund, type RefundOptions, type RefundTotals } from './refunds';
export { summaryJson, summaryMarkdown, summaryCsv, amount, getRefundLenses, declarationRefunds, REPORT_COMMAND, SHOW_REFUND_COMMAND, LENS_TITLE_LIMIT, refundReportData, refundMessage, type DeclarationRefunds, type RefundReportData } from './refundReport';
