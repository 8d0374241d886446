/** The refund report: the same per-entry cents as the lens and hover, summed, in JSON, Markdown or CSV. */
import { stringify } from 'csv-stringify/sync';
import { SERVER_COMMAND_IDS } from './ids';
import type { WorkspaceAnalysis } from './analyze';
import { formatCents } from './money';
import { addDays } from './dates';
import type { CapeSettings } from './settings';
import type { CodeLens } from 'vscode-languageserver-types';
import { OVERPAYMENT_RATES, ratesKnownThrough, type QuarterRate } from './rates';
import { entryRefunds, lacksData, refundOptions, refundsByPart, totals, type EntryRefund, type RefundOptions } from './refunds';

export interface DeclarationRefunds {
  path: string;
  refunds: EntryRefund[];
  /** The refunds of each 9,999-entry part, for a declaration that must be split. */
  parts?: EntryRefund[][];
}

/** A declaration's refunds, with its parts when it is over the limit. */
export function declarationRefunds(path: string, analysis: WorkspaceAnalysis): DeclarationRefunds {
  const refunds = entryRefunds(analysis, refundOptions(analysis.settings));
  const parts = refundsByPart(analysis, refunds);
  return { path, refunds, parts: parts.length > 1 ? parts : undefined };
}

/** `"1234.56"`: every amount in the JSON is a string with two decimals. */
export function amount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function summaryJson(files: readonly DeclarationRefunds[], filingDate: string, payer: string, warningDays: number, rates: readonly QuarterRate[] = OVERPAYMENT_RATES) {
  const all = files.flatMap((f) => f.refunds);
  const t = totals(all, warningDays);
  const byImporter = new Map<string, EntryRefund[]>();
  for (const r of all) if (r.status === 'expected') byImporter.set(r.importer, [...(byImporter.get(r.importer) ?? []), r]);
  return {
    filingDate,
    payer,
    total: { entries: t.entries, duty: amount(t.dutyCents), interest: amount(t.interestCents), refund: amount(t.refundCents), atRisk: amount(t.atRiskCents) },
    importers: [...byImporter].sort(([a], [b]) => (a < b ? -1 : 1)).map(([importer, refunds]) => {
      const it = totals(refunds, warningDays);
      return { importer, entries: it.entries, duty: amount(it.dutyCents), interest: amount(it.interestCents), refund: amount(it.refundCents) };
    }),
    files: files.map((f) => {
      const ft = totals(f.refunds, warningDays);
      return { path: f.path, entries: ft.entries, duty: amount(ft.dutyCents), interest: amount(ft.interestCents), refund: amount(ft.refundCents), atRisk: amount(ft.atRiskCents) };
    }),
    entries: all.map((r) => ({
      entry: r.entry, importer: r.importer, duty: amount(r.dutyCents), interest: amount(r.interestCents), depositDate: r.depositDate ?? null, endDate: r.endDate ?? null, status: r.status,
      ratesAssumed: r.interest?.extrapolated === true,
      ...(r.depositBasis ? { depositBasis: r.depositBasis } : {}),
      ...(r.estimated ? { estimated: true } : {}),
    })),
    /** The last quarter with a known rate; later days carry it forward (each such entry has `ratesAssumed`). */
    ratesKnownThrough: ratesKnownThrough(rates),
  };
}

export function summaryCsv(files: readonly DeclarationRefunds[]): string {
  const rows = files.flatMap((f) => f.refunds.map((r) => [f.path, r.line + 1, r.entry, r.importer, amount(r.dutyCents), amount(r.interestCents), amount(r.dutyCents + r.interestCents), r.depositDate ?? '', r.depositBasis ?? '', r.endDate ?? '', r.status, r.reasons.join(' ')]));
  return stringify([['File', 'Line', 'Entry', 'Importer', 'Duty', 'Interest', 'Refund', 'Deposit Date', 'Deposit Basis', 'End Date', 'Status', 'Reasons'], ...rows], { record_delimiter: '\r\n' });
}

