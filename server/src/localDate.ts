/** Today on this machine's calendar, as YYYY-MM-DD: the default filing date. The service itself reads no clock. */
export function todayIso(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
