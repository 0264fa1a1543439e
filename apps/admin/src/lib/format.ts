/** Formatting for people, always in the admin's chosen time zone. */

export function formatDateTime(iso: string | null | undefined, zone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(d);
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateInZone(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole days from `today` to `date` (both YYYY-MM-DD); negative when past. */
export function daysBetween(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function formatMoney(m: { amount: number; currency: string } | null | undefined): string {
  if (!m) return '—';
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency }).format(m.amount / 100);
}

/** "HH:MM" of minutes from local midnight. */
export function minutesToClock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A weekly pattern as one line per day, e.g. "Mon 09:00–12:00, 13:00–17:00". */
export function summarizeWeek(
  windows: readonly { day: number; startMinute: number; endMinute: number }[],
): string[] {
  const byDay = new Map<number, string[]>();
  for (const w of [...windows].sort((a, b) => a.day - b.day || a.startMinute - b.startMinute)) {
    const list = byDay.get(w.day) ?? [];
    list.push(`${minutesToClock(w.startMinute)}–${minutesToClock(w.endMinute)}`);
    byDay.set(w.day, list);
  }
  return [...byDay.entries()].map(([day, list]) => `${DAYS[day - 1] ?? `Day ${day}`} ${list.join(', ')}`);
}

/** Most that may still be refunded: what was charged minus what was refunded already. */
export function refundCap(payment: { charged: { amount: number }; refunded: { amount: number } }): number {
  return Math.max(0, payment.charged.amount - payment.refunded.amount);
}

/** Parses a refund amount typed in major units ("12.50") into minor units, or an error sentence. */
export function parseRefundAmount(text: string, cap: number): { amount: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return { error: 'Enter an amount like 12.50.' };
  const amount = Math.round(Number(trimmed) * 100);
  if (amount <= 0) return { error: 'The amount must be more than zero.' };
  if (amount > cap) return { error: `At most ${(cap / 100).toFixed(2)} can be refunded.` };
  return { amount };
}
