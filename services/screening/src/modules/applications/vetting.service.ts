import type { BackgroundCheckStatus, Prisma, TransactionClient, VerificationStatus } from '@mm/db';
import { toIsoDate } from '@mm/eligibility';
import { badInput, forbidden, notFound, toGlobalId, type Viewer } from '@mm/graphql-kit';
import type { ScreeningContext } from '../../context.ts';
import { DOCUMENT_EXPIRED_CAUSE, reinstatementDecision } from '../expiry/expiry.policy.ts';
import { ApplicationError, ApplicationErrorCode } from './application.errors.ts';
import type { ApplicationsRepository, ApplicationWithItems } from './application.repository.ts';
import {
  type Actor,
  actorOf,
  approvalBlockers,
  auditName,
  canSee,
  DECISIONS_IN_REVIEW,
  describeKind,
  emitSnapshot,
  expiringDocumentsOf,
  itemView,
  missingForSubmission,
  parseItemId,
  recordApplicationAudit,
  refOf,
  stateOf,
} from './application.rules.ts';
import {
  type ApplicationAction,
  type ApplicationDecision,
  applyApplicationAction,
} from './application.state-machine.ts';

/**
 * The admin side of an application: claim and decide (the state machine's
 * transitions), review each license, policy and credential, record the
 * background check, and apply a decision with its audit entry and snapshot.
 * The expiry watch applies its suspensions and reinstatements through it too.
 */
export class VettingService {
  constructor(
    private readonly ctx: ScreeningContext,
    private readonly repo: ApplicationsRepository,
  ) {}

  today(): string {
    return toIsoDate(this.ctx.now());
  }

  async transition(
    viewer: Viewer,
    applicationId: string,
    action: ApplicationAction,
    reason: string | null | undefined,
  ): Promise<ApplicationWithItems> {
    return this.ctx.prisma.$transaction(async (tx) => {
      const app = await this.repo.lock(tx, applicationId);
      if (!app || !canSee(viewer, app)) throw notFound('The application');
      let decision: ApplicationDecision;
      try {
        decision = applyApplicationAction(refOf(app), action, { actor: actorOf(viewer), reason });
      } catch (error) {
        if (
          action === 'claim' &&
          error instanceof ApplicationError &&
          error.code === ApplicationErrorCode.ILLEGAL_TRANSITION &&
          app.status === 'IN_REVIEW'
        ) {
          throw new ApplicationError(
            'APPLICATION_ALREADY_CLAIMED',
            app.claimedById === viewer.userId
              ? 'You already claimed this application; it is in your review.'
              : 'Another admin already claimed this application; it is in their review.',
            { claimedBy: app.claimedById ? toGlobalId('User', app.claimedById) : null },
          );
        }
        throw error;
      }
      if (DECISIONS_IN_REVIEW.includes(action) && app.claimedById !== viewer.userId) {
        throw new ApplicationError(
          'APPLICATION_CLAIMED_BY_ANOTHER',
          'Only the admin who claimed this application may decide it.',
        );
      }
      if (action === 'submit' || action === 'resubmit') {
        const missing = missingForSubmission(app);
        if (missing.length > 0) {
          throw new ApplicationError(
            'APPLICATION_INCOMPLETE',
            `The application is missing: ${missing.join('; ')}.`,
            { missing },
          );
        }
      }
      if (action === 'approve') {
        const blockers = approvalBlockers(app, this.today());
        if (blockers.length > 0) {
          throw new ApplicationError('APPROVAL_BLOCKED', `Cannot approve yet: ${blockers.join('; ')}.`, {
            blockers,
          });
        }
      }
      return this.applyDecision(tx, app, decision, viewer);
    });
  }

  /**
   * Stores a decision the state machine allowed: new status, side fields,
   * the audit entry and, when matching is affected, the snapshot event.
   * Used by the API and by the expiry job (actor SYSTEM).
   */
  async applyDecision(
    tx: TransactionClient,
    app: ApplicationWithItems,
    decision: ApplicationDecision,
    viewer: Actor,
    extra: { suspensionCause?: string } = {},
  ): Promise<ApplicationWithItems> {
    const data = await this.decisionFields(app, decision, extra, this.ctx.now());
    await this.repo.update(tx, app.id, data);
    const updated = await this.repo.findById(app.id, tx);
    if (!updated) throw new Error(`application ${app.id} vanished inside its transaction`);
    await recordApplicationAudit(tx, viewer, `application.${decision.action}`, app.id, stateOf(app), {
      ...stateOf(updated),
      reason: decision.reason,
    });
    if (['approve', 'suspend', 'reinstate'].includes(decision.action)) await emitSnapshot(tx, updated);
    return updated;
  }

