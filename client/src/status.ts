/**
 * The language status item on CSV documents: entry count and problem counts, or "ready to upload".
 * No status-bar items of our own; the numbers come from the server's `cape/status`.
 */
import * as vscode from 'vscode';
import { REQUESTS, type StatusResult } from '../../server/src/protocol';
import type { CapeContext } from './ctx';
import { CSV_LANGUAGE_IDS } from './selector';

type Status = StatusResult;

const plural = (n: number, one: string, many = one + 's') => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: CapeContext) {
    this.item = vscode.languages.createLanguageStatusItem('cape.status', CSV_LANGUAGE_IDS.map((language) => ({ language })));
    this.item.name = 'CAPE Declaration';
    this.item.text = 'CAPE';
    this.disposables.push(
      this.item,
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (e.uris.some((u) => u.toString() === active)) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
    );
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.update(), 100);
  }

  private async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const client = this.ctx.client;
    if (!document || !client?.isRunning()) return;
    let status: Status;
    try {
      status = await client.sendRequest<Status>(REQUESTS.status, { uri: document.uri.toString() });
    } catch {
      return;
    }
    if (document !== vscode.window.activeTextEditor?.document) return;
    void vscode.commands.executeCommand('setContext', 'cape.activeIsDeclaration', status.declaration);
    if (!status.declaration) {
      this.item.text = 'Not a CAPE declaration';
      this.item.detail = 'CAPE Tools checks CSVs whose first cell is "Entry Number", *.cape.csv files and cape.files';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.command = { title: 'Treat as Declaration', command: 'cape.treatAsDeclaration' };
      return;
    }
    const errors = status.error ?? 0;
    const warnings = status.warning ?? 0;
    const entries = plural(status.entries ?? 0, 'entry', 'entries');
    if (status.splitExact) {
      // A finished split: the parts are what gets uploaded.
      this.item.text = `CAPE: split into ${status.splitParts} parts`;
      this.item.detail = 'Upload the parts';
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      this.item.command = { title: 'Problems', command: 'workbench.actions.view.problems' };
      return;
    }
    // Short enough for the language status popup: the counts, and the detail only when it adds something.
    this.item.text = errors + warnings === 0 ? `CAPE: ${entries} · ready to upload` : `CAPE: ${entries} · ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
    this.item.detail = status.structuralOnly ? 'Only structural checks (cape.maxEntries)' : undefined;
    this.item.severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : warnings > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.command = { title: 'Problems', command: 'workbench.actions.view.problems' };
  }

  dispose(): void {
    clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }
}
