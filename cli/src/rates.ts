/** `--rates <file>`: extra overpayment-rate quarters, the same data as the `cape.interest.rates` setting. */
import * as fs from 'node:fs';
import { parseRatesCsv, type UserRate } from '../../server/src/service';
import { UsageError } from './inputFiles';

export function readRatesOption(file: string | undefined): UserRate[] {
  if (file === undefined) return [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--rates ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { rates, problems } = parseRatesCsv(text);
  if (problems.length > 0) throw new UsageError(`--rates ${file}: ${problems[0]} (CSV rows: quarter, non-corporate %, corporate %)`);
  if (rates.length === 0) throw new UsageError(`--rates ${file}: no rates found (CSV rows: quarter, non-corporate %, corporate %, for example 2027Q1,7,6)`);
  return rates;
}
