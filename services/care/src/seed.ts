import { createHash } from 'node:crypto';
import type { Config } from '@mm/config';
import { createFieldCipher } from '@mm/crypto';
import type { PrismaClient } from '@mm/db';
import { DateTime } from 'luxon';

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

/** A stable uuid from a name, so a second seed run finds the same rows. */
function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const HOUR = 3_600_000;

// Headaches in the 30 days before `now`: enough for a baseline on the outcomes screen.
const DEMO_HEADACHES = [
  {
    daysAgo: 28,
    hour: 7,
    hours: 10,
    peak: 7,
    migraine: true,
    aura: true,
    woke: true,
    triggers: ['poor sleep'],
  },
  {
    daysAgo: 24,
    hour: 15,
    hours: 4,
    peak: 4,
    migraine: false,
    aura: false,
    woke: false,
    triggers: ['screen time'],
  },
  {
    daysAgo: 21,
    hour: 6,
    hours: 14,
    peak: 8,
    migraine: true,
    aura: false,
    woke: true,
    triggers: ['weather'],
  },
  {
    daysAgo: 17,
    hour: 11,
    hours: 6,
    peak: 6,
    migraine: true,
    aura: false,
    woke: false,
    triggers: ['skipped lunch'],
  },
  { daysAgo: 12, hour: 7, hours: 9, peak: 7, migraine: true, aura: true, woke: true, triggers: ['stress'] },
  {
    daysAgo: 8,
    hour: 16,
    hours: 3,
    peak: 3,
    migraine: false,
    aura: false,
    woke: false,
    triggers: ['neck tension'],
  },
  {
    daysAgo: 4,
    hour: 6,
    hours: 12,
    peak: 8,
    migraine: true,
    aura: false,
    woke: true,
    triggers: ['red wine'],
  },
] as const;

/**
 * Care's demo data: the client's timezone projection and a few diary entries. The
 * homework catalogue is versioned code (like the screening rule set), so there are
 * no catalogue rows; sessions belong to booking and arrive by events. Idempotent.
 */
export async function seedDemo(args: SeedArgs): Promise<void> {
  const { prisma, config, now, accounts } = args;
  const cipher = createFieldCipher(config.HEALTH_DATA_KEYS);
  const clientId = accounts.client.userId;
  await prisma.careClient.upsert({
    where: { userId: clientId },
    create: { userId: clientId, timezone: 'America/New_York' },
    update: {},
  });
  const existing = await prisma.diaryEntry.count({ where: { clientId } });
  if (existing > 0) return; // seeded before (or the client has their own diary): leave it alone
  const data = DEMO_HEADACHES.map((h, index) => {
    const id = stableUuid(`care-demo-diary-${clientId}-${index}`);
    // That many days before `now`, at the given hour in New York (whatever the offset that day).
    const startedAt = DateTime.fromJSDate(now, { zone: 'America/New_York' })
      .minus({ days: h.daysAgo })
      .set({ hour: h.hour, minute: 0, second: 0, millisecond: 0 })
      .toJSDate();
    const endedAt = new Date(startedAt.getTime() + h.hours * HOUR);
    const sealed = cipher.sealJson(
      {
        peakIntensity: h.peak,
        isMigraine: h.migraine,
        aura: h.aura,
        triggers: [...h.triggers],
        medications: h.migraine ? [{ name: 'sumatriptan', relief: 'PARTIAL' }] : [],
        wokeWithIt: h.woke,
        startedWhere: h.migraine ? 'behind the right eye' : 'base of the skull',
      },
      id,
    );
    return { id, clientId, startedAt, endedAt, sealed, createdAt: now, updatedAt: now };
  });
  await prisma.diaryEntry.createMany({ data, skipDuplicates: true });
}
