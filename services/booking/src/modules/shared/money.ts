/**
 * Integer money helpers. Amounts are minor units (cents); percentages are basis
 * points (1 bp = 0.01 %, 10 000 bp = 100 %) so policies stored as JSON stay
 * integers and no float ever touches an amount.
 */
export const BPS_100_PERCENT = 10_000;

export function isMinorAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function isBps(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= BPS_100_PERCENT;
}

/**
 * `amount × bps / 10 000`, rounded half up (amount ≥ 0). BigInt keeps it exact
 * for any safe-integer amount; the result is never larger than `amount`·bps/10⁴.
 */
export function applyBps(amount: number, bps: number): number {
  const scaled = BigInt(amount) * BigInt(bps) * 2n + BigInt(BPS_100_PERCENT);
  return Number(scaled / BigInt(2 * BPS_100_PERCENT));
}

/** "25%" or "12.5%" for explanations. */
export function formatBps(bps: number): string {
  return `${bps / 100}%`;
}