  /** The row change a decision makes: its new status and the side fields that action sets or clears. */
  private async decisionFields(
    app: ApplicationWithItems,
    decision: ApplicationDecision,
    extra: { suspensionCause?: string },
    now: Date,
  ): Promise<Prisma.TherapistApplicationUpdateInput> {
    const data: Prisma.TherapistApplicationUpdateInput = { status: decision.to };
    switch (decision.action) {
      case 'submit':
      case 'resubmit': {
        data.submittedAt = now;
        data.claimedById = null;
        data.claimedAt = null;
        if (app.backgroundCheckStatus !== 'CLEAR')
          Object.assign(data, await this.startBackgroundCheck(app, now));
        break;
      }
      case 'claim':
        data.claimedById = decision.actor.kind === 'ADMIN' ? decision.actor.adminId : null;
        data.claimedAt = now;
        break;
      case 'approve':
      case 'reject':
      case 'needsInfo':
        data.decidedAt = now;
        data.lastDecisionReason = decision.reason;
        data.claimedById = null;
        data.claimedAt = null;
        break;
      case 'suspend':
        data.suspensionCause =
          extra.suspensionCause ?? (decision.actor.kind === 'SYSTEM' ? DOCUMENT_EXPIRED_CAUSE : 'ADMIN');
        data.suspendedReason = decision.reason;
        data.lastDecisionReason = decision.reason;
        data.decidedAt = now;
        break;
      case 'reinstate':
        data.suspensionCause = null;
        data.suspendedReason = null;
        data.lastDecisionReason = decision.reason;
        data.decidedAt = now;
        break;
    }
    return data;
  }

  /** A (re)submission starts a background check unless one already came back clear. */
  private async startBackgroundCheck(
    app: ApplicationWithItems,
    now: Date,
  ): Promise<Prisma.TherapistApplicationUpdateInput> {
    const check = await this.ctx.backgroundChecks.initiate({
      applicationId: app.id,
      therapistId: app.therapistId,
      legalName: app.legalName,
    });
    return {
      backgroundCheckStatus: check.status,
      backgroundCheckReference: check.reference,
      backgroundCheckProvider: this.ctx.backgroundChecks.name,
      backgroundCheckUpdatedAt: now,
    };
  }

  /** An admin verifies or rejects one license, policy or credential, with a reason. */
  async reviewItem(
    viewer: Viewer,
    itemGlobalId: string,
    decision: VerificationStatus,
    reason: string | null | undefined,
  ): Promise<ApplicationWithItems> {
    if (viewer.role !== 'ADMIN') throw forbidden('Only admins verify or reject documents.');
    const ref = parseItemId(itemGlobalId);
    if (decision === 'PENDING')
      throw badInput('decision must be VERIFIED or REJECTED.', [
        { path: 'decision', message: 'VERIFIED or REJECTED' },
      ]);
    const why = reason?.trim();
    if (!why)
      throw new ApplicationError('REASON_REQUIRED', 'A reason is required to verify or reject a document.');
    return this.ctx.prisma.$transaction(async (tx) => {
      const found = await this.repo.findItem(tx, ref);
      if (!found) throw notFound('The item');
      const app = await this.repo.lock(tx, found.applicationId);
      if (!app) throw notFound('The item');
      this.assertReviewable(app, viewer, 'review its documents');
      const item = await this.repo.findItem(tx, ref);
      if (!item) throw notFound('The item');
      if (item.status !== 'PENDING') {
        throw new ApplicationError(
          'ALREADY_REVIEWED',
          `This ${describeKind(ref.kind)} was already ${item.status.toLowerCase()}.`,
          {
            status: item.status,
          },
        );
      }
      const data = {
        status: decision,
        reviewReason: why,
        reviewedById: viewer.userId,
        reviewedAt: this.ctx.now(),
      };
      if ((await this.repo.reviewItem(tx, ref, data)) !== 1) throw new ApplicationError('ALREADY_REVIEWED');
      await recordApplicationAudit(
        tx,
        viewer,
        `${auditName(ref.kind)}.${decision === 'VERIFIED' ? 'verified' : 'rejected'}`,
        app.id,
        itemView(item),
        {
          ...itemView(item),
          status: decision,
          reviewReason: why,
          reviewedById: viewer.userId,
        },
      );
      return this.afterLiveChange(tx, app.id);
    });
  }

