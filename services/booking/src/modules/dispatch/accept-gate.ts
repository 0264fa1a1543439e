import type { Redis } from 'ioredis';

/** How long a holder may keep the gate if its process dies mid-accept; an accept takes milliseconds. */
const HOLD_MS = 5_000;
const POLL_MS = 10;

// Deletes the gate only if this offer still holds it (a holder that outlived HOLD_MS must not free another's).
const LEAVE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type GateEntry = 'entered' | 'held' | 'unavailable';

/**
 * One accept transaction per booking at a time, across every booking process (the gate lives in Redis):
 * under a stampede the first accept goes in, the others wait here, without a connection or a transaction,
 * until it leaves, and then re-read the booking, which is taken by then (ALREADY_TAKEN on a plain read).
 * If the holder failed (not eligible, double booked) the booking is still searching and the next one
 * enters. The gate only sheds work: the transaction still decides the winner, so a Redis outage
 * ('unavailable') or a holder that died (its entry lapses after HOLD_MS) only costs transactions.
 */
export class AcceptGate {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(bookingId: string): string {
    return `${this.prefix}:accept-gate:${bookingId}`;
  }

  async enter(bookingId: string, offerId: string): Promise<GateEntry> {
    try {
      const set = await this.redis.set(this.key(bookingId), offerId, 'PX', HOLD_MS, 'NX');
      return set === 'OK' ? 'entered' : 'held';
    } catch {
      return 'unavailable';
    }
  }

  async leave(bookingId: string, offerId: string): Promise<void> {
    try {
      await this.redis.eval(LEAVE, 1, this.key(bookingId), offerId);
    } catch {
      // The entry lapses by itself after HOLD_MS.
    }
  }

  /** Waits (bounded by HOLD_MS) until nobody holds the gate of this booking. */
  async waitUntilFree(bookingId: string): Promise<void> {
    const deadline = performance.now() + HOLD_MS + POLL_MS;
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      try {
        if ((await this.redis.exists(this.key(bookingId))) === 0) return;
      } catch {
        return;
      }
    }
  }
}
