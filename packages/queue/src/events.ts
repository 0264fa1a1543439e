/**
 * Every domain event that crosses a service boundary, with its payload.
 * Payloads carry ids and facts, never health answers.
 */
export interface PlatformEvents {
  'user.registered': { userId: string; role: 'CLIENT' | 'THERAPIST' | 'ADMIN'; email: string };
  'user.profile_updated': { userId: string; timezone: string };
}

export type EventType = keyof PlatformEvents;

export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  aggregateType: string;
  aggregateId: string;
  payload: PlatformEvents[T];
  occurredAt: string;
}

/** Which consumers receive each event; the relay fans out one job per consumer. */
export const EVENT_ROUTES: { [T in EventType]: readonly string[] } = {
  'user.registered': ['identity'],
  'user.profile_updated': [],
};

/** BullMQ queue names may not contain ':'. */
export const eventQueueName = (consumer: string) => `events-${consumer}`;
