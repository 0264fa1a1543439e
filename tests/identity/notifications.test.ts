import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { NotificationDispatcher } from '@mm/identity/src/modules/notifications/notifications.jobs.ts';
import type {
  NotificationTransport,
  OutgoingMessage,
} from '@mm/identity/src/modules/notifications/notifications.transports.ts';
import { queueNotification } from '@mm/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack } from '../harness/index.ts';

const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 6 });
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'] });
});
afterAll(async () => {
  await stack.close();
  await prisma.$disconnect();
});

class CapturingTransport implements NotificationTransport {
  readonly name = 'capture';
  readonly sent: OutgoingMessage[] = [];
  failuresLeft = 0;
  async send(message: OutgoingMessage): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('smtp down');
    }
    this.sent.push(message);
  }
}

async function enqueue(userId: string, dedupeKey: string, payload: Record<string, unknown> = {}) {
  return prisma.$transaction((tx) =>
    queueNotification(tx, { userId, template: 'reminder', payload, dedupeKey }),
  );
}

describe('notifications outbox delivery', () => {
  it('delivers each message once, to the account email, with the payload’s own words', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    expect(
      await enqueue(id, `r-${id}-1`, { subject: 'Time for chin tucks', text: '10 reps, pain-free.' }),
    ).toBe(true);
    expect(await enqueue(id, `r-${id}-1`, { subject: 'duplicate' })).toBe(false); // same key, no second message

    const transport = new CapturingTransport();
    const dispatcher = new NotificationDispatcher({ prisma, transport });
    while ((await dispatcher.deliverBatch()) > 0);
    const mine = transport.sent.filter((m) => m.to === user.email && m.subject === 'Time for chin tucks');
    expect(mine).toEqual([{ to: user.email, subject: 'Time for chin tucks', text: '10 reps, pain-free.' }]);
    const row = await prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `r-${id}-1` } });
    expect(row.status).toBe('SENT');
    expect(await dispatcher.deliverBatch()).toBe(0);
  });

  it('never sends a message twice when dispatchers race', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    for (let i = 0; i < 30; i++) await enqueue(id, `race-${id}-${i}`, { subject: `m${i}` });
    const transport = new CapturingTransport();
    const dispatchers = Array.from(
      { length: 4 },
      () => new NotificationDispatcher({ prisma, transport, batchSize: 5 }),
    );
    const drain = async (d: NotificationDispatcher) => {
      while ((await d.deliverBatch()) > 0);
    };
    await Promise.all(dispatchers.map(drain));
    const subjects = transport.sent.filter((m) => m.to === user.email).map((m) => m.subject);
    expect(subjects).toHaveLength(30);
    expect(new Set(subjects).size).toBe(30);
  });

  it('retries a failing transport and gives up after the maximum attempts', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    await prisma.notification.updateMany({ where: { status: 'PENDING' }, data: { status: 'SENT' } });
    await enqueue(id, `flaky-${id}`, { subject: 'flaky' });
    const transport = new CapturingTransport();
    transport.failuresLeft = 1;
    const dispatcher = new NotificationDispatcher({ prisma, transport, maxAttempts: 3 });
    expect(await dispatcher.deliverBatch()).toBe(0);
    expect(await dispatcher.deliverBatch()).toBe(1);
    expect(
      (await prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `flaky-${id}` } })).attempts,
    ).toBe(2);

    await enqueue(id, `dead-${id}`, { subject: 'dead' });
    transport.failuresLeft = 99;
    for (let i = 0; i < 4; i++) await dispatcher.deliverBatch();
    const dead = await prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `dead-${id}` } });
    expect(dead.status).toBe('FAILED');
    expect(dead.attempts).toBe(3);
  });

  it('emits user.profile_updated only when the timezone changes', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    const update = (input: Record<string, string>) =>
      stack.gql(
        'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { profile { timezone } } }',
        { input },
        { token: user.accessToken },
      );
    await update({ fullName: 'Renamed' });
    await update({ timezone: 'Europe/London' });
    await update({ timezone: 'Europe/London' });
    const events = await prisma.outboxEvent.findMany({
      where: { aggregateId: id, type: 'user.profile_updated' },
    });
    expect(events.map((e) => e.payload)).toEqual([{ userId: id, timezone: 'Europe/London' }]);
  });
});
