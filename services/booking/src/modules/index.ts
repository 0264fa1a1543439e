import { resolve } from 'node:path';
import type { Booking } from '@mm/db';
import { defineModule, loadSchemaFiles, type ModuleDefinition, mergeResolvers } from '@mm/graphql-kit';
import type { EventHandlers } from '@mm/queue';
import type { Job } from 'bullmq';
import type { BookingContext } from '../context.ts';
import { addressEventHandlers } from './addresses/addresses.jobs.ts';
import { ClientAddressesRepository } from './addresses/addresses.repository.ts';
import { BOOKING_ERRORS } from './bookings/booking.errors.ts';
import {
  BOOKING_JOBS_QUEUE,
  type BookingJobData,
  CHECKOUT_WATCH,
  DISPATCH_STEP,
  DISPATCH_SWEEP,
} from './bookings/booking.jobs.ts';
import { BookingLifecycle } from './bookings/booking-lifecycle.ts';
import { bookingEventHandlers } from './bookings/bookings.jobs.ts';
import { BookingsRepository } from './bookings/bookings.repository.ts';
import { bookingReferenceLoader, bookingsResolvers } from './bookings/bookings.resolvers.ts';
import { CancellationsService } from './bookings/cancellations.service.ts';
import { CheckoutWatch } from './bookings/checkout.service.ts';
import { screeningsOf } from './bookings/primed-screening.ts';
import { RatingsService } from './bookings/ratings.service.ts';
import { RequestsService } from './bookings/requests.service.ts';
import { VisitsService } from './bookings/visits.service.ts';
import { BROWSE_ERRORS } from './browse/browse.errors.ts';
import { browseEventHandlers } from './browse/browse.jobs.ts';
import { browseResolvers } from './browse/browse.resolvers.ts';
import { DirectChoices } from './browse/choice.service.ts';
import { OutcomeSharesRepository } from './browse/outcome-shares.repository.ts';
import { TherapistSearch } from './browse/search.service.ts';
import { bookingSearchResolvers } from './cases/booking-search.ts';
import { CasesRepository } from './cases/cases.repository.ts';
import { casesResolvers } from './cases/cases.resolvers.ts';
import { SafetyCasesService } from './cases/cases.service.ts';
import { CONSULTATION_ERRORS } from './consultations/consultations.errors.ts';
import { consultationLoaders, consultationsResolvers } from './consultations/consultations.resolvers.ts';
import { ConsultationsService } from './consultations/consultations.service.ts';
import { TherapistSettingsRepository } from './consultations/settings.repository.ts';
import { DAY_OF_ERRORS } from './day-of/day-of.errors.ts';
import { DayOfRepository } from './day-of/day-of.repository.ts';
import { dayOfResolvers } from './day-of/day-of.resolvers.ts';
import { DayOfService } from './day-of/day-of.service.ts';
import { PressureService } from './day-of/pressure.service.ts';
import { directoryEventHandlers } from './directory/directory.jobs.ts';
import { DirectoryRepository } from './directory/directory.repository.ts';
import { AcceptGate } from './dispatch/accept-gate.ts';
import { CandidatesRepository } from './dispatch/candidates.repository.ts';
import { DirectRequestsRepository } from './dispatch/direct-requests.repository.ts';
import { CHOICE_EXPIRY, CHOICE_SWEEP, DirectRequests } from './dispatch/direct-requests.service.ts';
import { DISPATCH_ERRORS } from './dispatch/dispatch.errors.ts';
import { Dispatcher } from './dispatch/dispatcher.service.ts';
import { offersResolvers } from './dispatch/offers.resolvers.ts';
import { OffersService } from './dispatch/offers.service.ts';
import { INTAKE_ERRORS } from './intake/intake.errors.ts';
import { IntakeRepository } from './intake/intake.repository.ts';
import { intakeResolvers } from './intake/intake.resolvers.ts';
import { IntakeService } from './intake/intake.service.ts';
import { MESSAGE_ERRORS } from './messages/messages.errors.ts';
import { MessagesRepository } from './messages/messages.repository.ts';
import { messagesResolvers } from './messages/messages.resolvers.ts';
import { MessagesService } from './messages/messages.service.ts';
import { PricingRepository } from './pricing/pricing.repository.ts';
import { RelationshipsRepository } from './ratings/relationships.repository.ts';
import { RelationshipsService } from './ratings/relationships.service.ts';
import { REVIEW_ERRORS } from './ratings/reviews.errors.ts';
import { ReviewsRepository } from './ratings/reviews.repository.ts';
import { reviewsResolvers } from './ratings/reviews.resolvers.ts';
import { ReviewsService } from './ratings/reviews.service.ts';
import { Realtime } from './realtime/realtime.ts';
import { SAFETY_ERRORS } from './safety/safety.errors.ts';
import { SafetyRepository } from './safety/safety.repository.ts';
import { safetyResolvers } from './safety/safety.resolvers.ts';
import { SafetyService, type ScreeningSummary } from './safety/safety.service.ts';

