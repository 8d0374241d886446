/** Calendar dates as ISO strings (YYYY-MM-DD), with day arithmetic in UTC: no time zones, no clocks. */

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(value + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `MM/DD/YYYY` (ES-003) or `YYYY-MM-DD`; undefined when it is neither. */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  let iso: string | undefined;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (us) iso = `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}/.test(t)) iso = t.slice(0, 10);
  return iso && isIsoDate(iso) ? iso : undefined;
}

export function toDay(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000);
}

export function fromDay(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDay(toDay(iso) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}
