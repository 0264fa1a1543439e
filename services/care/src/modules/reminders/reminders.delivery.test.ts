import { randomUUID } from 'node:crypto';
import { createPrismaClient } from '@mm/db';
import { afterAll, describe, expect, it } from 'vitest';
import { deliverReminder, deliverReminders } from './reminders.jobs.ts';

// The batch is read, then written in one statement: what changes in between decides what is sent.
const prisma = createPrismaClient({ databaseUrl: process.env.DATABASE_URL as string, poolSize: 4 });
const NOW = new Date('2026-05-04T13:00:00.000Z');
const now = () => NOW;
afterAll(() => prisma.$disconnect());

async function dueReminders(count: number) {
  const plan = await prisma.homeworkPlan.create({
    data: {
      id: randomUUID(),
      bookingId: randomUUID(),
      clientId: randomUUID(),
      therapistId: randomUUID(),
      painCap: 5,
      items: [{ itemId: 'chin-tucks', times: ['09:00'] }],
      catalogueVersion: 1,
      scheduledThrough: NOW,
      createdAt: NOW,
      updatedAt: NOW,
    },
  });
  const rows = Array.from({ length: count }, (_, i) => {
    const fireAt = new Date(NOW.getTime() - i * 60_000);
    return {
      id: randomUUID(),
      planId: plan.id,
      clientId: plan.clientId,
      itemId: 'chin-tucks',
      fireAt,
      jobId: `delivery-test-${randomUUID()}`,
      localDate: '2026-05-04',
      localTime: '09:00',
      timeZone: 'America/New_York',
      adjustments: [],
      enqueuedAt: fireAt,
      createdAt: fireAt,
    };
  });
  await prisma.reminder.createMany({ data: rows });
  return { plan, rows };
}

const messagesOf = (keys: string[]) =>
  prisma.notification.findMany({ where: { dedupeKey: { in: keys } }, orderBy: { dedupeKey: 'asc' } });

describe('batched reminder delivery', () => {
  it('sends each SCHEDULED reminder once, with its message, and marks it SENT', async () => {
    const { rows } = await dueReminders(3);
    const outcomes = await deliverReminders(prisma, [...rows.map((r) => r.id), randomUUID()], now);
    expect([...outcomes.values()].sort()).toEqual(['missing', 'sent', 'sent', 'sent']);
    const sent = await messagesOf(rows.map((r) => r.jobId));
    expect(sent).toHaveLength(3);
    expect(sent.every((n) => n.template === 'homework-reminder')).toBe(true);
    expect(
      await prisma.reminder.count({ where: { id: { in: rows.map((r) => r.id) }, status: 'SENT' } }),
    ).toBe(3);
    // Again: nothing new.
    const again = await deliverReminders(
      prisma,
      rows.map((r) => r.id),
      now,
    );
    expect([...again.values()]).toEqual(['already-sent', 'already-sent', 'already-sent']);
    expect(await messagesOf(rows.map((r) => r.jobId))).toHaveLength(3);
  });

  it('two deliveries of the same batch at once send each message once', async () => {
    const { rows } = await dueReminders(20);
    const ids = rows.map((r) => r.id);
    const [a, b] = await Promise.all([
      deliverReminders(prisma, ids, now),
      deliverReminders(prisma, ids, now),
    ]);
    for (const id of ids) expect([a.get(id), b.get(id)].sort()).toEqual(['already-sent', 'sent']);
    expect(await messagesOf(rows.map((r) => r.jobId))).toHaveLength(20);
  });

  it('a reminder changed between the read and the write is read again: the message has the new time', async () => {
    const { rows } = await dueReminders(1);
    const [row] = rows as [(typeof rows)[number]];
    let moved = false;
    const outcome = await deliverReminder(prisma, row.id, now, {
      beforeCommit: async () => {
        if (moved) return;
        moved = true;
        await prisma.reminder.update({ where: { id: row.id }, data: { localTime: '09:05' } });
      },
    });
    expect(outcome).toBe('sent');
    const messages = await messagesOf([row.jobId]);
    expect(messages.map((m) => (m.payload as { localTime: string }).localTime)).toEqual(['09:05']);
  });

  it('a plan paused between the read and the write cancels the reminder and sends nothing', async () => {
    const { plan, rows } = await dueReminders(2);
    const outcomes = await deliverReminders(
      prisma,
      rows.map((r) => r.id),
      now,
      {
        beforeCommit: async () => {
          await prisma.homeworkPlan.update({ where: { id: plan.id }, data: { status: 'PAUSED' } });
        },
      },
    );
    expect([...outcomes.values()]).toEqual(['plan-not-active', 'plan-not-active']);
    expect(await messagesOf(rows.map((r) => r.jobId))).toHaveLength(0);
    expect(
      await prisma.reminder.count({ where: { id: { in: rows.map((r) => r.id) }, status: 'CANCELLED' } }),
    ).toBe(2);
  });
});
