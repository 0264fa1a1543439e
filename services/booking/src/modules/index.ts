import type { EventHandlers } from '@mm/queue';
import type { BookingContext } from '../context.ts';

/**
 * The booking service's modules, wired once. Each module contributes GraphQL
 * resolvers (its *.schema.graphql files are loaded by app.ts) and, where it
 * reacts to other services, event handlers. Module services that depend on
 * each other are constructed here, in dependency order.
 */
export interface BookingModules {
  resolvers: Record<string, Record<string, unknown>>[];
  eventHandlers: EventHandlers;
}

export function buildBookingModules(_ctx: BookingContext): BookingModules {
  return { resolvers: [], eventHandlers: {} };
}
