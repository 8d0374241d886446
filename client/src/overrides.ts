/** "Treat This File as a CAPE Declaration / Not a Declaration", remembered per file in workspace state. */
import type * as vscode from 'vscode';

const KEY = 'cape.declarationOverrides';

export class DeclarationOverrides {
  constructor(private readonly state: vscode.Memento) {}

  all(): Record<string, boolean> {
    return { ...this.state.get<Record<string, boolean>>(KEY, {}) };
  }

  async set(uri: vscode.Uri, isDeclaration: boolean): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [uri.toString()]: isDeclaration });
  }
}
