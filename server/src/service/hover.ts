/** Hover on an entry: its parts, the check digit verdict, its place in the file. */
import type { Hover, Position } from 'vscode-languageserver-types';
import { isWorkspaceAnalysis, type Analysis, type WorkspaceAnalysis } from './analyze';
import { computeCheckDigit, formatEntryNumber, splitEntryNumber } from './entryNumber';
import { MAX_ENTRIES_PER_DECLARATION, type Entry } from './model';
import { windowOf } from './eligibility';
import { formatCents } from './money';
import { liquidationOf } from './es003';
import { entryRefunds, refundOptions } from './refunds';
import { fileNameOf } from './fileNames';

export function entryAtLine(analysis: Analysis, line: number): Entry | undefined {
  const entries = analysis.model.entries;
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const row = entries[mid].row;
    const lastLine = analysis.model.lines.positionAt(row.end).line;
    if (line < row.line) high = mid - 1;
    else if (line > lastLine) low = mid + 1;
    else return entries[mid];
  }
  return undefined;
}

export function getHover(analysis: Analysis, position: Position): Hover | null {
  const { model } = analysis;
  const total = model.entries.length;
  if (model.header && position.line === model.header.line) {
    const parts = Math.ceil(total / MAX_ENTRIES_PER_DECLARATION);
    const limit = total > MAX_ENTRIES_PER_DECLARATION ? ` — over the limit of 9,999: split into ${parts} declarations` : '';
    const workspace = isWorkspaceAnalysis(analysis) ? analysis.workspace : undefined;
    const missing = workspace?.hasEntryData ? model.entries.filter((e) => e.facts.key.length === 11 && !workspace.entryFacts(e.facts.key)) : [];
    const detail = missing.length > 0 ? `\n\nNot in any ES-003 export (${missing.length}): ${missing.slice(0, 20).map((e) => `line ${e.row.line + 1} \`${e.facts.key}\``).join(', ')}${missing.length > 20 ? ', ...' : ''}` : '';
    return { contents: { kind: 'markdown', value: `**CAPE Declaration** · ${total.toLocaleString('en-US')} entries${limit}${detail}` }, range: model.lines.range(model.header.cellStart, model.header.cellEnd) };
  }
  const entry = entryAtLine(analysis, position.line);
  if (!entry) return null;
  const value = entry.facts.key;
  const lines = [`**${formatEntryNumber(value) || '(empty)'}** · entry ${entry.ordinal.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`, ''];
  if (value.length === 11 && /^[A-Z0-9]+$/.test(value)) {
    const { filerCode, transactionNumber, checkDigit } = splitEntryNumber(value);
    const expected = computeCheckDigit(value.slice(0, 10));
    const verdict = String(expected) === checkDigit ? '✓ correct' : `✗ the first ten characters need ${expected}`;
    lines.push('| Filer code | Transaction number | Check digit |', '|---|---|---|', `| \`${filerCode}\` | \`${transactionNumber}\` | \`${checkDigit}\` ${verdict} |`, '');
  } else {
    lines.push(`Not an 11-character entry number (${value.length} characters after clean-up).`, '');
  }
  if (entry.facts.padded) lines.push(`Leading zeros restored: \`${entry.facts.padded}\``, '');
  lines.push(`Normalized: \`${value}\``);
  if (entry.ordinal > MAX_ENTRIES_PER_DECLARATION) lines.push('', `In part ${Math.ceil(entry.ordinal / MAX_ENTRIES_PER_DECLARATION)} once split (9,999 entries per declaration).`);
  if (isWorkspaceAnalysis(analysis)) lines.push(...workspaceLines(analysis, value));
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: model.lines.range(entry.row.cellStart, entry.row.cellEnd) };
}

/** Where else the entry is declared in the workspace, and what CBP said about it. */
function workspaceLines(analysis: WorkspaceAnalysis, key: string): string[] {
  const workspace = analysis.workspace;
  const out: string[] = [];
  const others = workspace.occurrencesElsewhere(key, analysis.model.uri);
  if (others.length > 0) {
    out.push('', '**Also declared in:**');
    for (const o of others.slice(0, 10)) out.push(`- ${fileNameOf(o.uri)}, line ${o.line + 1}`);
    if (others.length > 10) out.push(`- and ${others.length - 10} more`);
  }
  const facts = workspace.entryFacts(key);
  if (facts) {
    // A small table: each fact in its own cell, so nothing runs together in any client.
    const window = windowOf(facts, analysis.filingDate);
    const liquidation = liquidationOf(facts);
    const liquidationText = liquidation === 'unknown' && !facts.liquidationKnown ? 'not in the export' : `${facts.liquidationStatus || liquidation}${facts.liquidationDate ? ` (${facts.liquidationDate})` : ''}`;
    const daysLeft = window ? (window.daysLeft >= 0 ? `${window.daysLeft} (last filing day ${window.lastFilingDay})` : `closed on ${window.lastFilingDay}`) : '-';
    const cell = (text: string) => text.replace(/\|/g, '\\|');
    out.push(
      '',
      '**ES-003**',
      '',
      '| | |',
      '|---|---|',
      `| Importer | ${cell(facts.importer || '?')}${facts.importerName ? ` (${cell(facts.importerName)})` : ''} |`,
      `| Entry type | ${cell(facts.entryType || '?')} |`,
      `| Entry date | ${facts.entryDate ?? '?'} |`,
      `| Summary date | ${facts.summaryDate ?? '?'} |`,
      `| Liquidation | ${cell(liquidationText)} |`,
      `| IEEPA duty | ${facts.ieepaKnown ? `${formatCents(facts.ieepaDutyCents)} (${facts.ieepaLines} line${facts.ieepaLines === 1 ? '' : 's'})` : 'not in the export (no HTS or duty column)'} |`,
      `| Days left | ${daysLeft} |`,
    );
    const refund = entryRefunds(analysis, refundOptions(analysis.settings)).find((r) => r.entry === key);
    if (refund?.interest) {
      const i = refund.interest;
      out.push('', `**Refund:** ${formatCents(refund.dutyCents + refund.interestCents)} = duty ${formatCents(refund.dutyCents)} + interest ${formatCents(refund.interestCents)}${refund.status === 'at-risk' ? ` (at risk: ${refund.reasons.join(', ')})` : ''}`);
      out.push(`${i.days} days from ${refund.depositDate} (${refund.depositBasis}${refund.estimated ? ', an estimate: no payment or entry summary date' : ''}) to ${refund.endDate} (${refund.endBasis}), ${analysis.settings.interest.payer} rate, compounded daily:`);
      for (const s of i.segments) out.push(`- ${s.from} to ${s.to}: ${s.days} days at ${s.rate}%${s.assumed ? ' (last known rate assumed)' : ''}`);
    } else if (refund) out.push('', `**Refund:** not computed: ${refund.reasons.join(', ')}`);
  }
  for (const r of workspace.resultsFor(key)) {
    const onClaim = r.claim ? ` on claim ${r.claim}` : '';
    const verdict =
      r.status === 'accepted' ? `accepted${onClaim}`
      : r.status === 'rejected' ? `rejected${onClaim}: ${r.message || r.statusText}`
      : `listed${onClaim}, ${r.statusText ? `status "${r.statusText}" (not a status CAPE Tools knows)` : 'no status'}: proves neither acceptance nor rejection`;
    out.push('', `**CBP:** ${verdict} (${fileNameOf(r.uri)}, line ${r.line + 1})`);
  }
  return out;
}
