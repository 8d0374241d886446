/** Command-line arguments to inputs. Reading and deciding what each file is belongs to the shared loader. */
import { expandInputs, UsageError, type InputFile, type LoadFailure } from '../../server/src/loader';
import type { Output } from './output';

export { UsageError, type InputFile };

/**
 * `--flag a b c`: the values after a list flag up to the next flag, removed from args.
 * (`--flag a --flag b` works too.)
 */
export function takeList(args: string[], flag: string): { rest: string[]; values: string[] } {
  const rest: string[] = [];
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) {
      while (i + 1 < args.length && !args[i + 1].startsWith('--')) values.push(args[++i]);
    } else if (args[i].startsWith(flag + '=')) values.push(args[i].slice(flag.length + 1));
    else rest.push(args[i]);
  }
  return { rest, values };
}

/** Expands several argument lists; failures (an unreadable folder) are collected, each naming its path. */
export async function expandAll(...lists: string[][]): Promise<{ lists: InputFile[][]; failures: LoadFailure[] }> {
  const out: InputFile[][] = [];
  const failures: LoadFailure[] = [];
  for (const args of lists) {
    if (args.length === 0) {
      out.push([]);
      continue;
    }
    const expanded = await expandInputs(args);
    out.push(expanded.files);
    failures.push(...expanded.failures);
  }
  return { lists: out, failures };
}

/** Prints each failure as `cape: <path>: <what failed>`; true when there were any. */
export function reportFailures(failures: readonly LoadFailure[], io: Output): boolean {
  for (const f of failures) io.err(`cape: ${f.display}: ${f.message}\n`);
  return failures.length > 0;
}
