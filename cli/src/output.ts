/** Where a command writes: standard output and standard error (a test passes its own). */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}
