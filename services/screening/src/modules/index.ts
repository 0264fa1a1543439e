import type { Document } from '@mm/db';
import type { Viewer } from '@mm/graphql-kit';
import type { EventHandlers } from '@mm/queue';
import type { ScreeningContext } from '../context.ts';
import { applicationEventHandlers } from './applications/application.jobs.ts';
import { ApplicationsRepository } from './applications/application.repository.ts';
import { applicationsResolvers } from './applications/application.resolvers.ts';
import { ApplicationsService } from './applications/application.service.ts';
import { claimsResolvers } from './claims/claims.resolvers.ts';
import { ClaimsService } from './claims/claims.service.ts';
import { documentsResolvers } from './documents/document.resolvers.ts';
import { DocumentsService } from './documents/document.service.ts';
import { signedLinkResolvers } from './documents/signed-link.ts';
import { eligibilityResolvers } from './eligibility/eligibility.resolvers.ts';
import { EligibilityService } from './eligibility/eligibility.service.ts';
import { type ExpiryRunSummary, runExpiryWatch } from './expiry/expiry.jobs.ts';
import { queueResolvers } from './queue/queue.resolvers.ts';
import { QueueService } from './queue/queue.service.ts';

/** The screening service's modules, wired once and shared by the app and the workers. */
export interface ScreeningModules {
  resolvers: Record<string, Record<string, unknown>>[];
  eventHandlers: EventHandlers;
  applications: ApplicationsService;
  documents: DocumentsService;
  /** The daily expiry job's processor, with the context's clock. */
  runExpiryWatch: () => Promise<ExpiryRunSummary>;
}

export function buildScreeningModules(ctx: ScreeningContext): ScreeningModules {
  const repo = new ApplicationsRepository(ctx.prisma);
  const applications = new ApplicationsService(ctx, repo);
  const documents = new DocumentsService(ctx, applications);
  const queue = new QueueService(ctx.prisma, ctx.now);
  const eligibility = new EligibilityService(repo);
  const claims = new ClaimsService(ctx, repo, applications);

  // A document is reached through its (already visible) application, or by id for its owner and admins.
  const loadDocument = (id: string) => ctx.prisma.document.findUnique({ where: { id } });
  const loadVisibleDocument = async (viewer: Viewer | null, id: string): Promise<Document | null> => {
    const doc = await ctx.prisma.document.findUnique({ where: { id }, include: { application: true } });
    if (!doc || !viewer || (viewer.role !== 'ADMIN' && doc.application.therapistId !== viewer.userId))
      return null;
    const { application: _a, ...plain } = doc;
    return plain;
  };

  return {
    resolvers: [
      applicationsResolvers(applications, repo, loadDocument),
      documentsResolvers(documents, loadVisibleDocument),
      queueResolvers(queue, repo),
      eligibilityResolvers(eligibility),
      claimsResolvers(claims),
      signedLinkResolvers(ctx.config.GATEWAY_SHARED_SECRET, ctx.now),
    ],
    eventHandlers: applicationEventHandlers(applications),
    applications,
    documents,
    runExpiryWatch: () => runExpiryWatch({ prisma: ctx.prisma, now: ctx.now, applications, repo }),
  };
}
