/** A workbook that cannot be read, in words a user acts on (the caller adds the file's name). */
export class WorkbookError extends Error {
  override name = 'WorkbookError';
}

/** An error's first line, short: what a library said, quoted in a WorkbookError. */
export function messageOf(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0].slice(0, 200);
}
