import type { Prisma, PrismaClient, TransactionClient } from '@mm/db';
import type { TherapistSnapshot } from '@mm/queue';
import { licenseJurisdictions } from './directory.mapping.ts';

type Db = PrismaClient | TransactionClient;

export interface DirectoryRow {
  therapistId: string;
  status: string;
  displayName: string;
  gender: string | null;
  timezone: string;
  snapshot: TherapistSnapshot | null;
  payoutsEnabled: boolean;
  offersReceived: number;
  offersAccepted: number;
  jobsCancelled: number;
  ratingSum: number;
  ratingCount: number;
}

/**
 * The therapist directory: booking's own projection of screening's snapshots
 * and payments' payout status. Events may arrive out of order, so each source
 * keeps the time of the newest event it applied and ignores older ones.
 */
export class DirectoryRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Snapshot, license and payout events for one therapist can be handled
   * concurrently; each reads the row and writes it back, so they take turns.
   * An advisory lock also covers the first insert, which a row lock cannot.
   */
  private async lock(tx: Db, therapistId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`directory:${therapistId}`}))`;
  }

  async applySnapshot(tx: Db, snapshot: TherapistSnapshot, occurredAt: Date): Promise<boolean> {
    await this.lock(tx, snapshot.therapistId);
    const existing = await tx.therapistDirectoryEntry.findUnique({
      where: { therapistId: snapshot.therapistId },
      select: { snapshotAt: true },
    });
    if (existing?.snapshotAt && existing.snapshotAt.getTime() > occurredAt.getTime()) return false;
    const data = {
      status: snapshot.status,
      displayName: snapshot.displayName,
      gender: snapshot.gender,
      timezone: snapshot.timezone,
      latitude: snapshot.serviceArea?.latitude ?? null,
      longitude: snapshot.serviceArea?.longitude ?? null,
      radiusKm: snapshot.serviceArea?.radiusKm ?? null,
      licenseJurisdictions: licenseJurisdictions(snapshot),
      snapshot: snapshot as unknown as Prisma.InputJsonValue,
      snapshotAt: occurredAt,
    };
    await tx.therapistDirectoryEntry.upsert({
      where: { therapistId: snapshot.therapistId },
      create: { therapistId: snapshot.therapistId, ...data },
      update: data,
    });
    return true;
  }

  /** license.expired: that license stops counting at once, before screening's next snapshot. */
  async expireLicense(tx: Db, therapistId: string, licenseId: string): Promise<boolean> {
    await this.lock(tx, therapistId);
    const row = await tx.therapistDirectoryEntry.findUnique({ where: { therapistId } });
    const snapshot = row?.snapshot as TherapistSnapshot | null | undefined;
    if (!snapshot) return false;
    const next: TherapistSnapshot = {
      ...snapshot,
      licenses: snapshot.licenses.map((l) => (l.id === licenseId ? { ...l, status: 'EXPIRED' } : l)),
    };
    await tx.therapistDirectoryEntry.update({
      where: { therapistId },
      data: {
        snapshot: next as unknown as Prisma.InputJsonValue,
        licenseJurisdictions: licenseJurisdictions(next),
      },
    });
    return true;
  }

  async setPayouts(tx: Db, therapistId: string, payoutsEnabled: boolean, occurredAt: Date): Promise<boolean> {
    await this.lock(tx, therapistId);
    const existing = await tx.therapistDirectoryEntry.findUnique({
      where: { therapistId },
      select: { payoutsUpdatedAt: true },
    });
    if (existing?.payoutsUpdatedAt && existing.payoutsUpdatedAt.getTime() > occurredAt.getTime())
      return false;
    await tx.therapistDirectoryEntry.upsert({
      where: { therapistId },
      create: { therapistId, payoutsEnabled, payoutsUpdatedAt: occurredAt },
      update: { payoutsEnabled, payoutsUpdatedAt: occurredAt },
    });
    return true;
  }

  async find(therapistId: string, db: Db = this.prisma): Promise<DirectoryRow | null> {
    const row = await db.therapistDirectoryEntry.findUnique({ where: { therapistId } });
    return row ? { ...row, snapshot: row.snapshot as TherapistSnapshot | null } : null;
  }

  async findMany(therapistIds: string[], db: Db = this.prisma): Promise<DirectoryRow[]> {
    if (therapistIds.length === 0) return [];
    const rows = await db.therapistDirectoryEntry.findMany({ where: { therapistId: { in: therapistIds } } });
    return rows.map((row) => ({ ...row, snapshot: row.snapshot as TherapistSnapshot | null }));
  }

  // ── Reliability and rating counters (matching ranks by them) ──

  async countOffersReceived(tx: Db, therapistIds: readonly string[]): Promise<void> {
    if (therapistIds.length === 0) return;
    await tx.therapistDirectoryEntry.updateMany({
      where: { therapistId: { in: [...therapistIds] } },
      data: { offersReceived: { increment: 1 } },
    });
  }

  async countOfferAccepted(tx: Db, therapistId: string): Promise<void> {
    await tx.therapistDirectoryEntry.updateMany({
      where: { therapistId },
      data: { offersAccepted: { increment: 1 } },
    });
  }

  async countJobCancelled(tx: Db, therapistId: string): Promise<void> {
    await tx.therapistDirectoryEntry.updateMany({
      where: { therapistId },
      data: { jobsCancelled: { increment: 1 } },
    });
  }

  async addClientRating(tx: Db, therapistId: string, score: number): Promise<void> {
    await tx.therapistDirectoryEntry.updateMany({
      where: { therapistId },
      data: { ratingSum: { increment: score }, ratingCount: { increment: 1 } },
    });
  }

  /** The raw entry (snapshot and payout flag), for the accept-time eligibility check. */
  entry(therapistId: string, db: Db = this.prisma) {
    return db.therapistDirectoryEntry.findUnique({ where: { therapistId } });
  }
}
