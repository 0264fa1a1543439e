import type {
  AuditEntry,
  Credential,
  Document,
  InsurancePolicy,
  License,
  Prisma,
  PrismaClient,
  TherapistApplication,
  TransactionClient,
  VerificationStatus,
} from '@mm/db';

export type ItemKind = 'License' | 'InsurancePolicy' | 'Credential';
/** A license, insurance policy or credential, by kind and uuid. */
export interface ItemRef {
  kind: ItemKind;
  id: string;
}

export const applicationInclude = {
  licenses: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  insurances: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  credentials: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} as const satisfies Prisma.TherapistApplicationInclude;

export type ApplicationWithItems = Prisma.TherapistApplicationGetPayload<{
  include: typeof applicationInclude;
}>;

/**
 * The columns the TherapistApplication type's own fields read: what a read of the type loads (one statement
 * for a page or a request's references). Items, documents and the audit trail are loaded by field loaders
 * only when a query asks for them; profile text and decision bookkeeping are not part of the type.
 */
export const applicationFields = {
  id: true,
  therapistId: true,
  status: true,
  legalName: true,
  phone: true,
  gender: true,
  timezone: true,
  photoDocumentId: true,
  migraineExperienceYears: true,
  migraineClientsApprox: true,
  serviceLatitude: true,
  serviceLongitude: true,
  serviceRadiusKm: true,
  weeklyAvailability: true,
  availabilityExceptions: true,
  backgroundCheckStatus: true,
  backgroundCheckProvider: true,
  backgroundCheckReference: true,
  backgroundCheckUpdatedAt: true,
  claimedById: true,
  claimedAt: true,
  suspendedReason: true,
  lastDecisionReason: true,
  submittedAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.TherapistApplicationSelect;

export type ApplicationRow = Prisma.TherapistApplicationGetPayload<{ select: typeof applicationFields }>;

/** What TherapistApplication resolves from: a row, with its items when the caller loaded them already. */
export type ApplicationView = ApplicationRow &
  Partial<Pick<ApplicationWithItems, 'licenses' | 'insurances' | 'credentials'>>;

export type ItemList = 'licenses' | 'insurances' | 'credentials';
type ItemOf<L extends ItemList> = ApplicationWithItems[L][number];

type Db = PrismaClient | TransactionClient;

const inOrder = <T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] => {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k) ?? null);
};

