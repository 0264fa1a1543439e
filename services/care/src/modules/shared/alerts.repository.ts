import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '@mm/crypto';
import type { CareAlert, PrismaClient, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';
import type { FreeTextReading } from '@mm/safety';

type Db = PrismaClient | TransactionClient;

/** What the free-text reader matched, to explain an alert (absent on older alerts). */
export interface FreeTextFinding {
  vocabularyVersion: string;
  concepts: string[];
  words: string[];
}

/** An alert's detail, sealed at rest: it names symptoms and the client's words. */
export interface SealedAlert {
  reason: string;
  symptoms: string[];
  freeText?: FreeTextFinding;
}

export function freeTextFinding(reading: FreeTextReading): FreeTextFinding {
  return {
    vocabularyVersion: reading.vocabularyVersion,
    concepts: reading.matches.map((m) => m.concept),
    words: [...reading.matches.flatMap((m) => m.words), ...reading.reviewWords],
  };
}

export interface NewCareAlert {
  kind: 'RED_FLAG_SYMPTOM' | 'FREE_TEXT_REVIEW';
  severity: CareAlert['severity'];
  clientId: string;
  therapistId: string | null;
  /** A homework log's alert names its plan and log; a diary entry's alert names the entry. */
  source: { planId: string; logId: string } | { diaryEntryId: string };
  now: Date;
  detail: SealedAlert;
}

/** The one write of a care alert (admin alerts and the therapist's review queue). */
export async function createCareAlert(tx: Db, cipher: FieldCipher, a: NewCareAlert): Promise<string> {
  const id = randomUUID();
  await tx.careAlert.create({
    data: {
      id,
      kind: a.kind,
      severity: a.severity,
      clientId: a.clientId,
      therapistId: a.therapistId,
      ...a.source,
      sealed: cipher.sealJson(a.detail, id),
      createdAt: a.now,
    },
  });
  return id;
}

/** The therapist of the client's latest completed session, if any (who reads their words). */
export async function latestTherapistOf(db: Db, clientId: string): Promise<string | null> {
  const row = await db.careBooking.findFirst({
    where: { clientId, status: 'COMPLETED' },
    orderBy: { startsAt: 'desc' },
    select: { therapistId: true },
  });
  return row?.therapistId ?? null;
}

/** One page of care alerts, newest first, optionally one therapist's and one status. */
export function alertsPage(
  db: Db,
  where: { therapistId?: string; status?: CareAlert['status'] | null },
  after: unknown[] | null,
  take: number,
): Promise<CareAlert[]> {
  const { status, ...rest } = where;
  return db.careAlert.findMany({
    where: { ...rest, ...(status ? { status } : {}), ...newestFirstAfter('createdAt', after) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
}

/** Acknowledges an open alert (a therapist only their own); false when nothing was open to acknowledge. */
export async function acknowledgeAlert(
  tx: TransactionClient,
  id: string,
  by: { userId: string; therapistId?: string },
  at: Date,
): Promise<boolean> {
  const { count } = await tx.careAlert.updateMany({
    where: { id, status: 'OPEN', ...(by.therapistId ? { therapistId: by.therapistId } : {}) },
    data: { status: 'ACKNOWLEDGED', acknowledgedBy: by.userId, acknowledgedAt: at },
  });
  return count > 0;
}

export function findAlert(db: Db, id: string): Promise<CareAlert | null> {
  return db.careAlert.findUnique({ where: { id } });
}
