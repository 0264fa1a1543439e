import type { Config } from '@mm/config';
import type { PrismaClient } from '@mm/db';
import { seedDemoIntake } from './modules/intake/intake.seed.ts';
import { PricingRepository } from './modules/pricing/pricing.repository.ts';

export interface BookingSeedArgs {
  prisma: PrismaClient;
  config: Config;
  now: Date;
  accounts: {
    admin: { userId: string; email: string };
    client: { userId: string; email: string };
    therapists: { userId: string; email: string; fullName: string }[];
  };
}

/** Demo data for `npm start`; every part is idempotent (a second run changes nothing). */
export async function seedDemo(args: BookingSeedArgs): Promise<void> {
  // safety: the demo client's confirmed intake, so they can book right away.
  await seedDemoIntake(args);
  // dispatch: the DEFAULT_* price book and cancellation policy as versioned rows. The
  // therapist directory fills itself from screening's and payments' seed events.
  await new PricingRepository(args.prisma).seedDefaults();
}
