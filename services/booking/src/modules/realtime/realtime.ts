import type { Config } from '@mm/config';
import type { Booking } from '@mm/db';
import { createLogger } from '@mm/graphql-kit';
import { createRedis } from '@mm/queue';
import mqemitterRedis from 'mqemitter-redis';
import type { ScreeningSummary } from '../safety/safety.service.ts';

/**
 * Live updates for subscriptions. Every replica (subgraph or worker) publishes
 * through Redis (mqemitter-redis), so a subscriber connected to any booking
 * replica receives what any other replica or worker published.
 */
export interface OfferUpdate {
  offerId: string;
  bookingId: string;
  status: string;
  batchNumber: number;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  distanceKm: number;
  expiresAt: string;
  modalities: string[];
  focusAreas: string[];
  modifications: { code: string; text: string }[];
  acknowledgementRequired: boolean;
}

export interface BookingStatusUpdate {
  bookingId: string;
  state: string;
  previousState: string | null;
  therapistId: string | null;
  reason: string | null;
  at: string;
}

export interface BookingMessageNotice {
  bookingId: string;
  messageId: string;
  senderRole: string;
  sentAt: string;
}

export type Emitter = ReturnType<typeof mqemitterRedis>;

export class Realtime {
  private emitterInstance: Emitter | null = null;

  constructor(private readonly config: Config) {}

  /**
   * Created on first use so a process that never publishes opens no connections.
   * Its clients come from createRedis (reconnect forever, re-subscribe on
   * return); a Redis outage is logged, never an unhandled 'error' that kills
   * the process, and a publish during one fails fast.
   */
  get emitter(): Emitter {
    if (!this.emitterInstance) {
      const url = this.config.REDIS_URL;
      const emitter = mqemitterRedis({
        subConn: createRedis({ redisUrl: url, forWorker: true, name: 'realtime-sub' }),
        pubConn: createRedis({ redisUrl: url, name: 'realtime-pub' }),
      } as Parameters<typeof mqemitterRedis>[0]);
      const log = createLogger('realtime', this.config.LOG_LEVEL);
      (emitter as unknown as { state: NodeJS.EventEmitter }).state.on('error', (err: Error) =>
        log.debug({ err: { message: err.message } }, 'live updates: redis error'),
      );
      this.emitterInstance = emitter;
    }
    return this.emitterInstance;
  }

  offersTopic(therapistId: string): string {
    return `${this.config.QUEUE_PREFIX}.offers.${therapistId}`;
  }

  bookingsTopic(clientId: string): string {
    return `${this.config.QUEUE_PREFIX}.bookings.${clientId}`;
  }

  messagesTopic(bookingId: string): string {
    return `${this.config.QUEUE_PREFIX}.messages.${bookingId}`;
  }

  /** A new booking message, as a notice without its text (issue 18). */
  async publishMessage(bookingId: string, notice: BookingMessageNotice): Promise<void> {
    await this.emit(this.messagesTopic(bookingId), { bookingMessageAdded: notice });
  }

  async publishOffer(therapistId: string, update: OfferUpdate): Promise<void> {
    await this.emit(this.offersTopic(therapistId), { offerUpdates: update });
  }

  async publishBooking(clientId: string, update: BookingStatusUpdate): Promise<void> {
    await this.emit(this.bookingsTopic(clientId), { bookingUpdates: update });
  }

  private emit(topic: string, payload: unknown): Promise<void> {
    return new Promise((resolve, reject) =>
      this.emitter.emit({ topic, payload }, (err?: Error | null) => (err ? reject(err) : resolve())),
    );
  }

  async close(): Promise<void> {
    const e = this.emitterInstance;
    this.emitterInstance = null;
    if (!e) return;
    // Subscriptions still ending (their WebSocket closes after us) unsubscribe on a
    // connection that is gone; after close that is a no-op, not an unhandled rejection.
    (
      e as unknown as { removeListener: (t: string, cb: unknown, done?: () => void) => unknown }
    ).removeListener = (_topic, _cb, done) => {
      if (done) setImmediate(done);
      return e;
    };
    await new Promise<void>((resolve) => e.close(() => resolve()));
  }
}

/** What a therapist sees of an offer, live. */
export function offerUpdate(
  offer: { id: string; batchNumber: number; distanceMeters: number; expiresAt: Date },
  booking: Booking,
  summary: ScreeningSummary | null,
  status: string,
): OfferUpdate {
  return {
    offerId: offer.id,
    bookingId: booking.id,
    status,
    batchNumber: offer.batchNumber,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    durationMinutes: booking.durationMinutes,
    distanceKm: Math.round(offer.distanceMeters / 100) / 10,
    expiresAt: offer.expiresAt.toISOString(),
    modalities: booking.modalities,
    focusAreas: booking.focusAreas,
    modifications: summary?.modifications ?? [],
    acknowledgementRequired: booking.modificationsRequired,
  };
}