/** How often the sweep looks for searches whose dispatch job was lost or gave up. */
const DISPATCH_SWEEP_EVERY_MS = 5 * 60_000;
const schemaOf = (module: string) => loadSchemaFiles(resolve(import.meta.dirname, module));
const bookingIdOf = (job: Job) => (job.data as BookingJobData).bookingId;

/** The screening a booking's client and therapist see (never the answers). */
const screeningField = (s: ScreeningSummary | null) =>
  s ? { outcome: s.outcome, modifications: s.modifications, guidance: s.guidance, urgent: s.urgent } : null;

export interface BookingModules {
  /** The module list the app and the workers are derived from, in dependency order. */
  list: ModuleDefinition[];
  eventHandlers: EventHandlers;
  /** Dispatch engine and check-out watch: run by the workers, and directly by tests with a TestClock. */
  dispatch: {
    dispatcher: Dispatcher;
    checkout: CheckoutWatch;
    offers: OffersService;
    lifecycle: BookingLifecycle;
    directRequests: DirectRequests;
  };
  /** Live updates (mqemitter-redis): the subgraph's subscription emitter. */
  realtime: Realtime;
  close(): Promise<void>;
}

/**
 * The booking service's modules, constructed once, bottom up: intake → safety
 * (booking-time screening) → day-of (the check at the door and the session-start
 * rule) → bookings (the lifecycle, the one owner of a booking and its offers) →
 * dispatch (matching, offers). Lower modules never call upward; directory,
 * addresses and outcome shares are projections fed by events.
 */
function buildBookingServices(ctx: BookingContext) {
  const realtime = new Realtime(ctx.config);
  const lower = buildSafetyServices(ctx);
  const bookings = buildLifecycleServices(ctx, lower, realtime);
  const upper = buildDispatchServices(ctx, lower, bookings, realtime);
  return { ctx, realtime, ...lower, ...bookings, ...upper };
}

/** Intake, booking-time screening, the day-of check and the pressure plan. */
function buildSafetyServices(ctx: BookingContext) {
  const safetyRepo = new SafetyRepository(ctx.prisma);
  const intake = new IntakeService(ctx.prisma, new IntakeRepository(ctx.prisma, ctx.cipher), ctx.now);
  const safety = new SafetyService(ctx.cipher, intake, safetyRepo, ctx.now);
  const dayOfRepo = new DayOfRepository(ctx.prisma);
  const dayOf = new DayOfService(ctx.prisma, ctx.cipher, intake, safetyRepo, dayOfRepo, ctx.now);
  const pressure = new PressureService(ctx.prisma, ctx.cipher, safetyRepo, dayOfRepo, ctx.now);
  return { intake, safety, dayOf, pressure };
}

/** The projections, the booking lifecycle and the services that act through it. */
function buildLifecycleServices(
  ctx: BookingContext,
  { safety, dayOf }: ReturnType<typeof buildSafetyServices>,
  realtime: Realtime,
) {
  const directory = new DirectoryRepository(ctx.prisma);
  const addresses = new ClientAddressesRepository(ctx.prisma);
  const shares = new OutcomeSharesRepository(ctx.prisma);
  const pricing = new PricingRepository(ctx.prisma);
  const repo = new BookingsRepository(ctx.prisma);
  const lifecycle = new BookingLifecycle(ctx, repo, realtime);
  const requests = new RequestsService({ ctx, lifecycle, pricing, addresses, safety });
  const visits = new VisitsService({ ctx, lifecycle, pricing, dayOf });
  const cancellations = new CancellationsService({ ctx, lifecycle, pricing, directory });
  const ratings = new RatingsService(lifecycle, directory);
  const checkout = new CheckoutWatch(ctx, repo);
  const relationships = new RelationshipsService(new RelationshipsRepository(ctx.prisma));
  const reviews = new ReviewsService(new ReviewsRepository(ctx.prisma), ctx.now);
  return {
    directory,
    addresses,
    pricing,
    repo,
    lifecycle,
    requests,
    visits,
    cancellations,
    ratings,
    checkout,
    relationships,
    reviews,
    shares,
  };
}

