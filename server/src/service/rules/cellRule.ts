/**
 * The shape every cell-damage rule shares: for each unusual entry cell whose facts show the damage,
 * one finding on the cell, with the single-step repair when it is safe to write.
 */
import type { Code } from '../codes';
import type { CellFacts } from '../normalize';
import { isWorkbookName } from '../workbook';
import { isPlainCell, rawCell, replaceCell } from './helpers';
import type { Rule } from './rule';

export interface CellRuleSpec {
  /** The cell shows this damage. */
  when(facts: CellFacts): boolean;
  /** `inWorkbook`: the cell is in an Excel workbook, which is never saved as CSV by hand (rules/workbook.ts). */
  message(facts: CellFacts, inWorkbook: boolean): string;
  /** The repaired raw cell text, and the fix's title; no fix when absent or when the result is not a plain cell. */
  repair?: {
    title: string;
    apply(raw: string, facts: CellFacts): string;
    /** Offer the fix only when the result is a plain cell (no comma, quote or line break to change the columns). */
    plainOnly?: boolean;
  };
}

export function cellRule(code: Code, spec: CellRuleSpec): Rule {
  return {
    codes: [code],
    check({ model, perEntry, report }) {
      if (!perEntry) return;
      const inWorkbook = isWorkbookName(model.uri);
      for (const { row, facts } of model.unusual) {
        if (!spec.when(facts)) continue;
        const raw = rawCell(model, row);
        const repaired = spec.repair?.apply(raw, facts);
        // A value holding a comma or quote would change the file's columns once written bare (plainOnly).
        const writable = repaired !== undefined && (!spec.repair?.plainOnly || (isPlainCell(repaired) && repaired !== raw));
        const fix = spec.repair && writable ? { title: spec.repair.title, edits: [replaceCell(row, repaired!)] } : undefined;
        report({ code, start: row.cellStart, end: row.cellEnd, message: spec.message(facts, inWorkbook), fix });
      }
    },
  };
}
