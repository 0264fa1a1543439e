import { loadConfig } from '@mm/config';
import { createPrismaClient, type PrismaClient } from '@mm/db';
import { checkEligibility } from '@mm/eligibility';
import { applicationInclude } from '@mm/screening/src/modules/applications/application.repository.ts';
import { toEligibilityRecord } from '@mm/screening/src/modules/applications/application.snapshot.ts';
import { seedDemo } from '@mm/screening/src/seed.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let prisma: PrismaClient;
beforeAll(() => {
  prisma = createPrismaClient({ databaseUrl: loadConfig().DATABASE_URL, poolSize: 2 });
});
afterAll(() => prisma.$disconnect());

describe('seedDemo', () => {
  it('creates six approved therapists once; a second run changes nothing', async () => {
    const users = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) =>
        prisma.user.create({
          data: { email: `therapist${n}@seed.test`, passwordHash: 'x', role: 'THERAPIST' },
        }),
      ),
    );
    const admin = await prisma.user.create({
      data: { email: 'admin@seed.test', passwordHash: 'x', role: 'ADMIN' },
    });
    const args = {
      prisma,
      config: loadConfig(),
      now: new Date('2026-11-23T15:00:00Z'),
      accounts: {
        admin: { userId: admin.id, email: admin.email },
        client: { userId: admin.id, email: admin.email },
        therapists: users.map((u, i) => ({
          userId: u.id,
          email: u.email,
          fullName: `Demo Therapist ${i + 1}`,
        })),
      },
    };
    expect(await seedDemo(args)).toEqual({ created: 6 });
    const events = await prisma.outboxEvent.count({ where: { type: 'therapist.profile_changed' } });
    expect(events).toBe(6);
    expect(await seedDemo(args)).toEqual({ created: 0 });
    expect(await prisma.outboxEvent.count({ where: { type: 'therapist.profile_changed' } })).toBe(6);

    const apps = await Promise.all(
      users.map((u) =>
        prisma.therapistApplication.findUniqueOrThrow({
          where: { therapistId: u.id },
          include: applicationInclude,
        }),
      ),
    );
    expect(apps.every((a) => a.status === 'APPROVED')).toBe(true);
    const session = (date: string, intra = false) => ({
      jurisdiction: 'US-NY',
      date,
      modalities: ['SWEDISH'],
      requiresIntraOral: intra,
    });
    expect(checkEligibility(toEligibilityRecord(apps[0]!), session('2026-11-30', true)).eligible).toBe(true);
    expect(
      checkEligibility(toEligibilityRecord(apps[1]!), session('2026-11-30', true)).reasons.map((r) => r.code),
    ).toEqual(['NO_INTRA_ORAL_ENDORSEMENT']);
    expect(
      checkEligibility(toEligibilityRecord(apps[4]!), session('2026-11-30')).reasons.map((r) => r.code),
    ).toEqual(['NO_LICENSE_IN_JURISDICTION']);
    expect(
      checkEligibility(toEligibilityRecord(apps[4]!), { ...session('2026-11-30'), jurisdiction: 'US-NJ' })
        .eligible,
    ).toBe(true);
    expect(
      checkEligibility(toEligibilityRecord(apps[5]!), session('2026-12-04')).reasons.map((r) => r.code),
    ).toEqual(['LICENSE_EXPIRES_BEFORE_SESSION']);
  });
});
