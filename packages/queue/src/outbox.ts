import { randomUUID } from 'node:crypto';
import type { Prisma, TransactionClient } from '@mm/db';
import { traceCarrier } from '@mm/telemetry';
import type { EventType, PlatformEvents } from './events.ts';

export interface NewEvent<T extends EventType> {
  type: T;
  aggregateType: string;
  aggregateId: string;
  payload: PlatformEvents[T];
}

/**
 * Records an event in the same transaction as the change it announces, so
 * the two commit or roll back together; the relay publishes it later.
 */
export async function emitEvent<T extends EventType>(
  tx: TransactionClient,
  event: NewEvent<T>,
): Promise<string> {
  const id = randomUUID();
  // The event continues the trace of whatever wrote it (a request, a consumer).
  const trace = traceCarrier();
  await tx.outboxEvent.create({
    data: {
      id,
      type: event.type,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: event.payload as Prisma.InputJsonValue,
      ...(trace.traceparent ? { traceContext: trace } : {}),
    },
  });
  return id;
}