  /** The manual provider's result, typed in by an admin. */
  async recordBackgroundCheck(
    viewer: Viewer,
    applicationId: string,
    raw: { status: BackgroundCheckStatus; reference?: string | null; reason?: string | null },
  ): Promise<ApplicationWithItems> {
    if (viewer.role !== 'ADMIN') throw forbidden('Only admins record background check results.');
    if (!this.ctx.backgroundChecks.acceptsManualResults) {
      throw badInput(
        `Background checks come from ${this.ctx.backgroundChecks.name}; they cannot be entered by hand.`,
      );
    }
    const why = raw.reason?.trim();
    if (!why)
      throw new ApplicationError('REASON_REQUIRED', 'A reason is required to record a background check.');
    return this.ctx.prisma.$transaction(async (tx) => {
      const app = await this.repo.lock(tx, applicationId);
      if (!app) throw notFound('The application');
      this.assertReviewable(app, viewer, 'record its background check');
      const data = {
        backgroundCheckStatus: raw.status,
        backgroundCheckReference: raw.reference?.trim() || null,
        backgroundCheckProvider: this.ctx.backgroundChecks.name,
        backgroundCheckUpdatedAt: this.ctx.now(),
      };
      await this.repo.update(tx, app.id, data);
      await recordApplicationAudit(
        tx,
        viewer,
        'background_check.recorded',
        app.id,
        { status: app.backgroundCheckStatus, reference: app.backgroundCheckReference },
        { status: data.backgroundCheckStatus, reference: data.backgroundCheckReference, reason: why },
      );
      return this.afterLiveChange(tx, app.id);
    });
  }

  // ── helpers ─────────────────────────────────────────────────────────

  /**
   * After a review on a live (APPROVED / SUSPENDED) application: an
   * automatic suspension is lifted when valid documents are back, and
   * booking gets the new snapshot.
   */
  private async afterLiveChange(tx: TransactionClient, applicationId: string): Promise<ApplicationWithItems> {
    let app = await this.repo.findById(applicationId, tx);
    if (!app) throw new Error('application vanished');
    if (app.status !== 'APPROVED' && app.status !== 'SUSPENDED') return app;
    if (app.status === 'SUSPENDED') {
      const verdict = reinstatementDecision({
        today: this.today(),
        therapist: { id: app.therapistId, status: app.status, suspensionCause: app.suspensionCause },
        documents: expiringDocumentsOf(app),
      });
      if (verdict.reinstate) {
        const decision = applyApplicationAction(refOf(app), 'reinstate', {
          actor: { kind: 'SYSTEM' },
          reason: verdict.reason,
        });
        return this.applyDecision(tx, app, decision, null);
      }
    }
    app = (await this.repo.findById(applicationId, tx)) ?? app;
    await emitSnapshot(tx, app);
    return app;
  }

  private assertReviewable(app: ApplicationWithItems, viewer: Viewer, what: string): void {
    if (app.status === 'IN_REVIEW') {
      if (app.claimedById !== viewer.userId) {
        throw new ApplicationError(
          'APPLICATION_CLAIMED_BY_ANOTHER',
          `Only the admin who claimed this application may ${what}.`,
        );
      }
      return;
    }
    if (app.status === 'APPROVED' || app.status === 'SUSPENDED') return;
    throw new ApplicationError(
      'ILLEGAL_TRANSITION',
      app.status === 'SUBMITTED'
        ? `Claim the application before you ${what}.`
        : `Cannot ${what} while the application is ${app.status} (allowed: IN_REVIEW, APPROVED, SUSPENDED).`,
      { state: app.status },
    );
  }
}
