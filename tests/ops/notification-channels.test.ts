import { createPrismaClient } from '@mm/db';
import { queueNotification, UnsupportedChannelError } from '@mm/queue';
import { afterAll, describe, expect, it } from 'vitest';

const prisma = createPrismaClient({ databaseUrl: process.env.DATABASE_URL!, poolSize: 2 });
afterAll(() => prisma.$disconnect());

describe('notification channels', () => {
  it.each(['SMS', 'PUSH'])('refuses %s with a stable code and stores nothing', async (channel) => {
    const attempt = prisma.$transaction((tx) =>
      queueNotification(tx, {
        userId: '00000000-0000-4000-8000-000000000001',
        template: 'welcome-client',
        payload: { role: 'CLIENT' },
        dedupeKey: `channel-${channel}`,
        // A caller outside TypeScript's reach (or one casting) still meets the refusal.
        channel: channel as 'EMAIL',
      }),
    );
    await expect(attempt).rejects.toBeInstanceOf(UnsupportedChannelError);
    await expect(attempt).rejects.toMatchObject({
      code: 'NOTIFICATION_CHANNEL_UNSUPPORTED',
      details: { channel },
    });
    expect(await prisma.notification.count({ where: { dedupeKey: `channel-${channel}` } })).toBe(0);
  });
});
