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
