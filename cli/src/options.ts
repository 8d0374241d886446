/** The options several commands share, checked in one place, with one message each. */
import { DEFAULT_SETTINGS, isIsoDate, PHASES, type CapeSettings } from '../../server/src/service';
import { UsageError } from './inputFiles';
import { readRatesOption } from './rates';

/** `--filing-date YYYY-MM-DD`, checked; undefined when not given. */
export function filingDateOption(value: string | undefined): string | undefined {
  if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--filing-date takes YYYY-MM-DD, not '${value}'`);
  return value;
}

/** `--phase auto|1|2`, checked; `auto` when not given. */
export function phaseOption(value: string | undefined): string {
  const phase = value ?? 'auto';
  if (phase !== 'auto' && !PHASES.some((p) => p.id === phase)) throw new UsageError(`--phase takes auto or ${PHASES.map((p) => p.id).join('|')}, not '${phase}'`);
  return phase;
}

/** The settings of a command given `--filing-date`, `--phase` and `--rates` (an empty filing date means today). */
export function commandSettings(values: { 'filing-date'?: string; phase?: string; rates?: string }, filingDate = filingDateOption(values['filing-date']) ?? ''): CapeSettings {
  return { ...DEFAULT_SETTINGS, filingDate, phase: phaseOption(values.phase), interest: { ...DEFAULT_SETTINGS.interest, rates: readRatesOption(values.rates) } };
}