/** Dispatch and what sits on top of the lifecycle: cases, browse, consultations, messages. */
function buildDispatchServices(
  ctx: BookingContext,
  { safety }: ReturnType<typeof buildSafetyServices>,
  b: ReturnType<typeof buildLifecycleServices>,
  realtime: Realtime,
) {
  const { lifecycle, directory, pricing, addresses, shares } = b;
  const candidates = new CandidatesRepository(ctx.prisma);
  const directRequests = new DirectRequests(ctx, lifecycle, new DirectRequestsRepository(ctx.prisma));
  const dispatcher = new Dispatcher({ ctx, lifecycle, candidates, directory, safety, directRequests });
  const gate = new AcceptGate(ctx.redis, ctx.config.QUEUE_PREFIX);
  const offers = new OffersService({ ctx, lifecycle, directory, dispatcher, gate });
  const casesRepo = new CasesRepository(ctx.prisma);
  const cases = new SafetyCasesService(ctx.prisma, casesRepo, ctx.now);
  const search = new TherapistSearch({ ctx, pricing, addresses, safety, candidates, shares });
  const choices = new DirectChoices(ctx, lifecycle);
  const settings = new TherapistSettingsRepository(ctx.prisma);
  const consultations = new ConsultationsService({
    ctx,
    lifecycle,
    pricing,
    addresses,
    safety,
    settings,
    requests: b.requests,
  });
  const messages = new MessagesService(ctx, b.repo, new MessagesRepository(ctx.prisma), realtime);
  return {
    directRequests,
    dispatcher,
    offers,
    casesRepo,
    cases,
    search,
    choices,
    settings,
    consultations,
    messages,
  };
}

type Services = ReturnType<typeof buildBookingServices>;

/** The projections and the safety modules: below bookings, never calling up. */
function lowerModules(s: Services): ModuleDefinition[] {
  const { intake, safety, dayOf, pressure, directory, addresses } = s;
  return [
    defineModule({ name: 'directory', errors: [], handles: directoryEventHandlers(directory) }),
    defineModule({ name: 'addresses', errors: [], handles: addressEventHandlers(addresses) }),
    defineModule({
      name: 'intake',
      schema: schemaOf('intake'),
      resolvers: intakeResolvers(intake),
      errors: INTAKE_ERRORS,
    }),
    defineModule({
      name: 'safety',
      dependencies: ['intake'],
      schema: schemaOf('safety'),
      resolvers: safetyResolvers(safety),
      errors: SAFETY_ERRORS,
    }),
    defineModule({
      name: 'day-of',
      dependencies: ['safety'],
      schema: schemaOf('day-of'),
      resolvers: dayOfResolvers(dayOf, pressure),
      errors: DAY_OF_ERRORS,
    }),
  ];
}

/** Bookings: the lifecycle, the one owner of a booking and its offers. */
function bookingsModule(s: Services): ModuleDefinition {
  const { safety, repo, requests, cancellations, checkout } = s;
  return defineModule({
    name: 'bookings',
    dependencies: ['directory', 'addresses', 'safety', 'day-of'],
    schema: schemaOf('bookings'),
    resolvers: bookingsResolvers({
      requests,
      visits: s.visits,
      cancellations,
      ratings: s.ratings,
      repo,
      checkout,
      relationships: s.relationships,
      realtime: s.realtime,
    }),
    loaders: {
      Booking: {
        __resolveReference: bookingReferenceLoader(repo),
        screening: async (queries: { obj: Booking }[]) =>
          (
            await screeningsOf(
              queries.map((q) => q.obj),
              (ids) => safety.summariesFor(ids),
            )
          ).map(screeningField),
      },
    },
    errors: BOOKING_ERRORS,
    handles: bookingEventHandlers(requests, cancellations),
    jobs: { [BOOKING_JOBS_QUEUE]: { [CHECKOUT_WATCH]: (job) => checkout.check(bookingIdOf(job)) } },
  });
}

