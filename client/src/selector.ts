/** The documents the server sees: CSVs (and the dialect ids other CSV extensions assign) and CAPE declarations. */
import type { DocumentSelector } from 'vscode-languageclient/node';

export const CSV_LANGUAGE_IDS = ['csv', 'cape', 'csv (semicolon)', 'csv (pipe)', 'csv (whitespace)', 'dynamic csv', 'tsv'];

export const DOCUMENT_SELECTOR: DocumentSelector = [
  ...CSV_LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })),
  ...CSV_LANGUAGE_IDS.map((language) => ({ scheme: 'untitled', language })),
];
