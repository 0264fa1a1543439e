/**
 * Session starts inside the demo seed's therapist availability (08:00–21:00 New York, every day), for the
 * scripts that book on a whole `npm start` stack on the wall clock (chaos, the bench's flow path).
 */

/**
 * The `n`th slot: two-hourly 09:00–19:00 New York (UTC-5 in winter, UTC-4 in summer: both inside the seeded
 * 08–21) over the 5 days after `from`; within 6 days the card is held at once (further out it is authorized
 * 48 h before). Every 25 slots shift by 20 minutes.
 */
export function demoSlot(n: number, from = new Date()): string {
  const d = new Date(from);
  d.setUTCDate(d.getUTCDate() + 1 + (n % 5));
  d.setUTCHours(15 + (Math.floor(n / 5) % 5) * 2, (Math.floor(n / 25) % 6) * 20, 0, 0);
  return d.toISOString();
}
