/** Small builders shared by the unit tests. */
import { analyze, applyOffsetEdits, DEFAULT_SETTINGS, LineIndex, toDiagnostics, type CapeSettings } from '../../server/src/service';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';

export const URI = 'file:///work/declaration.csv';

/** Valid entry numbers (check digits verified by the vectors test). */
export const VALID = ['MYK21681165', 'BII26662403', 'EJ445632006', '9Q297637120', '31635072007', 'A7K64546569'];

/** A declaration with the exact header and LF line endings. */
export function decl(...rows: string[]): string {
  return ['Entry Number', ...rows].map((r) => r + '\n').join('');
}

export function settings(overrides: Partial<CapeSettings> = {}): CapeSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

export function diagnose(text: string, overrides: Partial<CapeSettings> = {}): Diagnostic[] {
  return toDiagnostics(analyze(text, URI, settings(overrides)), 'file:///docs/rules.md');
}

export function codes(text: string, overrides: Partial<CapeSettings> = {}): string[] {
  return diagnose(text, overrides).map((d) => String(d.code));
}

/** Applies LSP text edits to a text, the way an editor would. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  return applyOffsetEdits(text, edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })));
}