/** Dispatch: matching, batches of offers, the sweep that keeps a search from stalling. */
function dispatchModule(s: Services): ModuleDefinition {
  const { safety, dispatcher } = s;
  return defineModule({
    name: 'dispatch',
    dependencies: ['bookings'],
    schema: schemaOf('dispatch'),
    resolvers: offersResolvers(s.offers, s.realtime),
    loaders: {
      Offer: {
        modifications: async (queries: { obj: { booking: Booking } }[]) =>
          (await safety.summariesFor(queries.map((q) => q.obj.booking.id))).map(
            (x) => x?.modifications ?? [],
          ),
      },
    },
    errors: DISPATCH_ERRORS,
    jobs: {
      [BOOKING_JOBS_QUEUE]: {
        [DISPATCH_STEP]: async (job) => (await dispatcher.step(bookingIdOf(job))).kind,
      },
    },
    schedules: [
      {
        name: DISPATCH_SWEEP,
        queue: BOOKING_JOBS_QUEUE,
        every: DISPATCH_SWEEP_EVERY_MS,
        run: () => dispatcher.sweep(),
      },
    ],
  });
}

/** Bookings (the lifecycle) and dispatch on top, then the admin cases and the reviews. */
function upperModules(s: Services): ModuleDefinition[] {
  return [
    bookingsModule(s),
    dispatchModule(s),
    // Admins' trust-and-safety cases and booking search (the admin console).
    defineModule({
      name: 'cases',
      dependencies: ['bookings'],
      schema: schemaOf('cases'),
      resolvers: mergeResolvers(casesResolvers(s.cases), bookingSearchResolvers(s.casesRepo)),
      errors: [],
    }),
    // Clients' reviews on the federated Therapist entity, and the therapist's one answer (issue 18).
    defineModule({
      name: 'reviews',
      dependencies: ['bookings'],
      schema: schemaOf('ratings'),
      resolvers: reviewsResolvers(s.reviews),
      errors: REVIEW_ERRORS,
    }),
    browseModule(s),
    // A free consultation first (issue 18): its own booking kind, no hold, no pressure gate.
    defineModule({
      name: 'consultations',
      dependencies: ['bookings', 'dispatch'],
      schema: schemaOf('consultations'),
      resolvers: consultationsResolvers(s.consultations),
      loaders: consultationLoaders(s.settings),
      errors: CONSULTATION_ERRORS,
    }),
    // Messages between client and assigned therapist (issue 18): sealed, masked, read for red flags.
    defineModule({
      name: 'messages',
      dependencies: ['bookings'],
      schema: schemaOf('messages'),
      resolvers: messagesResolvers(s.messages, s.realtime),
      errors: MESSAGE_ERRORS,
    }),
  ];
}

/** Browse and choose (issue 18): the therapist search (and care's shares it sorts by), direct requests' choice and its expiry. */
function browseModule(s: Services): ModuleDefinition {
  const { directRequests } = s;
  return defineModule({
    name: 'browse',
    dependencies: ['dispatch'],
    schema: schemaOf('browse'),
    resolvers: browseResolvers(s.search, s.choices),
    errors: BROWSE_ERRORS,
    handles: browseEventHandlers(s.shares),
    jobs: { [BOOKING_JOBS_QUEUE]: { [CHOICE_EXPIRY]: (job) => directRequests.expire(bookingIdOf(job)) } },
    schedules: [
      {
        name: CHOICE_SWEEP,
        queue: BOOKING_JOBS_QUEUE,
        every: DISPATCH_SWEEP_EVERY_MS,
        run: () => directRequests.sweep(),
      },
    ],
  });
}

/** The module list: what each module has, in dependency order. */
const moduleList = (s: Services): ModuleDefinition[] => [...lowerModules(s), ...upperModules(s)];

export function buildBookingModules(ctx: BookingContext): BookingModules {
  const s = buildBookingServices(ctx);
  const list = moduleList(s);
  const { dispatcher, checkout, offers, lifecycle, realtime, directRequests } = s;
  return {
    list,
    eventHandlers: Object.assign({}, ...list.map((m) => m.handles ?? {})),
    dispatch: { dispatcher, checkout, offers, lifecycle, directRequests },
    realtime,
    close: () => realtime.close(),
  };
}
