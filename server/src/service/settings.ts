/**
 * The settings contract (section `cape`). package.json's `contributes.configuration` mirrors
 * DEFAULT_SETTINGS; a unit test fails when they drift apart.
 */
import { isIsoDate } from './dates';
import type { Severity } from './codes';

export type RuleSetting = Severity | 'off';

export interface CapeSettings {
  /** Globs of files that are declarations whatever their first row says. */
  files: string[];
  /** Globs of workspace files the index leaves out (besides files.exclude, .git, node_modules). */
  exclude: string[];
  /** Globs of CBP results downloads (besides those recognized by their header). */
  results: string[];
  /** Severity override per diagnostic code. */
  rules: Record<string, RuleSetting>;
  /** The filer codes the user may declare for; empty = no check. */
  filerCodes: string[];
  /** YYYY-MM-DD; empty = today. */
  filingDate: string;
  /** `auto` (the phase in force on the filing date) or a phase id. */
  phase: string;
  /** Warn when an entry's window closes within this many days. */
  deadlineWarningDays: number;
  /** Globs of ES-003 exports (besides those recognized by their header). */
  entryData: string[];
  /** Above this many rows, only structural checks run. */
  maxEntries: number;
  refund: { processingDays: number };
  interest: { payer: 'corporate' | 'non-corporate'; rates: { quarter: string; corporate: number; nonCorporate: number }[] };
  codeLens: { enabled: boolean };
  /** Show the Refactor Preview before a split writes its parts (off: the new parts are created directly). */
  split: { preview: boolean };
  /** The worksheet read in every Excel workbook; empty = each workbook's first sheet with data. */
  workbook: { sheet: string };
  trace: { server: 'off' | 'messages' | 'verbose' };
}

export const DEFAULT_SETTINGS: CapeSettings = {
  files: [],
  exclude: [],
  results: [],
  rules: {},
  filerCodes: [],
  filingDate: '',
  phase: 'auto',
  deadlineWarningDays: 14,
  entryData: [],
  maxEntries: 1000000,
  refund: { processingDays: 45 },
  interest: { payer: 'corporate', rates: [] },
  codeLens: { enabled: true },
  split: { preview: false },
  workbook: { sheet: '' },
  trace: { server: 'off' },
};

const RULE_VALUES = new Set(['error', 'warning', 'info', 'off']);

/** Reads whatever a client sent into a well-typed settings object; anything malformed falls back to the default. */
export function resolveSettings(raw: unknown): CapeSettings {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const stringList = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const rules: Record<string, RuleSetting> = {};
  if (input.rules && typeof input.rules === 'object') {
    for (const [code, value] of Object.entries(input.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && RULE_VALUES.has(value)) rules[code] = value as RuleSetting;
    }
  }
  const section = (name: string) => (input[name] && typeof input[name] === 'object' ? (input[name] as Record<string, unknown>) : {});
  const rates = Array.isArray(section('interest').rates)
    ? (section('interest').rates as unknown[]).filter((r): r is { quarter: string; corporate: number; nonCorporate: number } => {
        const q = r as Record<string, unknown>;
        return !!q && typeof q.quarter === 'string' && /^\d{4}Q[1-4]$/.test(q.quarter) && typeof q.corporate === 'number' && typeof q.nonCorporate === 'number';
      })
    : [];
  const processingDays = section('refund').processingDays;
  const trace = (input.trace && typeof input.trace === 'object' ? (input.trace as Record<string, unknown>).server : undefined) as string;
  return {
    files: stringList(input.files),
    exclude: stringList(input.exclude),
    results: stringList(input.results),
    rules,
    filerCodes: stringList(input.filerCodes).map((c) => c.trim().toUpperCase()).filter((c) => c !== ''),
    filingDate: typeof input.filingDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.filingDate) ? input.filingDate : '',
    phase: typeof input.phase === 'string' && /^(auto|[0-9]+)$/.test(input.phase) ? input.phase : 'auto',
    deadlineWarningDays: typeof input.deadlineWarningDays === 'number' && input.deadlineWarningDays >= 0 ? Math.floor(input.deadlineWarningDays) : DEFAULT_SETTINGS.deadlineWarningDays,
    entryData: stringList(input.entryData),
    maxEntries: typeof input.maxEntries === 'number' && input.maxEntries > 0 ? Math.floor(input.maxEntries) : DEFAULT_SETTINGS.maxEntries,
    refund: { processingDays: typeof processingDays === 'number' && processingDays >= 0 ? Math.floor(processingDays) : DEFAULT_SETTINGS.refund.processingDays },
    interest: { payer: section('interest').payer === 'non-corporate' ? 'non-corporate' : 'corporate', rates },
    codeLens: { enabled: section('codeLens').enabled !== false },
    split: { preview: section('split').preview === true },
    workbook: { sheet: typeof section('workbook').sheet === 'string' ? (section('workbook').sheet as string).trim() : '' },
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
  };
}

/**
 * The filing date the deadline rules use: `cape.filingDate` when it is a real date, else `today` as
 * the caller's clock gives it (the service reads no clock). Every adapter resolves it here.
 */
export function resolveFilingDate(settings: { filingDate: string }, today: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(settings.filingDate) && isIsoDate(settings.filingDate) ? settings.filingDate : today;
}
