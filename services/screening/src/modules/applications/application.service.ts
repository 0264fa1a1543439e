import type {
  BackgroundCheckStatus,
  Credential,
  InsurancePolicy,
  License,
  Prisma,
  TransactionClient,
  VerificationStatus,
} from '@mm/db';
import { recordAudit } from '@mm/db';
import { epochDay, toIsoDate } from '@mm/eligibility';
import {
  badInput,
  type Connection,
  forbidden,
  fromGlobalId,
  notFound,
  pageRequest,
  toConnection,
  toGlobalId,
  type Viewer,
} from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import type { ScreeningContext } from '../../context.ts';
import {
  DOCUMENT_EXPIRED_CAUSE,
  type ExpiringDocument,
  reinstatementDecision,
} from '../expiry/expiry.policy.ts';
import { ApplicationError, ApplicationErrorCode } from './application.errors.ts';
import {
  credentialInput,
  dateOf,
  detailsInput,
  insuranceInput,
  licenseInput,
  serviceAreaInput,
} from './application.inputs.ts';
import type { ApplicationsRepository, ApplicationWithItems } from './application.repository.ts';
import { toSnapshot } from './application.snapshot.ts';
import {
  type ApplicationAction,
  type ApplicationActor,
  type ApplicationDecision,
  type ApplicationRef,
  applyApplicationAction,
  assertCanEdit,
} from './application.state-machine.ts';
import { availabilityInput } from './availability.ts';

export type ItemKind = 'License' | 'InsurancePolicy' | 'Credential';
export const ITEM_KINDS: readonly ItemKind[] = ['License', 'InsurancePolicy', 'Credential'];

/** Who did it, as the audit trail records it; null = the system (expiry job, event consumer). */
export type Actor = Viewer | null;

const DECISIONS_IN_REVIEW: readonly ApplicationAction[] = ['approve', 'reject', 'needsInfo'];
/** New licenses, policies and credentials may be added here too (renewals), pending an admin's review. */
const RENEWAL_STATES = ['APPROVED', 'SUSPENDED'] as const;

export function actorOf(viewer: Viewer): ApplicationActor {
  return viewer.role === 'ADMIN'
    ? { kind: 'ADMIN', adminId: viewer.userId }
    : { kind: 'THERAPIST', therapistId: viewer.userId };
}

/** The state machine's view of an application row. */
export const refOf = (app: { status: ApplicationRef['state']; therapistId: string }): ApplicationRef => ({
  state: app.status,
  therapistId: app.therapistId,
});

export const canSee = (viewer: Viewer | null, app: { therapistId: string }) =>
  viewer !== null && (viewer.role === 'ADMIN' || viewer.userId === app.therapistId);

/** Rows to audit: ids and facts, never document bytes. */
const stateOf = (app: ApplicationWithItems) => ({
  status: app.status,
  claimedById: app.claimedById,
  suspensionCause: app.suspensionCause,
  suspendedReason: app.suspendedReason,
});

const itemView = (item: License | InsurancePolicy | Credential) => {
  const { createdAt: _c, reviewedAt: _r, ...rest } = item as License;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
};

export class ApplicationsService {
  constructor(
    private readonly ctx: ScreeningContext,
    private readonly repo: ApplicationsRepository,
  ) {}

  today(): string {
    return toIsoDate(this.ctx.now());
  }

  // ── reads ───────────────────────────────────────────────────────────

  /** The application if the viewer may see it (its therapist, or an admin); NOT_FOUND otherwise. */
  async getVisible(viewer: Viewer | null, applicationId: string): Promise<ApplicationWithItems> {
    const app = await this.repo.findById(applicationId);
    if (!app || !canSee(viewer, app)) throw notFound('The application');
    return app;
  }

  async forTherapist(viewer: Viewer | null, therapistId: string): Promise<ApplicationWithItems | null> {
    if (!viewer || !canSee(viewer, { therapistId })) return null;
    return this.repo.findByTherapist(therapistId);
  }

