/**
 * LSP can create a file only empty and then insert text, and VS Code re-ends inserted lines with the
 * new file's default EOL (LF on Linux and macOS). Split and prepare parts must keep the source's
 * CRLF byte for byte, so an edit made only of "create X" + "insert at 0:0 into X" is applied as
 * createFile(X, { contents }): exact bytes, still one undoable, previewable workspace edit.
 */
import * as vscode from 'vscode';
import type { ApplyWorkspaceEditResult, WorkspaceEdit } from 'vscode-languageclient/node';

export function asExactFileEdit(edit: WorkspaceEdit): vscode.WorkspaceEdit | undefined {
  const changes = edit.documentChanges;
  if (!changes || changes.length === 0) return undefined;
  const result = new vscode.WorkspaceEdit();
  const encoder = new TextEncoder();
  for (let i = 0; i < changes.length; i += 2) {
    const create = changes[i];
    const fill = changes[i + 1];
    if (!('kind' in create) || create.kind !== 'create' || !fill || 'kind' in fill || fill.textDocument.uri !== create.uri || fill.edits.length !== 1) return undefined;
    const first = fill.edits[0];
    if (!('newText' in first)) return undefined;
    const { range, newText } = first;
    if (range.start.line !== 0 || range.start.character !== 0 || range.end.line !== 0 || range.end.character !== 0) return undefined;
    const annotation = create.annotationId ? edit.changeAnnotations?.[create.annotationId] : undefined;
    result.createFile(
      vscode.Uri.parse(create.uri),
      { overwrite: create.options?.overwrite ?? false, ignoreIfExists: create.options?.ignoreIfExists ?? false, contents: encoder.encode(newText) },
      annotation ? { needsConfirmation: annotation.needsConfirmation ?? false, label: annotation.label, description: annotation.description } : undefined,
    );
  }
  return result;
}

/** Middleware for workspace/applyEdit: exact-byte file creations, everything else as usual. */
export async function applyExactly(edit: WorkspaceEdit, next: () => Promise<ApplyWorkspaceEditResult>): Promise<ApplyWorkspaceEditResult> {
  const exact = asExactFileEdit(edit);
  if (!exact) return next();
  const applied = await vscode.workspace.applyEdit(exact, { isRefactoring: true });
  return { applied, failureReason: applied ? undefined : 'cancelled, or a target file exists' };
}
