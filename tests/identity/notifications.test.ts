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

async function enqueue(userId: string, dedupeKey: string) {
  return prisma.$transaction((tx) =>
    queueNotification(tx, {
      userId,
      template: 'questionnaire-hit6-due',
      payload: { kind: 'HIT6', lastTakenAt: null },
      dedupeKey,
    }),
  );
}

describe('notifications outbox delivery', () => {
  it('delivers each message once, to the account email, rendered from its template', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    expect(await enqueue(id, `r-${id}-1`)).toBe(true);
    expect(await enqueue(id, `r-${id}-1`)).toBe(false); // same key, no second message

    const transport = new CapturingTransport();
    const dispatcher = new NotificationDispatcher({ prisma, transport });
    while ((await dispatcher.deliverBatch()) > 0);
    const row = await prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `r-${id}-1` } });
    const mine = transport.sent.filter((m) => m.to === user.email && m.id === row.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.subject).toBe('Your HIT-6 check-in is due (about 2 minutes)');
    expect(mine[0]?.text).toContain('Never: this is your first one');
    expect(mine[0]?.html).toContain('<th align="left" style="padding-right:1em">How long</th>');
    expect(row.status).toBe('SENT');
    expect(await dispatcher.deliverBatch()).toBe(0);
  });

  it('never sends a message twice when dispatchers race', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    for (let i = 0; i < 30; i++) await enqueue(id, `race-${id}-${i}`);
    const transport = new CapturingTransport();
    const dispatchers = Array.from(
      { length: 4 },
      () => new NotificationDispatcher({ prisma, transport, batchSize: 5 }),
    );
    const drain = async (d: NotificationDispatcher) => {
      while ((await d.deliverBatch()) > 0);
    };
    await Promise.all(dispatchers.map(drain));
    const ids = transport.sent.filter((m) => m.to === user.email).map((m) => m.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('retries a failing transport and gives up after the maximum attempts', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    await prisma.notification.updateMany({ where: { status: 'PENDING' }, data: { status: 'SENT' } });
    await enqueue(id, `flaky-${id}`);
    const transport = new CapturingTransport();
    transport.failuresLeft = 1;
    const dispatcher = new NotificationDispatcher({ prisma, transport, maxAttempts: 3 });
    expect(await dispatcher.deliverBatch()).toBe(0);
    expect(await dispatcher.deliverBatch()).toBe(1);
    expect(
      (await prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `flaky-${id}` } })).attempts,
    ).toBe(2);

    await enqueue(id, `dead-${id}`);
    transport.failuresLeft = 99;
    for (let i = 0; i < 4; i++) await dispatcher.deliverBatch();
    const dead = await prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `dead-${id}` } });
    expect(dead.status).toBe('FAILED');
    expect(dead.attempts).toBe(3);
  });

  it('fails a message whose template is not in the contract at once, without retrying it', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    await prisma.notification.updateMany({ where: { status: 'PENDING' }, data: { status: 'SENT' } });
    // Written around the typed queueNotification, as an older or foreign producer might.
    await prisma.notification.create({
      data: { userId: id, template: 'reminder', payload: { subject: 'hi' }, dedupeKey: `unknown-${id}` },
    });
    const transport = new CapturingTransport();
    expect(await new NotificationDispatcher({ prisma, transport, maxAttempts: 5 }).deliverBatch()).toBe(0);
    const row = await prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `unknown-${id}` } });
    expect({ status: row.status, attempts: row.attempts }).toEqual({ status: 'FAILED', attempts: 1 });
    expect(transport.sent).toEqual([]);
  });

  it('renders in the time zone and language the recipient set on their profile', async () => {
    const user = await signUp(stack, 'CLIENT');
    const id = (await prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
    const res = await stack.gql(
      'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { profile { timezone locale } } }',
      { input: { timezone: 'Europe/London', locale: 'en-GB' } },
      { token: user.accessToken },
    );
    expect(res.data).toEqual({ updateProfile: { profile: { timezone: 'Europe/London', locale: 'en-GB' } } });
    const bad = await stack.gql(
      'mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { profile { locale } } }',
      { input: { locale: 'not a tag' } },
      { token: user.accessToken },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    await prisma.notification.updateMany({ where: { status: 'PENDING' }, data: { status: 'SENT' } });
    await prisma.$transaction((tx) =>
      queueNotification(tx, {
        userId: id,
        template: 'questionnaire-midas-due',
        payload: { kind: 'MIDAS', lastTakenAt: '2027-01-05T14:00:00.000Z' },
        dedupeKey: `zone-${id}`,
      }),
    );
    const transport = new CapturingTransport();
    await new NotificationDispatcher({ prisma, transport }).deliverBatch();
    const [message] = transport.sent.filter((m) => m.to === user.email);
    // 14:00 UTC in January is 14:00 in London; en-GB writes the day before the month.
    expect(message?.text).toContain('Last answered: Tuesday, 5 January 2027 at 14:00 GMT');
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
