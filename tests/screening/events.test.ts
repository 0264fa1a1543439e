import { randomUUID } from 'node:crypto';
import { EVENT_ROUTES, eventQueueName } from '@mm/queue';
import {
  EXPIRY_CRON,
  EXPIRY_QUEUE,
  EXPIRY_SCHEDULER_ID,
} from '@mm/screening/src/modules/expiry/expiry.jobs.ts';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Stack, signUp } from '../harness/index.ts';
import { startScreeningStack, uuidOf } from './support/screening.ts';

let stack: Stack;
beforeAll(async () => {
  stack = await startScreeningStack({ workers: true });
});
afterAll(() => stack.close());

describe('screening workers', () => {
  it('opens a DRAFT application when a therapist registers, once, and ignores clients', async () => {
    expect(EVENT_ROUTES['user.registered']).toContain('screening');
    const therapist = await signUp(stack, 'THERAPIST');
    const client = await signUp(stack, 'CLIENT');
    const app = await eventually(
      () => stack.prisma.therapistApplication.findUnique({ where: { therapistId: uuidOf(therapist.id) } }),
      'the DRAFT application',
    );
    expect(app.status).toBe('DRAFT');

    // Replay the same event (a redelivery): nothing changes.
    const event = await stack.prisma.outboxEvent.findFirstOrThrow({
      where: { type: 'user.registered', aggregateId: uuidOf(therapist.id) },
    });
    const queue = new Queue(eventQueueName('screening'), {
      connection: stack.redis,
      prefix: stack.config.QUEUE_PREFIX,
    });
    await queue.add(
      'user.registered',
      {
        id: event.id,
        type: event.type,
        aggregateType: event.aggregateType,
        aggregateId: event.aggregateId,
        payload: event.payload,
        occurredAt: event.occurredAt.toISOString(),
      },
      { jobId: `replay-${randomUUID()}` },
    );
    const replay = await eventually(async () => {
      const jobs = await queue.getJobs(['completed']);
      return jobs.find((j) => j.id?.startsWith('replay-'));
    }, 'the replayed job');
    expect(replay.returnvalue).toBe('duplicate');
    await queue.close();
    expect(
      await stack.prisma.auditEntry.count({ where: { entityId: app.id, action: 'application.created' } }),
    ).toBe(1);
    await eventually(
      async () => (await stack.prisma.processedEvent.count({ where: { consumer: 'screening' } })) >= 2,
      'the client event to be consumed',
    );
    expect(
      await stack.prisma.therapistApplication.findUnique({ where: { therapistId: uuidOf(client.id) } }),
    ).toBeNull();
  });

  it('registers the daily expiry job scheduler', async () => {
    const queue = new Queue(EXPIRY_QUEUE, { connection: stack.redis, prefix: stack.config.QUEUE_PREFIX });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: EXPIRY_SCHEDULER_ID, pattern: EXPIRY_CRON })]);
    await queue.close();
  });
});
