/** `cape.files`, `cape.results`, `cape.exclude`, `cape.entryData`: globs matched against a path, absolute or relative to a workspace folder. */
import { minimatch } from 'minimatch';
import { URI } from 'vscode-uri';

export function matchesGlobs(path: string, globs: readonly string[], workspaceFolders: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const relative = workspaceFolders
    .map((folder) => URI.parse(folder).path.replace(/\/$/, '') + '/')
    .filter((folder) => path.startsWith(folder))
    .map((folder) => path.slice(folder.length));
  const candidates = [path, ...relative];
  return globs.some((glob) => candidates.some((p) => minimatch(p, glob, { dot: true, nocase: true, matchBase: !glob.includes('/') })));
}

/** `cape.workbook.sheet`: the sheet read in each workbook that has it (others: their first sheet with data). */
export function sheetSetting(settings: { workbook: { sheet: string } }): { where: string } | undefined {
  return settings.workbook.sheet === '' ? undefined : { where: settings.workbook.sheet };
}

/**
 * What the settings say a file is: `cape.files`, `cape.entryData`, `cape.results` decide before the
 * classifier looks at the file (the workspace scan, the editor and the prepare command alike).
 */
export function declaredKindOf(
  path: string,
  settings: { files: readonly string[]; entryData: readonly string[]; results: readonly string[] },
  workspaceFolders: readonly string[],
): 'declaration' | 'es003' | 'results' | undefined {
  if (matchesGlobs(path, settings.files, workspaceFolders)) return 'declaration';
  if (matchesGlobs(path, settings.entryData, workspaceFolders)) return 'es003';
  if (matchesGlobs(path, settings.results, workspaceFolders)) return 'results';
  return undefined;
}
