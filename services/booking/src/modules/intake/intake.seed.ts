import type { Config } from '@mm/config';
import { createFieldCipher } from '@mm/crypto';
import type { PrismaClient } from '@mm/db';
import { emptyIntakeAnswers } from '@mm/safety';
import type { SealedIntake } from './intake.answers.ts';
import { IntakeRepository } from './intake.repository.ts';

/**
 * The demo client's confirmed intake: a typical migraine pattern, no red
 * flags, MEDIUM pressure, scent-triggered (so M8 fires: no essential oils).
 * Idempotent: a client who has any intake is left alone.
 */
export async function seedDemoIntake(args: {
  prisma: PrismaClient;
  config: Config;
  now: Date;
  accounts: { client: { userId: string } };
}): Promise<void> {
  const clientId = args.accounts.client.userId;
  if ((await args.prisma.migraineIntake.count({ where: { clientId } })) > 0) return;
  const { answeredAt: _, ...base } = emptyIntakeAnswers();
  const intake: SealedIntake = {
    dateOfBirth: '1988-06-14',
    answers: {
      ...base,
      headache: {
        ...base.headache,
        startsAt: ['NECK', 'TEMPLE'],
        onset: 'BUILDS_DURING_DAY',
        wakesWithHeadache: false,
        oneSided: true,
        hasUsualAura: false,
      },
      triggers: {
        ...base.triggers,
        scents: true,
        screens: true,
        posture: true,
        sleep: true,
        footwearHeels: true,
      },
      conditions: { ...base.conditions, osmophobia: true },
      medications: ['sumatriptan as needed'],
      preferences: {
        ...base.preferences,
        pressure: 'MEDIUM',
        focusAreas: [
          { area: 'NECK', side: 'BOTH', note: 'back of the neck, where the headache starts' },
          { area: 'SHOULDERS', side: 'BOTH', note: null },
        ],
        essentialOilConsent: false,
      },
    },
  };
  const repo = new IntakeRepository(args.prisma, createFieldCipher(args.config.HEALTH_DATA_KEYS));
  await args.prisma.$transaction((tx) =>
    repo.create(tx, { clientId, source: 'CLIENT', intake, now: args.now, confirmed: true }),
  );
}
