import type { Config } from '@mm/config';
import { type PrismaClient, recordAudit, type TransactionClient } from '@mm/db';
import { addDays, toIsoDate } from '@mm/eligibility';
import { emitEvent } from '@mm/queue';
import { applicationInclude } from './modules/applications/application.repository.ts';
import { toSnapshot } from './modules/applications/application.snapshot.ts';

export interface SeedArgs {
  prisma: PrismaClient;
  config: Config;
  now: Date;
  accounts: {
    admin: { userId: string; email: string };
    client: { userId: string; email: string };
    therapists: { userId: string; email: string; fullName: string }[];
  };
}

interface DemoTherapist {
  gender: 'FEMALE' | 'MALE' | 'NON_BINARY';
  jurisdiction: 'US-NY' | 'US-NJ';
  base: [number, number];
  radiusKm: number;
  trainings: string[];
  intraOral?: boolean;
  licenseExpiresInDays?: number;
  years: number;
}

/** therapist1 … therapist6, in the order identity's seed returns them. */
const DEMO: DemoTherapist[] = [
  {
    gender: 'FEMALE',
    jurisdiction: 'US-NY',
    base: [40.73, -73.99],
    radiusKm: 12,
    trainings: ['TRIGGER_POINT_TRAINING', 'CRANIOSACRAL_TRAINING'],
    intraOral: true,
    years: 9,
  },
  {
    gender: 'MALE',
    jurisdiction: 'US-NY',
    base: [40.7527, -73.9772],
    radiusKm: 10,
    trainings: ['MYOFASCIAL_TRAINING'],
    years: 5,
  },
  {
    gender: 'FEMALE',
    jurisdiction: 'US-NY',
    base: [40.6782, -73.9442],
    radiusKm: 15,
    trainings: ['CRANIOSACRAL_TRAINING', 'MYOFASCIAL_TRAINING'],
    years: 7,
  },
  {
    gender: 'MALE',
    jurisdiction: 'US-NY',
    base: [40.68, -73.97],
    radiusKm: 8,
    trainings: ['TRIGGER_POINT_TRAINING'],
    years: 3,
  },
  {
    gender: 'FEMALE',
    jurisdiction: 'US-NJ',
    base: [40.7196, -74.0466],
    radiusKm: 12,
    trainings: ['TRIGGER_POINT_TRAINING'],
    years: 4,
  },
  {
    gender: 'NON_BINARY',
    jurisdiction: 'US-NY',
    base: [40.7265, -73.9815],
    radiusKm: 10,
    trainings: ['MYOFASCIAL_TRAINING'],
    licenseExpiresInDays: 10,
    years: 6,
  },
];

const date = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, startMinute: 8 * 60, endMinute: 21 * 60 }));

type Account = SeedArgs['accounts']['therapists'][number];

/** The application row of an approved demo therapist, background check clear. */
const approvedApplication = (account: Account, demo: DemoTherapist, index: number, now: Date) => ({
  status: 'APPROVED' as const,
  legalName: account.fullName,
  phone: `+1212555${String(100 + index).padStart(4, '0')}`,
  gender: demo.gender,
  timezone: 'America/New_York',
  migraineExperienceYears: demo.years,
  migraineClientsApprox: demo.years * 40,
  serviceLatitude: demo.base[0],
  serviceLongitude: demo.base[1],
  serviceRadiusKm: demo.radiusKm,
  weeklyAvailability: WEEK,
  availabilityExceptions: [],
  backgroundCheckStatus: 'CLEAR' as const,
  backgroundCheckReference: `DEMO-BG-${index + 1}`,
  backgroundCheckUpdatedAt: now,
  submittedAt: now,
  decidedAt: now,
  lastDecisionReason: 'Demo data: documents verified.',
});

/** A verified license, insurance policy and credentials for the application. */
async function seedDocuments(
  tx: TransactionClient,
  applicationId: string,
  demo: DemoTherapist,
  index: number,
  { now, adminId }: { now: Date; adminId: string },
): Promise<void> {
  const today = toIsoDate(now);
  const verified = {
    status: 'VERIFIED' as const,
    reviewReason: 'Demo data',
    reviewedById: adminId,
    reviewedAt: now,
  };
  await tx.license.create({
    data: {
      applicationId,
      number: `${demo.jurisdiction.slice(3)}-${100000 + index * 7919}`,
      type: 'LMT',
      jurisdiction: demo.jurisdiction,
      issuedOn: date(addDays(today, -365)),
      expiresOn: date(addDays(today, demo.licenseExpiresInDays ?? 730)),
      ...verified,
    },
  });
  await tx.insurancePolicy.create({
    data: {
      applicationId,
      carrier: 'HPSO',
      policyNumber: `HPSO-DEMO-${index + 1}`,
      issuedOn: date(addDays(today, -30)),
      expiresOn: date(addDays(today, 335)),
      ...verified,
    },
  });
  const credentials = [
    { kind: 'SWEDISH_TRAINING', jurisdiction: null },
    { kind: 'BOARD_CERTIFICATION', jurisdiction: null },
    ...demo.trainings.map((kind) => ({ kind, jurisdiction: null })),
    ...(demo.intraOral ? [{ kind: 'INTRA_ORAL_ENDORSEMENT', jurisdiction: demo.jurisdiction }] : []),
  ];
  for (const c of credentials) await tx.credential.create({ data: { applicationId, ...c, ...verified } });
}

/** One demo therapist, audited and announced to booking; false when already seeded. */
async function seedTherapist(
  tx: TransactionClient,
  account: Account,
  demo: DemoTherapist,
  index: number,
  o: { now: Date; adminId: string },
): Promise<boolean> {
  const existing = await tx.therapistApplication.findUnique({
    where: { therapistId: account.userId },
    include: { licenses: true },
  });
  if (existing && existing.licenses.length > 0) return false;
  const data = approvedApplication(account, demo, index, o.now);
  const app = existing
    ? await tx.therapistApplication.update({ where: { id: existing.id }, data })
    : await tx.therapistApplication.create({ data: { therapistId: account.userId, ...data } });
  await seedDocuments(tx, app.id, demo, index, o);
  await recordAudit(tx, {
    actorId: null,
    actorRole: 'SYSTEM',
    action: 'application.seeded',
    entityType: 'TherapistApplication',
    entityId: app.id,
    before: existing ? { status: existing.status } : null,
    after: { status: 'APPROVED', reason: 'Demo data for npm start' },
  });
  const full = await tx.therapistApplication.findUniqueOrThrow({
    where: { id: app.id },
    include: applicationInclude,
  });
  await emitEvent(tx, {
    type: 'therapist.profile_changed',
    aggregateType: 'TherapistApplication',
    aggregateId: account.userId,
    payload: { snapshot: toSnapshot(full) },
  });
  return true;
}

/**
 * Six APPROVED demo therapists with verified licenses, insurance and
 * credentials, and a `therapist.profile_changed` event each for booking.
 * Idempotent: a therapist whose application already has a license is left alone.
 */
export async function seedDemo({ prisma, now, accounts }: SeedArgs): Promise<{ created: number }> {
  let created = 0;
  for (const [index, account] of accounts.therapists.entries()) {
    const demo = DEMO[index];
    if (!demo) break;
    const o = { now, adminId: accounts.admin.userId };
    if (await prisma.$transaction((tx) => seedTherapist(tx, account, demo, index, o))) created++;
  }
  return { created };
}
