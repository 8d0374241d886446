/** ES-003 exports for tests: one object per line row. */
import { parse } from 'csv-parse/sync';
import { Es003Aggregator, WorkspaceIndex } from '../../server/src/service';

export interface Es003Row {
  entry: string;
  type?: string;
  importer?: string;
  entryDate?: string;
  summaryDate?: string;
  hts?: string;
  duty?: string;
  status?: string;
  liquidationDate?: string;
  recon?: string;
  protestNumber?: string;
  protestStatus?: string;
  drawback?: string;
  adcvd?: string;
  warehouse?: string;
  paymentDate?: string;
}

export const ES003_HEADER = ['Entry Summary Number', 'Entry Summary Line Number', 'Entry Type Code', 'Importer Number', 'Entry Date', 'Entry Summary Date', 'HTS Number - Full',
  'Line Tariff Duty Amount', 'Liquidation Status', 'Liquidation Date', 'Reconciliation Indicator', 'Protest Number', 'Protest Status', 'Drawback Indicator', 'AD/CVD Indicator', 'Warehouse Indicator', 'Payment Date'];

export function es003Text(rows: Es003Row[], delimiter = ','): string {
  const cell = (v: string | undefined) => (v === undefined ? '' : /[",]/.test(v) && delimiter === ',' ? `"${v.replace(/"/g, '""')}"` : v);
  return [ES003_HEADER.join(delimiter), ...rows.map((r) => [r.entry, '001', r.type ?? '01', r.importer ?? '12-3456789AB', r.entryDate ?? '03/15/2025', r.summaryDate ?? '03/20/2025', r.hts ?? '9903.01.25',
    r.duty ?? '$1,000.00', r.status ?? 'Unliquidated', r.liquidationDate ?? '', r.recon ?? 'N', r.protestNumber ?? '', r.protestStatus ?? '', r.drawback ?? 'N', r.adcvd ?? 'N', r.warehouse ?? 'N', r.paymentDate ?? ''].map(cell).join(delimiter))].join('\r\n') + '\r\n';
}

/** Aggregates an export the way the streaming reader does, record by record. */
export function aggregate(text: string, uri = 'file:///w/es003.csv', delimiter = ','): Es003Aggregator {
  const aggregator = new Es003Aggregator(uri);
  const records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, bom: true, skip_empty_lines: false }) as string[][];
  records.forEach((r, i) => aggregator.addRow(r, i));
  return aggregator;
}

export function indexWith(text: string, uri = 'file:///w/es003.csv'): WorkspaceIndex {
  const index = new WorkspaceIndex();
  const data = aggregate(text, uri);
  index.setEntryData(uri, data.facts, data.problems, data.rows);
  return index;
}
