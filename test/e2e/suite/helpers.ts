/** Polling helpers for the end-to-end tests: wait for a state with a timeout, never sleep blindly. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'cape-tools.cape-tools';

export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

/**
 * CAPE diagnostics of a document. The workspace holds an ES-003 export, so every declaration it does
 * not cover gets one `no-entry-data` note on its header once the export is read; tests of other
 * features leave that note out unless they ask for it.
 */
export function capeDiagnostics(uri: vscode.Uri, withEntryDataNotes = false): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cape' && (withEntryDataNotes || codeOf(d) !== 'no-entry-data'));
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

/** Waits until the document's CAPE diagnostics satisfy `predicate`. */
export function diagnosticsWhere(uri: vscode.Uri, predicate: (d: vscode.Diagnostic[]) => boolean, what: string, withEntryDataNotes = false): Promise<vscode.Diagnostic[]> {
  return waitFor(() => {
    const d = capeDiagnostics(uri, withEntryDataNotes);
    return predicate(d) ? d : undefined;
  }, what);
}

/** The server's own answer for a document, through the running client: proves the server has seen it. */
export async function serverStatus(uri: vscode.Uri): Promise<{ declaration: boolean; entries?: number; error?: number; warning?: number }> {
  const api = vscode.extensions.getExtension(EXTENSION_ID)!;
  const ctx = (api.isActive ? api.exports : await api.activate()) as { client: { sendRequest<T>(method: string, params: unknown): Promise<T> } };
  return ctx.client.sendRequest('cape/status', { uri: uri.toString() });
}
