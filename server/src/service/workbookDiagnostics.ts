/** Diagnostics of workbooks as the editor shows them: each names its sheet and row, as Excel does. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { workbookPlace } from './workbook';

/** Appends `(sheet "Entries", row 5)`: a workbook opens in Excel, where lines are rows of a sheet. */
export function sheetDiagnostics(diagnostics: readonly Diagnostic[], sheet: string): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, message: `${d.message} (${workbookPlace(sheet, d.range.start.line)})` }));
}

/** The one error of a workbook that cannot be read. */
export function unreadableWorkbookDiagnostic(reason: string, docsUri: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 1,
    source: DIAGNOSTIC_SOURCE,
    code: 'workbook-unreadable',
    codeDescription: { href: `${docsUri}#workbook-unreadable` },
    message: `This workbook ${reason}.`,
  };
}
