/**
 * File names the product writes (parts, manifest, exclusions) come partly from input file names:
 * they must never escape their folder or name a device, whatever the input was called.
 */

/** Windows device names, reserved with any extension (`NUL.csv` is the NUL device too). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

export function isSafeFileName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    name !== '.' &&
    name !== '..' &&
    !/[\\/:*?"<>|\x00-\x1f]/.test(name) &&
    !/[. ]$/.test(name) &&
    !RESERVED.test(name)
  );
}

/** The file name a URI ends in, decoded: for messages and for names built from it. */
export function fileNameOf(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** A stem taken from an input name, made safe to build new names from. */
export function safeStem(stem: string): string {
  const cleaned = stem.replace(/[\\/:*?"<>|\x00-\x1f]+/g, '_').replace(/^\.+/, '').replace(/[. ]+$/, '');
  return cleaned === '' || RESERVED.test(cleaned) ? `declaration-${cleaned || 'file'}`.replace(/[. ]+$/, '') : cleaned;
}

/**
 * A URI's path, decoded (`file:///w/a%20b.csv` -> `/w/a b.csv`): what two spellings of one file share
 * (the server's URIs escape `:` and the CLI's do not).
 */
export function decodedPath(uri: string): string {
  const path = uri.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The folder a URI's file is in, as a decoded path ending in `/`. */
export function decodedFolder(uri: string): string {
  const path = decodedPath(uri);
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** `to` (a decoded path) relative to the folder `from` (a decoded path ending in `/`): `../a.csv`. */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let same = 0;
  while (same < a.length && same < b.length - 1 && a[same] === b[same]) same++;
  return [...Array(a.length - same).fill('..'), ...b.slice(same)].join('/');
}

/** A relative path (`../a.csv`) from the folder `from` (a decoded path ending in `/`), as a decoded path. */
export function resolvedPath(from: string, relative: string): string {
  const out = from.split('/').slice(0, -1);
  for (const step of relative.split('/')) {
    if (step === '..') {
      if (out.length > 1) out.pop();
    } else if (step !== '.' && step !== '') out.push(step);
  }
  return out.join('/');
}
