/**
 * A part's inflated bytes checked against its entry in the archive's directory: never more than the
 * size it declares, and the CRC-32 it records. Damage that still inflates (a changed digit in a
 * stored part, a deflate stream that still decodes) reads as other rows, other entries: only the
 * checksum tells. hucre checks neither, so every part it reads is checked here first.
 */
import { buf as crc32 } from 'crc-32';
import { WorkbookError } from './workbookError';
import type { ZipEntry } from './zipEntry';

export class PartCheck {
  private inflated = 0;
  private crc = 0;

  constructor(private readonly entry: { name: string; size: number; crc: number }) {}

  /** The next inflated bytes; throws once they pass the size the directory declares. */
  add(chunk: Uint8Array): void {
    this.inflated += chunk.length;
    if (this.inflated > this.entry.size) throw new WorkbookError(`is refused: its part ${this.entry.name} inflates past the ${sizeText(this.entry.size)} its directory declares (a zip bomb, or a damaged file)`);
    this.crc = crc32(chunk, this.crc);
  }

  /** After the last bytes: throws when they do not match the directory's checksum. */
  finish(): void {
    if ((this.crc >>> 0) !== this.entry.crc) throw damaged(this.entry.name, 'does not match its checksum (the file was cut short or altered)');
  }
}

/** A part inflated whole (fflate), checked. */
export function checkWholePart(entry: { name: string; size: number; crc: number }, data: Uint8Array): void {
  const check = new PartCheck(entry);
  check.add(data);
  check.finish();
}

/** A part's bytes as the platform's inflater (DecompressionStream, native in Node and browsers) gives them. */
export function inflatedPart(bytes: Uint8Array, entry: ZipEntry): ReadableStream<Uint8Array> {
  const stored = new Blob([bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)]).stream();
  return entry.method === 8 ? stored.pipeThrough(new DecompressionStream('deflate-raw')) : stored;
}

/** The next chunk, or undefined when the stream fails (deflate data that cannot be inflated). */
export async function nextChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]>> | undefined> {
  try {
    return await reader.read();
  } catch {
    return undefined;
  }
}

/** A part streamed through the platform's inflater and checked, before a reader that checks nothing reads it. */
export async function checkStreamedPart(bytes: Uint8Array, entry: ZipEntry): Promise<void> {
  const check = new PartCheck(entry);
  const reader = inflatedPart(bytes, entry).getReader();
  try {
    for (;;) {
      const chunk = await nextChunk(reader);
      if (!chunk) throw damaged(entry.name, 'cannot be inflated (the file was cut short or altered)');
      if (chunk.done) return check.finish();
      check.add(chunk.value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

function damaged(name: string, what: string): WorkbookError {
  const part = /^xl\/worksheets\//i.test(name) ? 'sheet' : 'part';
  return new WorkbookError(`is damaged: its ${part} ${name} ${what}: open it in Excel, save it again, and check it again`);
}

function sizeText(bytes: number): string {
  if (bytes >= 1048576) return `${Math.round(bytes / 1048576)} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}
