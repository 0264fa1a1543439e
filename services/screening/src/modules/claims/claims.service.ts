import { fromGlobalId, notFound, requireRole, toGlobalId, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { ScreeningContext } from '../../context.ts';
import { ApplicationError } from '../applications/application.errors.ts';
import type { ApplicationsRepository, ApplicationWithItems } from '../applications/application.repository.ts';
import { recordApplicationAudit } from '../applications/application.rules.ts';

const releaseInput = z.object({
  applicationId: z.string(),
  reason: z.string().max(2000).nullish(),
});

/**
 * Releasing a review claim: the claiming admin may hand an application back
 * to the queue; any other admin may too (a claim left stuck), but only with
 * a reason, which the audit trail keeps beside the previous holder.
 */
export class ClaimsService {
  constructor(
    private readonly ctx: ScreeningContext,
    private readonly repo: ApplicationsRepository,
  ) {}

  async release(viewer: Viewer | null, raw: unknown): Promise<ApplicationWithItems> {
    const admin = requireRole(viewer, 'ADMIN');
    const input = releaseInput.parse(raw);
    const applicationId = fromGlobalId('TherapistApplication', input.applicationId, 'applicationId');
    const reason = input.reason?.trim() || null;
    return this.ctx.prisma.$transaction(async (tx) => {
      const app = await this.repo.lock(tx, applicationId);
      if (!app) throw notFound('The application');
      if (app.status !== 'IN_REVIEW' || !app.claimedById) {
        throw new ApplicationError(
          'ILLEGAL_TRANSITION',
          `Only an application in review can be released; this one is ${app.status}.`,
          { state: app.status },
        );
      }
      const someoneElses = app.claimedById !== admin.userId;
      if (someoneElses && !reason) {
        throw new ApplicationError(
          'REASON_REQUIRED',
          "A reason is required to release another admin's claim.",
        );
      }
      await this.repo.update(tx, app.id, { status: 'SUBMITTED', claimedById: null, claimedAt: null });
      await recordApplicationAudit(
        tx,
        admin,
        'application.release',
        app.id,
        { status: app.status, claimedById: toGlobalId('User', app.claimedById) },
        { status: 'SUBMITTED', claimedById: null, reason },
      );
      const updated = await this.repo.findById(app.id, tx);
      if (!updated) throw new Error(`application ${app.id} vanished inside its transaction`);
      return updated;
    });
  }
}
