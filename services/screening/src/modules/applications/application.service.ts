import type { Credential, InsurancePolicy, License, Prisma, TransactionClient } from '@mm/db';
import { toIsoDate } from '@mm/eligibility';
import {
  badInput,
  type Connection,
  forbidden,
  fromGlobalId,
  notFound,
  pageRequest,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import type { ScreeningContext } from '../../context.ts';
import { ApplicationError } from './application.errors.ts';
import {
  credentialInput,
  dateOf,
  detailsInput,
  insuranceInput,
  licenseInput,
  serviceAreaInput,
} from './application.inputs.ts';
import type {
  ApplicationRow,
  ApplicationsRepository,
  ApplicationWithItems,
} from './application.repository.ts';
import {
  actorOf,
  auditName,
  canSee,
  emitSnapshot,
  type ItemKind,
  itemView,
  parseItemId,
  pick,
  RENEWAL_STATES,
  recordApplicationAudit,
  refOf,
} from './application.rules.ts';
import { assertCanEdit } from './application.state-machine.ts';
import { availabilityInput } from './availability.ts';
import { hasValidEndorsement, profileInput } from './profile.policy.ts';

export class ApplicationsService {
  constructor(
    private readonly ctx: ScreeningContext,
    private readonly repo: ApplicationsRepository,
  ) {}

  today(): string {
    return toIsoDate(this.ctx.now());
  }

  // ── reads ───────────────────────────────────────────────────────────

  /** The application's row if the viewer may see it (its therapist, or an admin); NOT_FOUND otherwise. */
  async getVisible(viewer: Viewer | null, applicationId: string): Promise<ApplicationRow> {
    const [app] = await this.repo.findRowsBy('id', [applicationId]);
    if (!app || !canSee(viewer, app)) throw notFound('The application');
    return app;
  }

  /** These therapists' application rows in one statement, in order; null where none or hidden from the viewer. */
  async forTherapists(
    viewer: Viewer | null,
    therapistIds: readonly (string | null)[],
  ): Promise<(ApplicationRow | null)[]> {
    const visible = therapistIds.filter(
      (id): id is string => id !== null && canSee(viewer, { therapistId: id }),
    );
    const rows = await this.repo.findRowsBy('therapistId', visible);
    const byTherapist = new Map(rows.flatMap((r) => (r ? [[r.therapistId, r] as const] : [])));
    // Only visible therapists were asked for, so a hidden one has no row here.
    return therapistIds.map((id) => (id === null ? null : (byTherapist.get(id) ?? null)));
  }

  async auditTrail(
    viewer: Viewer | null,
    applicationId: string,
    args: { first?: number | null; after?: string | null },
  ) {
    if (viewer?.role !== 'ADMIN') throw forbidden('Only admins can read the audit trail.');
    const page = pageRequest(args, 50);
    const after = page.after ? { at: new Date(String(page.after[0])), id: String(page.after[1]) } : null;
    const rows = await this.repo.auditPage(applicationId, after, page.take);
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
      await this.repo.update(tx, app.id, data);
      await recordApplicationAudit(tx, viewer, 'application.details_updated', app.id, pick(app, data), data);
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
      await this.repo.update(tx, app.id, data);
      await recordApplicationAudit(
        tx,
        viewer,
        'application.service_area_updated',
        app.id,
        pick(app, data),
        data,
      );
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
      await this.repo.update(tx, app.id, data);
      await recordApplicationAudit(
        tx,
        viewer,
        'application.availability_updated',
        app.id,
        pick(app, data),
        data,
      );
      return true;
    });
  }

  async addLicense(viewer: Viewer, raw: unknown): Promise<License> {
    const input = licenseInput.parse(raw);
    return this.addItem(viewer, 'License', async (tx, app) => {
      const documentId = await this.uploadedDocument(tx, app.id, input.documentId, 'LICENSE');
      return this.repo.createLicense(tx, {
        applicationId: app.id,
        number: input.number,
        type: input.type,
        jurisdiction: input.jurisdiction,
        issuedOn: dateOf(input.issuedOn),
        expiresOn: dateOf(input.expiresOn),
        documentId,
      });
    });
  }

  async addInsurancePolicy(viewer: Viewer, raw: unknown): Promise<InsurancePolicy> {
    const input = insuranceInput.parse(raw);
    return this.addItem(viewer, 'InsurancePolicy', async (tx, app) => {
      const documentId = await this.uploadedDocument(tx, app.id, input.documentId, 'INSURANCE');
      return this.repo.createInsurance(tx, {
        applicationId: app.id,
        carrier: input.carrier,
        policyNumber: input.policyNumber,
        issuedOn: input.issuedOn ? dateOf(input.issuedOn) : null,
        expiresOn: dateOf(input.expiresOn),
        documentId,
      });
    });
  }

  async addCredential(viewer: Viewer, raw: unknown): Promise<Credential> {
    const input = credentialInput.parse(raw);
    return this.addItem(viewer, 'Credential', async (tx, app) => {
      const documentId = await this.uploadedDocument(tx, app.id, input.documentId, 'CREDENTIAL');
      return this.repo.createCredential(tx, {
        applicationId: app.id,
        kind: input.kind,
        jurisdiction: input.jurisdiction ?? null,
        issuer: input.issuer ?? null,
        issuedOn: input.issuedOn ? dateOf(input.issuedOn) : null,
        expiresOn: input.expiresOn ? dateOf(input.expiresOn) : null,
        documentId,
      });
    });
  }

  /**
   * The public profile's free parts: editable in every state but REJECTED, no review needed.
   * What is verified (licenses, credentials) changes only through addCredential and review.
   */
  async updateProfile(viewer: Viewer, raw: unknown): Promise<ApplicationWithItems> {
    const input = profileInput.parse(raw);
    return this.changeOwn(viewer, async (tx, app) => {
      this.assertOperationalEdit(app);
      if (input.modalities?.includes('INTRA_ORAL') && !hasValidEndorsement(app.credentials, this.today())) {
        throw new ApplicationError('INTRA_ORAL_NOT_ENDORSED');
      }
      const photoDocumentId = input.photoDocumentId
        ? await this.uploadedDocument(tx, app.id, input.photoDocumentId, 'PHOTO', 'photoDocumentId')
        : undefined;
      const data: Prisma.TherapistApplicationUpdateInput = {
        ...(input.bio !== undefined ? { bio: input.bio } : {}),
        ...(input.yearsOfPractice !== undefined ? { practiceYears: input.yearsOfPractice } : {}),
        ...(input.migraineYears !== undefined ? { migraineExperienceYears: input.migraineYears } : {}),
        ...(input.migraineSessions !== undefined ? { migraineSessionsApprox: input.migraineSessions } : {}),
        ...(input.modalities ? { modalities: [...new Set(input.modalities)] } : {}),
        ...(input.languages ? { languages: [...new Set(input.languages)] } : {}),
        ...(photoDocumentId ? { photoDocumentId } : {}),
      };
      await this.repo.update(tx, app.id, data);
      await recordApplicationAudit(tx, viewer, 'profile.updated', app.id, pick(app, data), data);
      return false;
    });
  }

  /** Withdraws a license, policy or credential: only while the application is editable. */
  async removeItem(viewer: Viewer, itemGlobalId: string): Promise<ApplicationWithItems> {
    const ref = parseItemId(itemGlobalId);
    return this.changeOwn(viewer, async (tx, app) => {
      const item = await this.repo.findItem(tx, ref);
      if (!item || item.applicationId !== app.id) throw notFound('The item');
      assertCanEdit(refOf(app), actorOf(viewer));
      await this.repo.deleteItem(tx, ref);
      await recordApplicationAudit(
        tx,
        viewer,
        `${auditName(ref.kind)}.removed`,
        app.id,
        itemView(item),
        null,
      );
      return false;
    });
  }

  // ── the vetting workflow ────────────────────────────────────────────

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
      if (emit) await emitSnapshot(tx, updated);
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
      await recordApplicationAudit(tx, viewer, `${auditName(kind)}.added`, app.id, null, itemView(created));
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
    const doc = await this.repo.findDocument(tx, id);
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