export function summaryMarkdown(files: readonly DeclarationRefunds[], filingDate: string, options: RefundOptions, warningDays: number): string {
  const all = files.flatMap((f) => f.refunds);
  const t = totals(all, warningDays);
  const money = formatCents;
  const out: string[] = [
    '# CAPE refund report',
    '',
    `Filing date ${filingDate} · ${options.payer} overpayment rate · ${t.entries.toLocaleString('en-US')} entries in ${files.length} declaration(s)`,
    '',
    `**Expected refund ${money(t.refundCents)}** (IEEPA duty ${money(t.dutyCents)} + interest ${money(t.interestCents)}) · at risk ${money(t.atRiskCents)} in ${t.atRiskEntries} entries`,
    '',
  ];
  const table = (title: string, groups: Map<string, EntryRefund[]>) => {
    out.push(`## ${title}`, '', '| | Entries | Duty | Interest | Refund | At risk |', '|---|---:|---:|---:|---:|---:|');
    for (const [name, refunds] of groups) {
      const g = totals(refunds, warningDays);
      out.push(`| ${name || '(unknown)'} | ${g.entries} | ${money(g.dutyCents)} | ${money(g.interestCents)} | ${money(g.refundCents)} | ${money(g.atRiskCents)} |`);
    }
    out.push('');
  };
  const group = (key: (r: EntryRefund) => string) => {
    const m = new Map<string, EntryRefund[]>();
    for (const r of all) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return new Map([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  table('Per importer (CBP consolidates refunds per importer of record)', group((r) => r.importer));
  table('Per declaration', new Map(files.map((f) => [f.path, f.refunds])));
  const parts = files.flatMap((f) => (f.parts ?? []).map((p, i) => [`${f.path}, part ${i + 1} of ${f.parts!.length}`, p] as [string, EntryRefund[]]));
  if (parts.length > 0) table('Per part (each part is one upload of at most 9,999 entries)', new Map(parts));
  table('Per liquidation date', group((r) => r.liquidationDate ?? 'unliquidated'));
  const atRisk = all.filter((r) => r.status === 'at-risk');
  if (atRisk.length > 0) {
    out.push('## At risk', '', 'ACE would reject these entries; they are not in the expected refund.', '', '| Entry | Importer | Duty + interest | Reasons |', '|---|---|---:|---|');
    for (const r of atRisk) out.push(`| ${r.entry} | ${r.importer} | ${money(r.dutyCents + r.interestCents)} | ${r.reasons.join(', ')} |`);
    out.push('');
  }
  const closing = all.filter((r) => r.daysLeft !== undefined && r.daysLeft >= 0 && r.daysLeft <= warningDays).sort((a, b) => a.daysLeft! - b.daysLeft!);
  if (closing.length > 0) {
    out.push(`## Windows closing within ${warningDays} days`, '', '| Entry | Days left | Liquidated |', '|---|---:|---|');
    for (const r of closing) out.push(`| ${r.entry} | ${r.daysLeft} | ${r.liquidationDate} |`);
    out.push('');
  }
  const missing = all.filter((r) => lacksData(r.status));
  if (missing.length > 0) out.push('## Not computed', '', ...missing.slice(0, 200).map((r) => `- ${r.entry}: ${r.reasons.join(', ')}`), '');
  out.push(
    '## Assumptions',
    '',
    `- Principal: the duty on HTS 9903.01.xx and 9903.02.xx lines in the ES-003 data.`,
    `- Deposit date: the payment date where the export has one, else the entry summary date, else the entry date (an estimate).`,
    ...(all.some((r) => r.estimated) ? [`- **${all.filter((r) => r.estimated).length} entries use the entry date as the deposit date: their interest is an estimate.**`] : []),
    `- End date: unliquidated entries, filing date + ${options.processingDays} days; liquidated entries, the earlier of that and liquidation + 90 days.`,
    `- Interest compounds daily at each quarter's overpayment rate over that year's days, rounded half-up to cents per entry; totals add cents.`,
    t.extrapolated ? `- **Some days lie beyond the last known quarter: the last known rate was used for ${all.filter((r) => r.interest?.extrapolated).length} entries (add quarters with \`cape.interest.rates\` or \`--rates\`).**` : '- Every day fell in a known quarter.',
    '',
    '| Quarter | Corporate | Non-corporate | Source |',
    '|---|---:|---:|---|',
    ...options.rates.map((r) => `| ${r.quarter} | ${r.corporate}% | ${r.nonCorporate}% | ${r.source} |`),
    '',
  );
  return out.join('\n');
}

export const REPORT_COMMAND = 'cape.refundReport';

/** The lens on line 1 (and one per part of an over-limit file). */
/**
 * The server command behind every refund lens: it works in any LSP client (the server answers it with
 * a message and the report data); the VS Code client shows its Refund Report instead.
 */
export const SHOW_REFUND_COMMAND = SERVER_COMMAND_IDS.showRefund;

/** Each lens title stays under this many characters: a lens is one fact, read at a glance. */
export const LENS_TITLE_LIMIT = 60;

function lens(line: number, title: string, tooltip: string, uri: string): CodeLens {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, tooltip, command: SHOW_REFUND_COMMAND, arguments: [uri] } };
}

/** One lens per fact: expected refund, at risk, windows closing soon, importers (and per part of an over-limit file). */
export function getRefundLenses(analysis: WorkspaceAnalysis): CodeLens[] {
  if (!analysis.settings.codeLens.enabled || !analysis.workspace.hasEntryData || analysis.model.entries.length === 0) return [];
  const options = refundOptions(analysis.settings);
  const refunds = entryRefunds(analysis, options);
  // A declaration no export covers gets no refund lens ("$0.00" would say nothing); no-entry-data says why.
  if (!refunds.some((r) => r.status !== 'no-entry-data')) return [];
  const warningDays = analysis.settings.deadlineWarningDays;
  const uri = analysis.model.uri;
  const facts = (line: number, refunds: EntryRefund[], prefix: string): CodeLens[] => {
    const t = totals(refunds, warningDays);
    const detail = `${t.entries.toLocaleString('en-US')} entries: IEEPA duty ${formatCents(t.dutyCents)} + interest ${formatCents(t.interestCents)}${t.extrapolated ? ' (the last known interest rate is assumed for later quarters)' : ''}.`;
    const out = [lens(line, `${prefix}Expected refund ${formatCents(t.refundCents)}${t.extrapolated ? '*' : ''}`, detail, uri)];
    if (t.atRiskEntries > 0) out.push(lens(line, `${formatCents(t.atRiskCents)} at risk (${t.atRiskEntries} ${t.atRiskEntries === 1 ? 'entry' : 'entries'})`, 'Entries ACE would reject, or whose window has probably closed: not in the expected refund. The Refund Report lists them with reasons.', uri));
    if (t.closingSoon > 0) out.push(lens(line, `${t.closingSoon} window${t.closingSoon === 1 ? '' : 's'} close within ${warningDays} days`, `Entries whose 80-day window closes within cape.deadlineWarningDays (${warningDays}): file before then.`, uri));
    if (!prefix) out.push(lens(line, `${t.importers} importer${t.importers === 1 ? '' : 's'}`, 'CBP consolidates refunds per importer of record.', uri));
    return out;
  };
  const lenses = facts(0, refunds, '');
  const parts = refundsByPart(analysis, refunds);
  if (parts.length > 1) parts.forEach((part, i) => lenses.push(...facts(part[0]?.line ?? 0, part, `Part ${i + 1}: `)));
  return lenses;
}

/** Everything the Refund Report view shows, computed here so every client shows the same cents. */
export interface RefundReportData {
  filingDate: string;
  payer: string;
  ratesKnownThrough: string | null;
  ratesAssumed: boolean;
  totals: { entries: number; refundCents: number; dutyCents: number; interestCents: number; atRiskCents: number; atRiskEntries: number; importers: number; closingSoon: number; missing: number };
  importers: { importer: string; name: string; entries: number; refundCents: number }[];
  declarations: { path: string; absolutePath: string; entries: number; refundCents: number; atRiskCents: number }[];
  byLiquidationDate: { date: string; entries: number; refundCents: number }[];
  atRisk: { entry: string; importer: string; path: string; line: number; cents: number; reasons: string[] }[];
  /** Entries whose window closes in each of the next 12 weeks, from the filing date. */
  deadlinesPerWeek: { weekStart: string; weekEnd: string; entries: number }[];
  /** The same data as `cape summary`, for the export buttons. */
  exports: { markdown: string; csv: string; json: string };
}

/** `folders` are workspace folder paths: declarations are shown relative to them. */
export function refundReportData(files: readonly DeclarationRefunds[], filingDate: string, settings: CapeSettings, folders: readonly string[] = []): RefundReportData {
  const options = refundOptions(settings);
  const warningDays = settings.deadlineWarningDays;
  const all = files.flatMap((f) => f.refunds);
  const t = totals(all, warningDays);
  const relative = (p: string) => {
    for (const folder of folders) {
      const base = folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + (folder.includes('\\') && !folder.includes('/') ? '\\' : '/');
      if (p.startsWith(base)) return p.slice(base.length).replace(/\\/g, '/');
    }
    return p;
  };
  const importers = new Map<string, { name: string; refunds: EntryRefund[] }>();
  for (const r of all) {
    if (r.status !== 'expected') continue;
    const group = importers.get(r.importer) ?? { name: r.importerName ?? '', refunds: [] };
    group.name ||= r.importerName ?? '';
    group.refunds.push(r);
    importers.set(r.importer, group);
  }
  const byDate = new Map<string, EntryRefund[]>();
  for (const r of all) if (r.status === 'expected') byDate.set(r.liquidationDate ?? 'unliquidated', [...(byDate.get(r.liquidationDate ?? 'unliquidated') ?? []), r]);
  const weeks = Array.from({ length: 12 }, (_, i) => ({ weekStart: addDays(filingDate, i * 7), weekEnd: addDays(filingDate, i * 7 + 6), entries: 0 }));
  for (const r of all) if (r.daysLeft !== undefined && r.daysLeft >= 0 && r.daysLeft < 84) weeks[Math.floor(r.daysLeft / 7)].entries++;
  const sum = (refunds: readonly EntryRefund[]) => totals(refunds, warningDays);
  return {
    filingDate,
    payer: options.payer,
    ratesKnownThrough: ratesKnownThrough(options.rates),
    ratesAssumed: t.extrapolated,
    totals: { entries: t.entries, refundCents: t.refundCents, dutyCents: t.dutyCents, interestCents: t.interestCents, atRiskCents: t.atRiskCents, atRiskEntries: t.atRiskEntries, importers: t.importers, closingSoon: t.closingSoon, missing: t.missing },
    importers: [...importers].sort(([a], [b]) => (a < b ? -1 : 1)).map(([importer, g]) => ({ importer, name: g.name, entries: g.refunds.length, refundCents: sum(g.refunds).refundCents })),
    declarations: files.map((f) => ({ path: relative(f.path), absolutePath: f.path, entries: f.refunds.length, refundCents: sum(f.refunds).refundCents, atRiskCents: sum(f.refunds).atRiskCents })),
    byLiquidationDate: [...byDate].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, refunds]) => ({ date, entries: refunds.length, refundCents: sum(refunds).refundCents })),
    atRisk: files.flatMap((f) => f.refunds.filter((r) => r.status === 'at-risk').map((r) => ({ entry: r.entry, importer: r.importer, path: relative(f.path), line: r.line + 1, cents: r.dutyCents + r.interestCents, reasons: r.reasons }))),
    deadlinesPerWeek: weeks,
    exports: {
      markdown: summaryMarkdown(files, filingDate, options, warningDays),
      csv: summaryCsv(files),
      json: JSON.stringify(summaryJson(files, filingDate, options.payer, warningDays, options.rates), null, 2) + '\n',
    },
  };
}

/** The totals in one sentence, for clients that show the server's message (the refund lens command). */
export function refundMessage(files: readonly DeclarationRefunds[], warningDays: number): string {
  const t = totals(files.flatMap((f) => f.refunds), warningDays);
  return `CAPE: expected refund ${formatCents(t.refundCents)} (duty ${formatCents(t.dutyCents)} + interest ${formatCents(t.interestCents)}) for ${t.entries} entries; ${formatCents(t.atRiskCents)} at risk in ${t.atRiskEntries}; ${t.closingSoon} window(s) close within ${warningDays} days.`;
}