  async auditTrail(
    viewer: Viewer | null,
    applicationId: string,
    args: { first?: number | null; after?: string | null },
  ) {
    if (viewer?.role !== 'ADMIN') throw forbidden('Only admins can read the audit trail.');
    const page = pageRequest(args, 50);
    const after = page.after ? { at: new Date(String(page.after[0])), id: String(page.after[1]) } : null;
    const rows = await this.ctx.prisma.auditEntry.findMany({
      where: {
        entityType: 'TherapistApplication',
        entityId: applicationId,
        ...(after ? { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take: page.take,
    });
    return toConnection(rows, page.size, (r) => [r.at.toISOString(), r.id]) satisfies Connection<
      (typeof rows)[number]
    >;
  }

  // ── the therapist's own edits ───────────────────────────────────────

  /** Vetting fields: only while DRAFT or NEEDS_INFO. */
  async updateDetails(viewer: Viewer, raw: unknown): Promise<ApplicationWithItems> {
    const input = detailsInput.parse(raw);
    return this.changeOwn(viewer, async (tx, app) => {
      assertCanEdit(refOf(app), actorOf(viewer));
      let photoDocumentId: string | undefined;
      if (input.photoDocumentId) {
        photoDocumentId = await this.uploadedDocument(
          tx,
          app.id,
          input.photoDocumentId,
          'PHOTO',
          'photoDocumentId',
        );
      }
      const data: Prisma.TherapistApplicationUpdateInput = {
        ...(input.legalName !== undefined ? { legalName: input.legalName } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.gender !== undefined ? { gender: input.gender } : {}),
        ...(photoDocumentId ? { photoDocumentId } : {}),
        ...(input.migraineExperience !== undefined
          ? {
              migraineExperienceYears: input.migraineExperience?.years ?? null,
              migraineClientsApprox: input.migraineExperience?.approximateClients ?? null,
            }
          : {}),
      };
      await tx.therapistApplication.update({ where: { id: app.id }, data });
      await this.audit(tx, viewer, 'application.details_updated', app.id, pick(app, data), data);
      return false;
    });
  }

  /** Operational: editable in every state but REJECTED; booking hears about it. */
  async updateServiceArea(viewer: Viewer, raw: unknown): Promise<ApplicationWithItems> {
    const input = serviceAreaInput.parse(raw);
    return this.changeOwn(viewer, async (tx, app) => {
      this.assertOperationalEdit(app);
      const data = {
        serviceLatitude: input.latitude,
        serviceLongitude: input.longitude,
        serviceRadiusKm: input.radiusKm,
      };
      await tx.therapistApplication.update({ where: { id: app.id }, data });
      await this.audit(tx, viewer, 'application.service_area_updated', app.id, pick(app, data), data);
      return true;
    });
  }

  async setAvailability(viewer: Viewer, raw: unknown): Promise<ApplicationWithItems> {
    const input = availabilityInput.parse(raw);
    return this.changeOwn(viewer, async (tx, app) => {
      this.assertOperationalEdit(app);
      const data = {
        ...(input.timezone ? { timezone: input.timezone } : {}),
        weeklyAvailability: input.weekly as Prisma.InputJsonValue,
        availabilityExceptions: input.exceptions as Prisma.InputJsonValue,
      };
      await tx.therapistApplication.update({ where: { id: app.id }, data });
      await this.audit(tx, viewer, 'application.availability_updated', app.id, pick(app, data), data);
      return true;
    });
  }

  async addLicense(viewer: Viewer, raw: unknown): Promise<License> {
    const input = licenseInput.parse(raw);
    return this.addItem(viewer, 'License', async (tx, app) => {
      const documentId = await this.uploadedDocument(tx, app.id, input.documentId, 'LICENSE');
      return tx.license.create({
        data: {
          applicationId: app.id,
          number: input.number,
          type: input.type,
          jurisdiction: input.jurisdiction,
          issuedOn: dateOf(input.issuedOn),
          expiresOn: dateOf(input.expiresOn),
          documentId,
        },
      });
    });
  }

  async addInsurancePolicy(viewer: Viewer, raw: unknown): Promise<InsurancePolicy> {
    const input = insuranceInput.parse(raw);
    return this.addItem(viewer, 'InsurancePolicy', async (tx, app) => {
      const documentId = await this.uploadedDocument(tx, app.id, input.documentId, 'INSURANCE');
      return tx.insurancePolicy.create({
        data: {
          applicationId: app.id,
          carrier: input.carrier,
          policyNumber: input.policyNumber,
          issuedOn: input.issuedOn ? dateOf(input.issuedOn) : null,
          expiresOn: dateOf(input.expiresOn),
          documentId,
        },
      });
    });
  }

  async addCredential(viewer: Viewer, raw: unknown): Promise<Credential> {
    const input = credentialInput.parse(raw);
    return this.addItem(viewer, 'Credential', async (tx, app) => {
      const documentId = await this.uploadedDocument(tx, app.id, input.documentId, 'CREDENTIAL');
      return tx.credential.create({
        data: {
          applicationId: app.id,
          kind: input.kind,
          jurisdiction: input.jurisdiction ?? null,
          issuer: input.issuer ?? null,
          issuedOn: input.issuedOn ? dateOf(input.issuedOn) : null,
          documentId,
        },
      });
    });
  }

  /** Withdraws a license, policy or credential: only while the application is editable. */
  async removeItem(viewer: Viewer, itemGlobalId: string): Promise<ApplicationWithItems> {
    const ref = parseItemId(itemGlobalId);
    return this.changeOwn(viewer, async (tx, app) => {
      const item = await findItem(tx, ref);
      if (!item || item.applicationId !== app.id) throw notFound('The item');
      assertCanEdit(refOf(app), actorOf(viewer));
      await deleteItem(tx, ref);
      await this.audit(tx, viewer, `${auditName(ref.kind)}.removed`, app.id, itemView(item), null);
      return false;
    });
  }

  // ── the vetting workflow ────────────────────────────────────────────

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
    const now = this.ctx.now();
    const data: Prisma.TherapistApplicationUpdateInput = { status: decision.to };
    switch (decision.action) {
      case 'submit':
      case 'resubmit': {
        data.submittedAt = now;
        data.claimedById = null;
        data.claimedAt = null;
        if (app.backgroundCheckStatus !== 'CLEAR') {
          const check = await this.ctx.backgroundChecks.initiate({
            applicationId: app.id,
            therapistId: app.therapistId,
            legalName: app.legalName,
          });
          data.backgroundCheckStatus = check.status;
          data.backgroundCheckReference = check.reference;
          data.backgroundCheckProvider = this.ctx.backgroundChecks.name;
          data.backgroundCheckUpdatedAt = now;
        }
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
    await tx.therapistApplication.update({ where: { id: app.id }, data });
    const updated = await this.repo.findById(app.id, tx);
    if (!updated) throw new Error(`application ${app.id} vanished inside its transaction`);
    await this.audit(tx, viewer, `application.${decision.action}`, app.id, stateOf(app), {
      ...stateOf(updated),
      reason: decision.reason,
    });
    if (['approve', 'suspend', 'reinstate'].includes(decision.action)) await this.emitSnapshot(tx, updated);
    return updated;
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
      const found = await findItem(tx, ref);
      if (!found) throw notFound('The item');
      const app = await this.repo.lock(tx, found.applicationId);
      if (!app) throw notFound('The item');
      this.assertReviewable(app, viewer, 'review its documents');
      const item = await findItem(tx, ref);
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
      await updateItem(tx, ref, data);
      await this.audit(
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
      await tx.therapistApplication.update({ where: { id: app.id }, data });
      await this.audit(
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
    await this.emitSnapshot(tx, app);
    return app;
  }

  async emitSnapshot(tx: TransactionClient, app: ApplicationWithItems): Promise<void> {
    await emitEvent(tx, {
      type: 'therapist.profile_changed',
      aggregateType: 'TherapistApplication',
      aggregateId: app.therapistId,
      payload: { snapshot: toSnapshot(app) },
    });
  }

  async audit(
    tx: TransactionClient,
    viewer: Actor,
    action: string,
    applicationId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await recordAudit(tx, {
      actorId: viewer?.userId ?? null,
      actorRole: viewer?.role ?? 'SYSTEM',
      action,
      entityType: 'TherapistApplication',
      entityId: applicationId,
      before: before === null ? null : JSON.parse(JSON.stringify(before)),
      after: after === null ? null : JSON.parse(JSON.stringify(after)),
    });
  }

  private assertOperationalEdit(app: ApplicationWithItems): void {
    if (app.status === 'REJECTED') {
      throw new ApplicationError(
        'NOT_EDITABLE',
        'The application was rejected; it can no longer be changed.',
        {
          state: app.status,
        },
      );
    }
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

  /** Runs an edit of the viewer's own application under its row lock; `true` from `fn` emits a snapshot. */
  private async changeOwn(
    viewer: Viewer,
    fn: (tx: TransactionClient, app: ApplicationWithItems) => Promise<boolean>,
  ): Promise<ApplicationWithItems> {
    if (viewer.role !== 'THERAPIST') throw forbidden('Only therapists have an application to edit.');
    return this.ctx.prisma.$transaction(async (tx) => {
      const app = await this.repo.lockByTherapist(tx, viewer.userId);
      if (!app) throw notFound('Your application');
      const emit = await fn(tx, app);
      const updated = await this.repo.findById(app.id, tx);
      if (!updated) throw new Error('application vanished');
      if (emit) await this.emitSnapshot(tx, updated);
      return updated;
    });
  }

  private async addItem<T extends License | InsurancePolicy | Credential>(
    viewer: Viewer,
    kind: ItemKind,
    create: (tx: TransactionClient, app: ApplicationWithItems) => Promise<T>,
  ): Promise<T> {
    let created: T | undefined;
    await this.changeOwn(viewer, async (tx, app) => {
      if (!(RENEWAL_STATES as readonly string[]).includes(app.status)) {
        assertCanEdit(refOf(app), actorOf(viewer));
      }
      created = await create(tx, app);
      await this.audit(tx, viewer, `${auditName(kind)}.added`, app.id, null, itemView(created));
      return false;
    });
    if (!created) throw new Error('item was not created');
    return created;
  }

  /** The id of an uploaded document of this application and kind, or a clear error. */
  private async uploadedDocument(
    tx: TransactionClient,
    applicationId: string,
    globalId: string,
    kind: 'LICENSE' | 'INSURANCE' | 'CREDENTIAL' | 'PHOTO',
    field = 'documentId',
  ): Promise<string> {
    const id = fromGlobalId('Document', globalId, field);
    const doc = await tx.document.findUnique({ where: { id } });
    if (!doc || doc.applicationId !== applicationId) throw notFound('The document');
    if (doc.uploadStatus !== 'UPLOADED') {
      throw new ApplicationError(
        'DOCUMENT_NOT_UPLOADED',
        'Upload the file first (PUT it to the upload URL), then attach it.',
      );
    }
    if (doc.kind !== kind) {
      throw badInput(`That document was uploaded as ${doc.kind}, not ${kind}.`, [
        { path: field, message: `expected a ${kind} document` },
      ]);
    }
    return id;
  }
}

// ── pure rules of this service ────────────────────────────────────────

export function missingForSubmission(app: ApplicationWithItems): string[] {
  const missing: string[] = [];
  if (!app.legalName) missing.push('legal name');
  if (!app.phone) missing.push('phone');
  if (!app.licenses.some((l) => l.status !== 'REJECTED')) missing.push('at least one license');
  if (!app.insurances.some((p) => p.status !== 'REJECTED')) missing.push('liability insurance');
  if (app.serviceLatitude === null) missing.push('service area');
  return missing;
}

export function approvalBlockers(app: ApplicationWithItems, today: string): string[] {
  const day = epochDay(today);
  const valid = (i: { status: string; issuedOn: Date | null; expiresOn: Date }) =>
    i.status === 'VERIFIED' &&
    (i.issuedOn === null || epochDay(toIsoDate(i.issuedOn)) <= day) &&
    epochDay(toIsoDate(i.expiresOn)) >= day;
  const blockers: string[] = [];
  if (!app.licenses.some(valid)) blockers.push('no verified license valid today');
  if (!app.insurances.some(valid)) blockers.push('no verified insurance valid today');
  if (app.backgroundCheckStatus !== 'CLEAR')
    blockers.push(`the background check is ${app.backgroundCheckStatus}, not CLEAR`);
  const pending = [...app.licenses, ...app.insurances, ...app.credentials].filter(
    (i) => i.status === 'PENDING',
  ).length;
  if (pending > 0) blockers.push(`${pending} document(s) still to verify or reject`);
  return blockers;
}

export function expiringDocumentsOf(app: ApplicationWithItems): ExpiringDocument[] {
  return [
    ...app.licenses.map((l) => ({
      id: l.id,
      therapistId: app.therapistId,
      kind: 'LICENSE' as const,
      jurisdiction: l.jurisdiction,
      issuedOn: toIsoDate(l.issuedOn),
      expiresOn: toIsoDate(l.expiresOn),
      status: l.status,
    })),
    ...app.insurances.map((p) => ({
      id: p.id,
      therapistId: app.therapistId,
      kind: 'INSURANCE' as const,
      jurisdiction: null,
      issuedOn: p.issuedOn ? toIsoDate(p.issuedOn) : null,
      expiresOn: toIsoDate(p.expiresOn),
      status: p.status,
    })),
  ];
}

function pick(app: ApplicationWithItems, data: object): Record<string, unknown> {
  const source = app as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(data).map((k) => [k, source[k] ?? null]));
}

// ── items: License / InsurancePolicy / Credential by global id ──────────

interface ItemRef {
  kind: ItemKind;
  id: string;
}

export function parseItemId(globalId: string, field = 'itemId'): ItemRef {
  const prefix = Buffer.from(globalId, 'base64url').toString('utf8').split(':')[0];
  const kind = ITEM_KINDS.find((k) => k === prefix);
  if (!kind) {
    throw badInput(`${field} is not a License, InsurancePolicy or Credential ID.`, [
      { path: field, message: 'expected a License, InsurancePolicy or Credential ID' },
    ]);
  }
  return { kind, id: fromGlobalId(kind, globalId, field) };
}

const auditName = (kind: ItemKind) =>
  kind === 'License' ? 'license' : kind === 'InsurancePolicy' ? 'insurance' : 'credential';
const describeKind = (kind: ItemKind) =>
  kind === 'License' ? 'license' : kind === 'InsurancePolicy' ? 'insurance policy' : 'credential';

async function findItem(
  tx: TransactionClient,
  ref: ItemRef,
): Promise<License | InsurancePolicy | Credential | null> {
  switch (ref.kind) {
    case 'License':
      return tx.license.findUnique({ where: { id: ref.id } });
    case 'InsurancePolicy':
      return tx.insurancePolicy.findUnique({ where: { id: ref.id } });
    case 'Credential':
      return tx.credential.findUnique({ where: { id: ref.id } });
  }
}

async function updateItem(
  tx: TransactionClient,
  ref: ItemRef,
  data: { status: VerificationStatus; reviewReason: string; reviewedById: string; reviewedAt: Date },
): Promise<void> {
  // Conditional on PENDING: the row lock on the application already
  // serialises reviews; this keeps a review from ever overwriting another.
  const where = { id: ref.id, status: 'PENDING' as const };
  const result =
    ref.kind === 'License'
      ? await tx.license.updateMany({ where, data })
      : ref.kind === 'InsurancePolicy'
        ? await tx.insurancePolicy.updateMany({ where, data })
        : await tx.credential.updateMany({ where, data });
  if (result.count !== 1) throw new ApplicationError('ALREADY_REVIEWED');
}

async function deleteItem(tx: TransactionClient, ref: ItemRef): Promise<void> {
  if (ref.kind === 'License') await tx.license.delete({ where: { id: ref.id } });
  else if (ref.kind === 'InsurancePolicy') await tx.insurancePolicy.delete({ where: { id: ref.id } });
  else await tx.credential.delete({ where: { id: ref.id } });
}
