/**
 * The Refund Report as a webview: the server computes every figure (cape/refundData); this file
 * only lays them out, with VS Code's theme colours, no remote content and a strict content security
 * policy. Two charts in plain SVG: expected refund by liquidation date, and filing deadlines per week.
 */
import * as vscode from 'vscode';
import type { CapeContext } from './ctx';
import { REQUESTS } from '../../server/src/protocol';
import { formatCents } from '../../server/src/service/money';
import type { RefundReportData } from '../../server/src/service/refundReport';

/** The figures come from the server (cape/refundData); the type is the service's, imported as a type only. */
type ReportData = RefundReportData;

const money = formatCents;
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

let panel: vscode.WebviewPanel | undefined;

export async function showRefundReport(ctx: CapeContext, uri: string | undefined): Promise<void> {
  const response = await ctx.client?.sendRequest<{ data?: ReportData }>(REQUESTS.refundData, { uri });
  const data = response?.data;
  if (!data) {
    void vscode.window.showInformationMessage('CAPE: no declaration with ES-003 data to report on.');
    return;
  }
  if (!panel) {
    panel = vscode.window.createWebviewPanel('capeRefundReport', 'CAPE Refund Report', vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => (panel = undefined));
  }
  const view = panel;
  view.webview.html = reportHtml(data, view.webview.cspSource, nonce());
  view.webview.onDidReceiveMessage(async (message: { type: string; format?: string; path?: string; line?: number }) => {
    if (message.type === 'open' && message.path) {
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(message.path));
      if (message.line) editor.selection = new vscode.Selection(message.line - 1, 0, message.line - 1, 0);
    } else if (message.type === 'export' && message.format) await exportReport(data, message.format);
  });
  view.reveal(vscode.ViewColumn.Beside, true);
}

/** Writes the report where the user chooses (the save dialog asks before replacing a file). */
async function exportReport(data: ReportData, format: string): Promise<void> {
  const extension = format === 'markdown' ? 'md' : format;
  const content = format === 'markdown' ? data.exports.markdown : format === 'csv' ? data.exports.csv : data.exports.json;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, `cape-refund-report.${extension}`) : undefined, filters: { [format.toUpperCase()]: [extension] } });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
  void vscode.window.showInformationMessage(`CAPE: refund report written to ${vscode.workspace.asRelativePath(target)}.`);
}

function nonce(): string {
  let text = '';
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 32; i++) text += chars.charAt(Math.floor(Math.random() * chars.length));
  return text;
}

/** A bar chart in SVG: one bar per item, labelled, scaled to the largest value. */
function barChart(id: string, title: string, items: { label: string; value: number; text: string }[]): string {
  const width = 640;
  const barHeight = 18;
  const gap = 6;
  const labelWidth = 150;
  const max = Math.max(1, ...items.map((i) => i.value));
  const height = Math.max(1, items.length) * (barHeight + gap) + 10;
  const bars = items
    .map((item, i) => {
      const y = i * (barHeight + gap) + 5;
      const w = Math.round(((width - labelWidth - 120) * item.value) / max);
      return `<text x="0" y="${y + 13}" class="label">${escape(item.label)}</text><rect class="bar" x="${labelWidth}" y="${y}" width="${Math.max(w, item.value > 0 ? 2 : 0)}" height="${barHeight}"><title>${escape(item.text)}</title></rect><text x="${labelWidth + w + 6}" y="${y + 13}" class="value">${escape(item.text)}</text>`;
    })
    .join('');
  return `<figure><figcaption>${escape(title)}</figcaption><svg id="${id}" role="img" aria-label="${escape(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${items.length === 0 ? '<text x="0" y="14" class="label">Nothing to show</text>' : bars}</svg></figure>`;
}

