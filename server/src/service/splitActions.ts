/** Split as an editor action: one WorkspaceEdit that creates the parts, previewed and undone as one. */
import { fileNameOf } from './fileNames';
import { CODE_ACTION_KINDS } from './ids';
import { newFileChanges } from './newFiles';
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import { MAX_ENTRIES_PER_DECLARATION } from './model';
import { SPLIT_COMMAND } from './outline';
import { partFileNames, splitDeclaration } from './split';

export const SPLIT_REFACTOR_KIND = CODE_ACTION_KINDS.split;
export const SPLIT_ANNOTATION = 'cape.split';

/** What only the adapter knows: where the document lives and which names are taken on disk. */
export interface SplitEnvironment {
  /** The folder URI of the document (with a trailing slash), or undefined for an unsaved document. */
  directoryUri: string | undefined;
  taken(name: string): boolean;
  /** The text of a file beside the document, when it exists (an exclusion file to append to). */
  siblingText?(name: string): string | undefined;
  /** Show the Refactor Preview before a split writes its parts (`cape.split.preview`). */
  preview?: boolean;
}

export interface SplitPlan {
  edit: WorkspaceEdit;
  names: string[];
  collided: string[];
  parts: number;
}

export function planSplitEdit(analysis: Analysis, environment: SplitEnvironment, max = MAX_ENTRIES_PER_DECLARATION): SplitPlan | undefined {
  const { directoryUri } = environment;
  if (!directoryUri || analysis.model.entries.length === 0) return undefined;
  const total = Math.ceil(analysis.model.entries.length / max);
  const { names, collided } = partFileNames(fileNameOf(analysis.model.uri), total, environment.taken);
  const files = splitDeclaration(analysis, names, max);
  const documentChanges: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const file of files) {
    const uri = directoryUri + encodeURIComponent(file.name);
    documentChanges.push(...newFileChanges(uri, file.text, SPLIT_ANNOTATION));
  }
  const edit: WorkspaceEdit = {
    documentChanges,
    changeAnnotations: {
      [SPLIT_ANNOTATION]: {
        label: `Split into ${files.length} declarations`,
        // New files that never overwrite anything: written directly unless the user asked for the preview.
        needsConfirmation: environment.preview === true,
        description: `Creates ${names.join(', ')}; ${fileNameOf(analysis.model.uri)} is left unchanged.`,
      },
    },
  };
  return { edit, names, collided, parts: files.length };
}

function title(plan: Pick<SplitPlan, 'names' | 'collided' | 'parts'>, max: number): string {
  const base = `Split into ${plan.parts} declarations of at most ${max.toLocaleString('en-US')}`;
  if (plan.collided.length === 0) return base;
  return `${base} (${plan.collided[0]} exists: writing ${plan.names[0]}${plan.names.length > 1 ? ', ...' : ''})`;
}

/**
 * The quick fix on `over-limit` and the split refactoring offered on any declaration. They run the
 * split command (which applies the edit through workspace/applyEdit) rather than carry the edit:
 * the parts are computed only when chosen, and clients can write them byte for byte.
 */
export function splitCodeActions(analysis: Analysis, diagnostics: readonly Diagnostic[], environment: SplitEnvironment, wants: (kind: string) => boolean): CodeAction[] {
  const max = MAX_ENTRIES_PER_DECLARATION;
  const actions: CodeAction[] = [];
  const overLimit = diagnostics.filter((d) => d.code === 'over-limit');
  const needed = analysis.model.entries.length > max;
  // Names only: the parts themselves are computed when the user chooses the action.
  const total = Math.ceil(analysis.model.entries.length / max);
  const plan = needed && environment.directoryUri ? { ...partFileNames(fileNameOf(analysis.model.uri), total, environment.taken), parts: total } : undefined;
  const command = (t: string) => ({ title: t, command: SPLIT_COMMAND, arguments: [analysis.model.uri] });
  if (overLimit.length > 0 && wants(CodeActionKind.QuickFix) && plan) {
    actions.push({ title: title(plan, max), kind: CodeActionKind.QuickFix, diagnostics: overLimit, isPreferred: true, command: command(title(plan, max)) });
  }
  // One split action in the lightbulb: the refactoring only where the quick fix is not already offered.
  if (wants(SPLIT_REFACTOR_KIND) && actions.length === 0) {
    if (plan) actions.push({ title: title(plan, max), kind: SPLIT_REFACTOR_KIND, command: command(title(plan, max)) });
    else {
      const reason = !environment.directoryUri
        ? 'Save the declaration first: the parts are written beside it'
        : `${analysis.model.entries.length.toLocaleString('en-US')} entries fit in one declaration (at most 9,999)`;
      actions.push({ title: 'Split into declarations of at most 9,999', kind: SPLIT_REFACTOR_KIND, disabled: { reason } });
    }
  }
  return actions;
}
