import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '@mm/crypto';
import type { CareAlert, PrismaClient, TransactionClient } from '@mm/db';
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
