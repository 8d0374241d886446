/** The refund report: the same per-entry cents as the lens and hover, summed, in JSON, Markdown or CSV. */
import { stringify } from 'csv-stringify/sync';
import type { Analysis } from './analyze';
import { formatCents } from './eligibility';
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
export function declarationRefunds(path: string, analysis: Analysis): DeclarationRefunds {
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
export function getRefundLenses(analysis: Analysis): CodeLens[] {
  if (!analysis.settings.codeLens.enabled || !analysis.workspace?.hasEntryData || analysis.model.entries.length === 0) return [];
  const options = refundOptions(analysis.settings);
  const refunds = entryRefunds(analysis, options);
  // A declaration no export covers gets no refund lens ("$0.00" would say nothing); no-entry-data says why.
  if (!refunds.some((r) => r.status !== 'no-entry-data')) return [];
  const warningDays = analysis.settings.deadlineWarningDays;
  const text = (refunds: EntryRefund[]) => {
    const t = totals(refunds, warningDays);
    const parts = [`${t.entries.toLocaleString('en-US')} entries · expected refund ${formatCents(t.refundCents)} (duty ${formatCents(t.dutyCents)} + interest ${formatCents(t.interestCents)}${t.extrapolated ? ', last known rate assumed' : ''}) · ${t.importers} importer${t.importers === 1 ? '' : 's'}`];
    if (t.atRiskEntries > 0) parts.push(`${formatCents(t.atRiskCents)} at risk in ${t.atRiskEntries} entries`);
    if (t.closingSoon > 0) parts.push(`${t.closingSoon} window${t.closingSoon === 1 ? '' : 's'} close within ${warningDays} days`);
    return parts.join(' · ');
  };
  const uri = analysis.model.uri;
  const lenses: CodeLens[] = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: { title: text(refunds), command: REPORT_COMMAND, arguments: [uri] } }];
  const parts = refundsByPart(analysis, refunds);
  if (parts.length > 1) {
    parts.forEach((part, i) => {
      const line = part[0]?.line ?? 0;
      lenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title: `Part ${i + 1}: ${text(part)}`, command: REPORT_COMMAND, arguments: [uri] } });
    });
  }
  return lenses;
}
