/**
 * Where one part's compressed bytes sit in a ZIP archive, read from its central directory. fflate
 * checks the directory and inflates small parts, but exposes no offsets; a worksheet streamed through
 * the platform's own inflater (DecompressionStream, native in Node and browsers) needs them. Anything
 * this does not read plainly (ZIP64, encryption, a method other than stored or deflated, a header that
 * disagrees) is `undefined`: the caller then leaves the part to hucre.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  compressedSize: number;
  size: number;
  /** The CRC-32 of the inflated bytes, as the directory records it (unsigned). */
  crc: number;
  /** Offset of the compressed bytes. */
  dataStart: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

/** One entry of the central directory, as recorded there. */
interface DirectoryEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** The archive's central directory by lower-cased name; undefined when it cannot be read plainly. */
export function zipDirectory(bytes: Uint8Array): Map<string, DirectoryEntry> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (u32(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = u16(end + 10);
  let at = u32(end + 16);
  const decoder = new TextDecoder();
  const entries = new Map<string, DirectoryEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== DIRECTORY_ENTRY) return undefined;
    const nameLength = u16(at + 28);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // A name listed twice (no archive Excel writes): the first entry, as a reader that searches finds it.
    if (!entries.has(name.toLowerCase())) entries.set(name.toLowerCase(), { name, flags: u16(at + 8), method: u16(at + 10), crc: u32(at + 16), compressedSize: u32(at + 20), size: u32(at + 24), localHeader: u32(at + 42) });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return entries;
}

export function findZipEntry(bytes: Uint8Array, name: string, directory = zipDirectory(bytes)): ZipEntry | undefined {
  const entry = directory?.get(name.toLowerCase());
  if (entry === undefined) return undefined;
  const { flags, method, crc, compressedSize, size, localHeader } = entry;
  const encrypted = (flags & 1) !== 0;
  if (encrypted || (method !== 0 && method !== 8) || [compressedSize, size, localHeader].includes(ZIP64_MARK)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (localHeader + 30 > bytes.length || view.getUint32(localHeader, true) !== LOCAL_HEADER) return undefined;
  const dataStart = localHeader + 30 + view.getUint16(localHeader + 26, true) + view.getUint16(localHeader + 28, true);
  if (dataStart + compressedSize > bytes.length) return undefined;
  return { name: entry.name, method, compressedSize, size, crc, dataStart };
}
