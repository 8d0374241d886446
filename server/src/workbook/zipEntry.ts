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

export function findZipEntry(bytes: Uint8Array, name: string): ZipEntry | undefined {
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
  const wanted = name.toLowerCase();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== DIRECTORY_ENTRY) return undefined;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameLength = u16(at + 28);
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32);
    const entryName = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (entryName.toLowerCase() === wanted) {
      const local = u32(at + 42);
      const encrypted = (flags & 1) !== 0;
      if (encrypted || (method !== 0 && method !== 8) || [compressedSize, size, local].includes(ZIP64_MARK)) return undefined;
      if (local + 30 > bytes.length || u32(local) !== LOCAL_HEADER) return undefined;
      const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
      if (dataStart + compressedSize > bytes.length) return undefined;
      return { name: entryName, method, compressedSize, size, crc, dataStart };
    }
    at = next;
  }
  return undefined;
}