export class ApplicationsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findById(id: string, db: Db = this.prisma): Promise<ApplicationWithItems | null> {
    return db.therapistApplication.findUnique({ where: { id }, include: applicationInclude });
  }

  /** Application rows (no items) by their ids or their therapists', in one statement, in the order asked; null where none. */
  async findRowsBy(key: 'id' | 'therapistId', values: readonly string[]): Promise<(ApplicationRow | null)[]> {
    if (values.length === 0) return [];
    const rows = await this.prisma.therapistApplication.findMany({
      where: { [key]: { in: [...new Set(values)] } },
      select: applicationFields,
    });
    return inOrder(values, rows, (r) => r[key]);
  }

  /** One kind of item of many applications in one statement, oldest first, by application id. */
  async itemsOf<L extends ItemList>(
    list: L,
    applicationIds: readonly string[],
  ): Promise<Map<string, ItemOf<L>[]>> {
    const args = {
      where: { applicationId: { in: [...new Set(applicationIds)] } },
      orderBy: applicationInclude[list].orderBy,
    };
    const rows: ItemOf<L>[] =
      list === 'licenses'
        ? await this.prisma.license.findMany(args)
        : list === 'insurances'
          ? await this.prisma.insurancePolicy.findMany(args)
          : await this.prisma.credential.findMany(args);
    const byApplication = new Map<string, ItemOf<L>[]>();
    for (const row of rows) {
      const items = byApplication.get(row.applicationId);
      if (items) items.push(row);
      else byApplication.set(row.applicationId, [row]);
    }
    return byApplication;
  }

  /** Each application's nearest expiry (YYYY-MM-DD) of a verified license or policy valid on `today`, one statement. */
  async nextExpiries(applicationIds: readonly string[], today: string): Promise<Map<string, string>> {
    const ids = [...new Set(applicationIds)];
    const rows = await this.prisma.$queryRaw<{ application_id: string; next_expiry: string }[]>`
      SELECT application_id, to_char(min(expires_on), 'YYYY-MM-DD') AS next_expiry FROM (
        SELECT application_id, expires_on FROM screening.licenses
          WHERE application_id = ANY(${ids}::uuid[]) AND status = 'VERIFIED' AND expires_on >= ${today}::date
        UNION ALL
        SELECT application_id, expires_on FROM screening.insurance_policies
          WHERE application_id = ANY(${ids}::uuid[]) AND status = 'VERIFIED' AND expires_on >= ${today}::date
      ) x GROUP BY application_id`;
    return new Map(rows.map((r) => [r.application_id, r.next_expiry]));
  }

  findByTherapist(therapistId: string, db: Db = this.prisma): Promise<ApplicationWithItems | null> {
    return db.therapistApplication.findUnique({ where: { therapistId }, include: applicationInclude });
  }

  findManyByTherapist(
    therapistIds: readonly string[],
    db: Db = this.prisma,
  ): Promise<ApplicationWithItems[]> {
    return db.therapistApplication.findMany({
      where: { therapistId: { in: [...therapistIds] } },
      include: applicationInclude,
    });
  }

  /**
   * Locks the application row for the rest of the transaction: every
   * decision on one application is serialised here, which is what makes
   * "two admins claim at once" have exactly one winner.
   */
  async lock(tx: TransactionClient, id: string): Promise<ApplicationWithItems | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM screening.applications WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return this.findById(id, tx);
  }

  async lockByTherapist(tx: TransactionClient, therapistId: string): Promise<ApplicationWithItems | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM screening.applications WHERE therapist_id = ${therapistId}::uuid FOR UPDATE`;
    const id = rows[0]?.id;
    return id ? this.findById(id, tx) : null;
  }

  update(tx: TransactionClient, id: string, data: Prisma.TherapistApplicationUpdateInput) {
    return tx.therapistApplication.update({ where: { id }, data });
  }

  /** Opens the DRAFT application of a new therapist; null when it exists already (a replayed event). */
  async openDraft(tx: TransactionClient, therapistId: string): Promise<TherapistApplication | null> {
    const { count } = await tx.therapistApplication.createMany({
      data: [{ therapistId }],
      skipDuplicates: true,
    });
    return count === 0 ? null : tx.therapistApplication.findUniqueOrThrow({ where: { therapistId } });
  }

  /** One page of an application's audit trail, oldest first, after the (at, id) cursor. */
  auditPage(
    applicationId: string,
    after: { at: Date; id: string } | null,
    take: number,
  ): Promise<AuditEntry[]> {
    return this.prisma.auditEntry.findMany({
      where: {
        entityType: 'TherapistApplication',
        entityId: applicationId,
        ...(after ? { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take,
    });
  }

  findDocument(tx: TransactionClient, id: string): Promise<Document | null> {
    return tx.document.findUnique({ where: { id } });
  }

  createLicense(tx: TransactionClient, data: Prisma.LicenseUncheckedCreateInput): Promise<License> {
    return tx.license.create({ data });
  }

  createInsurance(
    tx: TransactionClient,
    data: Prisma.InsurancePolicyUncheckedCreateInput,
  ): Promise<InsurancePolicy> {
    return tx.insurancePolicy.create({ data });
  }

  createCredential(tx: TransactionClient, data: Prisma.CredentialUncheckedCreateInput): Promise<Credential> {
    return tx.credential.create({ data });
  }

  findItem(tx: TransactionClient, ref: ItemRef): Promise<License | InsurancePolicy | Credential | null> {
    switch (ref.kind) {
      case 'License':
        return tx.license.findUnique({ where: { id: ref.id } });
      case 'InsurancePolicy':
        return tx.insurancePolicy.findUnique({ where: { id: ref.id } });
      case 'Credential':
        return tx.credential.findUnique({ where: { id: ref.id } });
    }
  }

  /**
   * Reviews a PENDING item; 0 when it was already reviewed. The application's row lock serialises
   * reviews; the condition keeps a review from ever overwriting another.
   */
  async reviewItem(
    tx: TransactionClient,
    ref: ItemRef,
    data: { status: VerificationStatus; reviewReason: string; reviewedById: string; reviewedAt: Date },
  ): Promise<number> {
    const where = { id: ref.id, status: 'PENDING' as const };
    const result =
      ref.kind === 'License'
        ? await tx.license.updateMany({ where, data })
        : ref.kind === 'InsurancePolicy'
          ? await tx.insurancePolicy.updateMany({ where, data })
          : await tx.credential.updateMany({ where, data });
    return result.count;
  }

  async deleteItem(tx: TransactionClient, ref: ItemRef): Promise<void> {
    if (ref.kind === 'License') await tx.license.delete({ where: { id: ref.id } });
    else if (ref.kind === 'InsurancePolicy') await tx.insurancePolicy.delete({ where: { id: ref.id } });
    else await tx.credential.delete({ where: { id: ref.id } });
  }
}
