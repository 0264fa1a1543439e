import type { Config } from '@mm/config';
import type { PrismaClient, Role } from '@mm/db';
import { buildIdentityServices } from './app.ts';

export const DEMO_PASSWORD = 'demo-password-2026';
const DOMAIN = 'demo.migraine.test';

export interface DemoAccounts {
  admin: { userId: string; email: string };
  client: { userId: string; email: string };
  therapists: { userId: string; email: string; fullName: string }[];
}

const THERAPISTS = [
  'Maya Chen',
  'Daniel Okafor',
  'Sofia Ramirez',
  'Liam Walsh',
  'Priya Natarajan',
  'Jonah Feld',
];

/** Demo accounts for `npm start`; running it again changes nothing. */
export async function seedDemo({
  prisma,
  config,
}: {
  prisma: PrismaClient;
  config: Config;
}): Promise<DemoAccounts> {
  const { accounts, profiles } = buildIdentityServices({ config, prisma });
  const ensure = async (email: string, role: Role, fullName: string) => {
    const existing = await prisma.user.findUnique({ where: { email } });
    if (existing) return existing.id;
    const session = await accounts.register(
      { email, password: DEMO_PASSWORD, role, fullName, timezone: 'America/New_York' },
      null,
    );
    return session.user.id;
  };

  const admin = { email: `admin@${DOMAIN}`, userId: await ensure(`admin@${DOMAIN}`, 'ADMIN', 'Avery Admin') };
  const client = {
    email: `client@${DOMAIN}`,
    userId: await ensure(`client@${DOMAIN}`, 'CLIENT', 'Casey Client'),
  };
  if ((await prisma.address.count({ where: { userId: client.userId } })) === 0) {
    const viewer = { userId: client.userId, role: 'CLIENT' as const };
    await profiles.updateProfile(viewer, { phone: '+12125550100', dateOfBirth: '1988-06-14' });
    await profiles.addAddress(viewer, {
      label: 'Home',
      line1: '350 W 42nd St, Apt 12C',
      city: 'New York',
      region: 'NY',
      postalCode: '10036',
      country: 'US',
      accessNotes: {
        parking: 'Street parking on 42nd',
        pets: 'One calm dog',
        stairs: 'Elevator',
        entry: 'Doorman; give your name',
      },
    });
  }
  const therapists = [];
  for (const [i, fullName] of THERAPISTS.entries()) {
    const email = `therapist${i + 1}@${DOMAIN}`;
    therapists.push({ email, fullName, userId: await ensure(email, 'THERAPIST', fullName) });
  }
  return { admin, client, therapists };
}
