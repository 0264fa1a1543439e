import type { Redis } from 'ioredis';

/** How long a holder may keep the gate if its process dies mid-accept; an accept takes milliseconds. */
const HOLD_MS = 5_000;
/** Cross-process fallback: a holder in this process wakes its waiters at once (`leave`). */
const POLL_MS = 10;
/** A marker only has to outlive the stampede; the database answers any later accept on one read. */
const TAKEN_MS = 600_000;

// One round trip: the round's taken marker, else the gate (SET NX).
const ENTER = `local by = redis.call('get', KEYS[2])
if by then return 'taken:' .. by end
if redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 'entered' end
return 'held'`;

// Marks the round taken (when told), then deletes the gate only if this offer still holds it
// (a holder that outlived HOLD_MS must not free another's).
const LEAVE = `if ARGV[2] ~= '' then redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3]) end
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** 'taken': this round of the booking was taken by `by` (a therapist id), committed. */
export type GateEntry = { state: 'entered' | 'held' | 'unavailable' } | { state: 'taken'; by: string };

interface Waiting {
  done: Promise<void>;
  wake: () => void;
}

/**
 * One accept transaction per booking at a time, across every booking process (the gate lives in Redis):
 * under a stampede the first accept goes in, the others wait here, without a connection or a transaction,
 * until it leaves. The winner leaves a "taken" marker for its (booking, dispatch round), written after
 * its commit, so the others are answered ALREADY_TAKEN from the same Redis read that tries the gate.
 * A holder that failed (not eligible, double booked) leaves no marker and the next one enters; a new
 * round has a marker of its own. The gate only sheds work: the transaction still decides the winner,
 * so a Redis outage ('unavailable'), a lost marker or a holder that died (its entry lapses after
 * HOLD_MS) only costs transactions.
 */
export class AcceptGate {
  /** Waiters of this process per booking share one poll. */
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  // The booking id is a hash tag: a script's keys share a cluster slot.
  private gateKey(bookingId: string): string {
    return `${this.prefix}:accept-gate:{${bookingId}}`;
  }

  private takenKey(bookingId: string, round: number): string {
    return `${this.prefix}:accept-gate:{${bookingId}}:taken:${round}`;
  }

  async enter(bookingId: string, round: number, offerId: string): Promise<GateEntry> {
    try {
      const keys = [this.gateKey(bookingId), this.takenKey(bookingId, round)];
      const answer = String(await this.redis.eval(ENTER, 2, ...keys, offerId, HOLD_MS));
      if (answer.startsWith('taken:')) return { state: 'taken', by: answer.slice('taken:'.length) };
      return { state: answer === 'entered' ? 'entered' : 'held' };
    } catch {
      return { state: 'unavailable' };
    }
  }

  /**
   * Frees the gate if `offerId` holds it, and first marks the round taken by `takenBy` when given:
   * only after the commit that took the booking (or a read of it taken), never for a failed holder.
   */
  async leave(bookingId: string, round: number, offerId: string, takenBy: string | null): Promise<void> {
    let freed = true;
    try {
      const keys = [this.gateKey(bookingId), this.takenKey(bookingId, round)];
      freed = (await this.redis.eval(LEAVE, 2, ...keys, offerId, takenBy ?? '', TAKEN_MS)) === 1;
    } catch {
      // The entry lapses by itself after HOLD_MS; without the marker the next one's transaction decides.
    }
    if (freed || takenBy) this.wake(bookingId);
  }

  /** Waits (bounded by HOLD_MS) until nobody holds the gate of this booking. */
  waitUntilFree(bookingId: string): Promise<void> {
    const current = this.waiting.get(bookingId);
    if (current) return current.done;
    let wake = () => {};
    const woken = new Promise<'woken'>((resolve) => {
      wake = () => resolve('woken');
    });
    const entry: Waiting = { done: Promise.resolve(), wake };
    entry.done = this.poll(bookingId, woken).finally(() => {
      if (this.waiting.get(bookingId) === entry) this.waiting.delete(bookingId);
    });
    this.waiting.set(bookingId, entry);
    return entry.done;
  }

  private wake(bookingId: string): void {
    const entry = this.waiting.get(bookingId);
    if (!entry) return;
    this.waiting.delete(bookingId);
    entry.wake();
  }

  private async poll(bookingId: string, woken: Promise<'woken'>): Promise<void> {
    const deadline = performance.now() + HOLD_MS + POLL_MS;
    while (performance.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<'tick'>((resolve) => {
        timer = setTimeout(() => resolve('tick'), POLL_MS);
      });
      const why = await Promise.race([woken, tick]);
      clearTimeout(timer);
      if (why === 'woken') return;
      try {
        if ((await this.redis.exists(this.gateKey(bookingId))) === 0) return;
      } catch {
        return;
      }
    }
  }
}
