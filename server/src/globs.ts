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