export function reportHtml(data: ReportData, cspSource: string, scriptNonce: string): string {
  const t = data.totals;
  const row = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  const table = (head: string[], rows: string[]) => `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const link = (path: string, absolutePath: string, line?: number) => `<a href="#" data-path="${escape(absolutePath)}" data-line="${line ?? ''}">${escape(path)}</a>`;
  const absoluteOf = new Map(data.declarations.map((d) => [d.path, d.absolutePath]));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource}; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${scriptNonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>CAPE Refund Report</title>
<style>
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
  h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); }
  .totals { display: flex; flex-wrap: wrap; gap: 12px; }
  .total { border: 1px solid var(--vscode-panel-border); padding: 8px 12px; min-width: 150px; }
  .total strong { display: block; font-size: 1.3em; }
  table { border-collapse: collapse; margin: 6px 0; } th, td { text-align: left; padding: 3px 10px 3px 0; } td.num, th.num { text-align: right; }
  th { color: var(--vscode-descriptionForeground); font-weight: normal; }
  a { color: var(--vscode-textLink-foreground); }
  .bar { fill: var(--vscode-charts-blue); } .label, .value { fill: var(--vscode-foreground); font-size: 12px; }
  figcaption { color: var(--vscode-descriptionForeground); margin: 8px 0; }
  button { background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; margin-right: 6px; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  .note { color: var(--vscode-descriptionForeground); }
</style></head>
<body>
<h1>CAPE refund report</h1>
<p class="note">Filing date ${escape(data.filingDate)} · ${escape(data.payer)} overpayment rate${data.ratesAssumed ? ` · rates known through ${escape(data.ratesKnownThrough ?? '')}: later days assume the last known rate` : ''}</p>
<div class="totals" id="totals">
  <div class="total">Expected refund<strong id="total-refund">${money(t.refundCents)}</strong>duty ${money(t.dutyCents)} + interest ${money(t.interestCents)}</div>
  <div class="total">Entries<strong>${t.entries.toLocaleString('en-US')}</strong>${t.missing > 0 ? `${t.missing} without data` : 'all with data'}</div>
  <div class="total">At risk<strong id="total-at-risk">${money(t.atRiskCents)}</strong>${t.atRiskEntries} entries</div>
  <div class="total">Windows closing<strong>${t.closingSoon}</strong>within the warning days</div>
  <div class="total">Importers<strong>${t.importers}</strong>refunds are consolidated per importer</div>
</div>
<p><button data-export="markdown">Export Markdown</button><button data-export="csv">Export CSV</button><button data-export="json">Export JSON</button></p>
<h2>Charts</h2>
${barChart('chart-by-liquidation', 'Expected refund by liquidation date', data.byLiquidationDate.map((d) => ({ label: d.date, value: d.refundCents, text: `${money(d.refundCents)} (${d.entries})` })))}
${barChart('chart-deadlines', 'Filing deadlines per week, next 12 weeks (entries whose window closes that week)', data.deadlinesPerWeek.map((w) => ({ label: `${w.weekStart} to ${w.weekEnd.slice(5)}`, value: w.entries, text: `${w.entries} ${w.entries === 1 ? 'entry' : 'entries'}` })))}
<h2>Per importer</h2>
${table(['Importer', 'Name', 'Entries', 'Expected refund'], data.importers.map((i) => row([escape(i.importer || '(unknown)'), escape(i.name || '-'), String(i.entries), money(i.refundCents)])))}
<h2>Per declaration</h2>
${table(['Declaration', 'Entries', 'Expected refund', 'At risk'], data.declarations.map((d) => row([link(d.path, d.absolutePath), String(d.entries), money(d.refundCents), money(d.atRiskCents)])))}
<h2>Per liquidation date</h2>
${table(['Liquidation date', 'Entries', 'Expected refund'], data.byLiquidationDate.map((d) => row([escape(d.date), String(d.entries), money(d.refundCents)])))}
<h2>At risk</h2>
${data.atRisk.length === 0 ? '<p class="note">No entry at risk.</p>' : table(['Entry', 'Importer', 'Where', 'Duty + interest', 'Reasons'], data.atRisk.map((r) => row([escape(r.entry), escape(r.importer), link(`${r.path}:${r.line}`, absoluteOf.get(r.path) ?? r.path, r.line), money(r.cents), escape(r.reasons.join(', '))])))}
<script nonce="${scriptNonce}">
  const vscode = acquireVsCodeApi();
  for (const a of document.querySelectorAll('a[data-path]')) a.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ type: 'open', path: a.dataset.path, line: Number(a.dataset.line) || undefined }); });
  for (const b of document.querySelectorAll('button[data-export]')) b.addEventListener('click', () => vscode.postMessage({ type: 'export', format: b.dataset.export }));
</script>
</body></html>`;
}

/** For tests in the extension host: the HTML of the open report, if any. */
export function openReportHtml(): string | undefined {
  return panel?.webview.html;
}
