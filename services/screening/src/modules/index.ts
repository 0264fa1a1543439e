import { resolve } from 'node:path';
import { defineModule, loadSchemaFiles, type ModuleDefinition, mergeResolvers } from '@mm/graphql-kit';
import type { ScreeningContext } from '../context.ts';
import { APPLICATION_ERRORS } from './applications/application.errors.ts';
import { applicationEventHandlers } from './applications/application.jobs.ts';
import { ApplicationsRepository } from './applications/application.repository.ts';
import { applicationsLoaders, applicationsResolvers } from './applications/application.resolvers.ts';
import { ApplicationsService } from './applications/application.service.ts';
import { VettingService } from './applications/vetting.service.ts';
import { claimsResolvers } from './claims/claims.resolvers.ts';
import { ClaimsService } from './claims/claims.service.ts';
import { DOCUMENT_ERRORS } from './documents/document.errors.ts';
import { DocumentsRepository } from './documents/document.repository.ts';
import { documentsLoaders, documentsResolvers } from './documents/document.resolvers.ts';
import { registerDocumentRoutes } from './documents/document.routes.ts';
import { DocumentsService } from './documents/document.service.ts';
import { registerSignedLinkRoute, signedLinkResolvers } from './documents/signed-link.ts';
import { eligibilityResolvers } from './eligibility/eligibility.resolvers.ts';
import { EligibilityService } from './eligibility/eligibility.service.ts';
import { EXPIRY_CRON, EXPIRY_QUEUE, EXPIRY_SCHEDULER_ID, runExpiryWatch } from './expiry/expiry.jobs.ts';
import { ExpiryRepository } from './expiry/expiry.repository.ts';
import { profilesLoaders, profilesResolvers } from './profiles/profiles.resolvers.ts';
import { registerProfilePhotoRoute } from './profiles/profiles.routes.ts';
import { ProfilesService } from './profiles/profiles.service.ts';
import { ReviewQueueRepository } from './review-queue/review-queue.repository.ts';
import { reviewQueueResolvers } from './review-queue/review-queue.resolvers.ts';
import { ReviewQueueService } from './review-queue/review-queue.service.ts';

/** The screening services, wired once and shared by the app, the workers and tests. */
export function buildScreeningServices(ctx: ScreeningContext) {
  const repo = new ApplicationsRepository(ctx.prisma);
  const applications = new ApplicationsService(ctx, repo);
  const vetting = new VettingService(ctx, repo);
  const documentsRepo = new DocumentsRepository(ctx.prisma);
  const expiries = new ExpiryRepository(ctx.prisma);
  return {
    repo,
    documentsRepo,
    applications,
    vetting,
    documents: new DocumentsService(ctx, documentsRepo),
    profiles: new ProfilesService(ctx, repo, documentsRepo),
    reviewQueue: new ReviewQueueService(new ReviewQueueRepository(ctx.prisma), ctx.now),
    claims: new ClaimsService(ctx, repo),
    eligibility: new EligibilityService(repo),
    /** The daily expiry job's processor, with the context's clock. */
    runExpiryWatch: () => runExpiryWatch({ prisma: ctx.prisma, now: ctx.now, vetting, repo, expiries }),
  };
}
export type ScreeningServices = ReturnType<typeof buildScreeningServices>;

const schemaOf = (module: string) => loadSchemaFiles(resolve(import.meta.dirname, module));

const applicationsModule = (s: ScreeningServices) => {
  // A document is reached through its (already visible) application, or by id for its owner and admins.
  const loadDocuments = (ids: (string | null)[]) => s.documentsRepo.findMany(ids);
  return defineModule({
    name: 'applications',
    schema: schemaOf('applications'),
    resolvers: applicationsResolvers(s.applications, s.vetting),
    loaders: applicationsLoaders(s.applications, s.repo, loadDocuments),
    errors: APPLICATION_ERRORS,
    handles: applicationEventHandlers(s.repo),
  });
};

const documentsModule = (ctx: ScreeningContext, s: ScreeningServices) =>
  defineModule({
    name: 'documents',
    dependencies: ['applications'],
    schema: schemaOf('documents'),
    resolvers: mergeResolvers(
      documentsResolvers(s.documents),
      signedLinkResolvers(ctx.config.GATEWAY_SHARED_SECRET, ctx.now),
    ),
    loaders: documentsLoaders(s.documentsRepo),
    errors: DOCUMENT_ERRORS,
    routes: async (app) => {
      await registerDocumentRoutes(app, {
        documents: s.documents,
        gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
      });
      // Short-lived links a browser can open without a bearer header (the admin console).
      await registerSignedLinkRoute(app, {
        documents: s.documents,
        secret: ctx.config.GATEWAY_SHARED_SECRET,
        now: ctx.now,
      });
    },
  });

const profilesModule = (ctx: ScreeningContext, s: ScreeningServices) =>
  defineModule({
    name: 'profiles',
    dependencies: ['applications'],
    schema: schemaOf('profiles'),
    resolvers: profilesResolvers(s.applications, s.profiles),
    loaders: profilesLoaders(s.profiles),
    errors: ['INTRA_ORAL_NOT_ENDORSED'],
    routes: (app) =>
      registerProfilePhotoRoute(app, {
        profiles: s.profiles,
        gatewaySecret: ctx.config.GATEWAY_SHARED_SECRET,
      }),
  });

const expiryModule = (s: ScreeningServices) =>
  defineModule({
    name: 'expiry',
    dependencies: ['applications'],
    errors: [],
    schedules: [
      {
        name: EXPIRY_SCHEDULER_ID,
        queue: EXPIRY_QUEUE,
        pattern: EXPIRY_CRON,
        tz: 'UTC',
        run: s.runExpiryWatch,
      },
    ],
  });

/** Screening's modules, in dependency order: the app and the workers are derived from this list. */
export function buildScreeningModules(
  ctx: ScreeningContext,
  s: ScreeningServices = buildScreeningServices(ctx),
): ModuleDefinition[] {
  return [
    applicationsModule(s),
    documentsModule(ctx, s),
    defineModule({
      name: 'claims',
      dependencies: ['applications'],
      schema: schemaOf('claims'),
      resolvers: claimsResolvers(s.claims),
      errors: ['ILLEGAL_TRANSITION', 'REASON_REQUIRED'],
    }),
    defineModule({
      name: 'review-queue',
      dependencies: ['applications'],
      schema: schemaOf('review-queue'),
      resolvers: reviewQueueResolvers(s.reviewQueue, s.repo),
      errors: [],
    }),
    defineModule({
      name: 'eligibility',
      dependencies: ['applications'],
      schema: schemaOf('eligibility'),
      resolvers: eligibilityResolvers(s.eligibility),
      errors: [],
    }),
    profilesModule(ctx, s),
    expiryModule(s),
  ];
}
