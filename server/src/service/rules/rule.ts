/** What a rule sees and how it reports. One rule per file; rules/index.ts is the table. */
import type { Code, Severity } from '../codes';
import type { DeclarationModel } from '../model';
import type { CapeSettings } from '../settings';
import type { OffsetEdit } from '../text';
import type { WorkspaceView } from '../workspace';

export interface QuickFix {
  title: string;
  edits: OffsetEdit[];
}

export interface Finding {
  code: Code;
  start: number;
  end: number;
  message: string;
  /** Overrides the code's default severity (non-ascii is an error when no lossless fix exists). */
  severity?: Severity;
  /** The lossless repair of this one problem, carried to the client in the diagnostic's data. */
  fix?: QuickFix;
  /** Extra facts for hovers and fixes (expected check digit, counts). */
  details?: Record<string, string | number | boolean>;
  related?: { start: number; end: number; message: string }[];
  /** Places in other files (cross-file rules). */
  relatedUris?: { uri: string; line: number; message: string }[];
  unnecessary?: boolean;
}

export interface RuleContext {
  model: DeclarationModel;
  settings: CapeSettings;
  /** False above `cape.maxEntries` rows: rules that look at each entry stay quiet. */
  perEntry: boolean;
  report(finding: Finding): void;
}

export interface Rule {
  /** The codes this rule may report. */
  codes: readonly Code[];
  check(context: RuleContext): void;
}

export interface CrossFileContext {
  model: DeclarationModel;
  settings: CapeSettings;
  workspace: WorkspaceView;
  /** YYYY-MM-DD: cape.filingDate, or today as the caller knows it (the service reads no clock). */
  filingDate: string;
  /** The index holds exactly this text's keys (a CLI run): the file's own shared-key set answers alone. */
  indexedAsIs?: boolean;
  report(finding: Finding): void;
}

/** A rule that needs the workspace index: run per request, never cached with the document. */
export interface CrossFileRule {
  codes: readonly Code[];
  check(context: CrossFileContext): void;
}
