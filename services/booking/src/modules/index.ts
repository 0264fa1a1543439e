import type { EventHandlers } from '@mm/queue';
import type { BookingContext } from '../context.ts';
import { addressEventHandlers } from './addresses/addresses.jobs.ts';
import { ClientAddressesRepository } from './addresses/addresses.repository.ts';
import { BookingsRepository } from './bookings/bookings.repository.ts';
import { bookingsResolvers } from './bookings/bookings.resolvers.ts';
import { BookingsService } from './bookings/bookings.service.ts';
import { CheckoutWatch } from './bookings/checkout.service.ts';
import { bookingSearchResolvers } from './cases/booking-search.ts';
import { casesResolvers } from './cases/cases.resolvers.ts';
import { SafetyCasesService } from './cases/cases.service.ts';
import { dayOfResolvers } from './day-of/day-of.resolvers.ts';
import { DayOfService } from './day-of/day-of.service.ts';
import { directoryEventHandlers } from './directory/directory.jobs.ts';
import { DirectoryRepository } from './directory/directory.repository.ts';
import { CandidatesRepository } from './dispatch/candidates.repository.ts';
import { bookingEventHandlers } from './dispatch/dispatch.jobs.ts';
import { BookingJobs } from './dispatch/dispatch.queue.ts';
import { Dispatcher } from './dispatch/dispatcher.service.ts';
import { offersResolvers } from './dispatch/offers.resolvers.ts';
import { OffersService } from './dispatch/offers.service.ts';
import { IntakeRepository } from './intake/intake.repository.ts';
import { intakeResolvers } from './intake/intake.resolvers.ts';
import { IntakeService } from './intake/intake.service.ts';
import { PricingRepository } from './pricing/pricing.repository.ts';
import { RelationshipsService } from './ratings/relationships.service.ts';
import { Realtime } from './realtime/realtime.ts';
import type { SafetyBookingPort } from './screening/booking-port.ts';
import { screeningResolvers } from './screening/screening.resolvers.ts';
import { ScreeningService } from './screening/screening.service.ts';

/**
 * The booking service's modules, wired once. Each module contributes GraphQL
 * resolvers (its *.schema.graphql files are loaded by app.ts) and, where it
 * reacts to other services, event handlers. Module services that depend on
 * each other are constructed here, in dependency order.
 */
export interface BookingModules {
  resolvers: Record<string, Record<string, unknown>>[];
  eventHandlers: EventHandlers;
  /** Dispatch engine and jobs: run by the workers, and directly by tests with a TestClock. */
  dispatch: { dispatcher: Dispatcher; checkout: CheckoutWatch; bookings: BookingsService; jobs: BookingJobs };
  /** Live updates (mqemitter-redis): the subgraph's subscription emitter. */
  realtime: Realtime;
  close(): Promise<void>;
}

export function buildBookingModules(ctx: BookingContext): BookingModules {
  // ── safety (issue 4): intake, booking-time screening, day-of check ──
  // Bookings depend on screening and day-of, and these call back into bookings,
  // so the bookings side of the contract is resolved lazily (set below).
  let safetyBookingPort: SafetyBookingPort | null = null;
  const bookingPort = (): SafetyBookingPort => {
    if (!safetyBookingPort) throw new Error('the bookings module is not wired into the safety modules');
    return safetyBookingPort;
  };
  const intake = new IntakeService(ctx.prisma, new IntakeRepository(ctx.prisma, ctx.cipher), ctx.now);
  const screening = new ScreeningService(ctx.prisma, ctx.cipher, intake, bookingPort, ctx.now);
  const dayOf = new DayOfService(ctx.prisma, ctx.cipher, intake, bookingPort, ctx.now);

  const bookingsRepo = new BookingsRepository(ctx.prisma);
  // ── dispatch (issue 5): bookings, pricing, directory, offers, ratings ──
  const realtime = new Realtime(ctx.config);
  const jobs = new BookingJobs(ctx.config, ctx.redis, ctx.now);
  const pricing = new PricingRepository(ctx.prisma);
  const directory = new DirectoryRepository(ctx.prisma);
  const addresses = new ClientAddressesRepository(ctx.prisma);
  const bookings = new BookingsService({
    ctx,
    repo: bookingsRepo,
    pricing,
    directory,
    addresses,
    screening,
    dayOf,
    realtime,
    jobs,
  });
  const dispatcher = new Dispatcher({
    ctx,
    repo: bookingsRepo,
    bookings,
    candidates: new CandidatesRepository(ctx.prisma),
    screening,
    realtime,
    jobs,
  });
  // A search (new or re-dispatch) starts with a step job at once; the worker runs it.
  bookings.onSearchStarted = (bookingId, at) => jobs.scheduleDispatchStep(bookingId, at);
  const offers = new OffersService(ctx, bookings, dispatcher, screening, realtime, jobs);
  const checkout = new CheckoutWatch(ctx, jobs);
  const relationships = new RelationshipsService(ctx);

  safetyBookingPort = {
    findBookingView: (id) => bookingsRepo.findBookingView(id),
    hasRatedSession: (clientId) => bookingsRepo.hasRatedSession(clientId),
    recordDayOfOutcome: (tx, a) => bookings.recordDayOfOutcome(tx, a),
  };

  return {
    resolvers: [
      casesResolvers(new SafetyCasesService(ctx.prisma, ctx.now)),
      bookingSearchResolvers(ctx.prisma),
      intakeResolvers(intake),
      screeningResolvers(screening),
      dayOfResolvers(dayOf),
      bookingsResolvers({
        service: bookings,
        repo: bookingsRepo,
        screening,
        checkout,
        relationships,
        realtime,
      }),
      offersResolvers(offers, realtime),
    ],
    eventHandlers: {
      ...directoryEventHandlers(directory),
      ...addressEventHandlers(addresses),
      ...bookingEventHandlers(bookings),
    },
    dispatch: { dispatcher, checkout, bookings, jobs },
    realtime,
    close: async () => {
      await jobs.close();
      await realtime.close();
    },
  };
}
