/** A workbook that cannot be read, in words a user acts on (the caller adds the file's name). */
export class WorkbookError extends Error {
  override name = 'WorkbookError';
}
