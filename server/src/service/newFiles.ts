/** The one way the product creates a file in an edit: never over an existing one, its whole text inserted. */
import type { CreateFile, TextDocumentEdit } from 'vscode-languageserver-types';

/** A new file `uri` holding `text`: a create that fails if the file exists, then the text inserted at its start. */
export function newFileChanges(uri: string, text: string, annotationId?: string): [CreateFile, TextDocumentEdit] {
  const annotation = annotationId === undefined ? {} : { annotationId };
  return [
    { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false }, ...annotation },
    { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text, ...annotation }] },
  ];
}
