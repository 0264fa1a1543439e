import { randomUUID } from 'node:crypto';
import type { HomeworkPlan as PlanRow, PrismaClient, TransactionClient } from '@mm/db';
import { enqueueJob } from '@mm/queue';
import type { Queue } from 'bullmq';
import { findHomeworkItem } from '../homework/homework.catalogue.ts';
import { type HomeworkPlanItem, reminderItemsFor } from '../homework/homework.policy.ts';
import { lockPlan } from '../homework/homework.repository.ts';
import { clientSettings } from '../shared/access.ts';
import { computeReminders, reminderJobId } from './reminders.policy.ts';
import {
  cancelScheduled,
  futureRemindersOf,
  insertReminders,
  markEnqueued,
  plansToTopUp,
  setScheduledThrough,
  unenqueuedReminders,
  updateReminder,
} from './reminders.repository.ts';

/** BullMQ queue of homework reminders (names may not contain ':'). */
export const REMINDER_QUEUE = 'care-reminders';
/** Reminders exist this far ahead; the sweep keeps the horizon topped up. */
export const REMINDER_HORIZON_DAYS = 3;
const DAY_MS = 86_400_000;

export interface ReminderJobData {
  reminderId: string;
}

const keyOf = (itemId: string, fireAt: Date) => `${itemId}|${fireAt.getTime()}`;

/** Each reminder row's delivery job, in the job outbox of the row's own transaction. */
export const enqueueDelivery = (tx: TransactionClient, r: { id: string; jobId: string; fireAt: Date }) =>
  enqueueJob(tx, {
    queue: REMINDER_QUEUE,
    name: 'reminder',
    data: { reminderId: r.id } satisfies ReminderJobData,
    jobId: r.jobId,
    delayUntil: r.fireAt,
    attempts: 10,
  });

async function lockedPlan(tx: TransactionClient, planId: string): Promise<PlanRow> {
  const plan = await lockPlan(tx, planId);
  if (!plan) throw new Error(`homework plan ${planId} does not exist`);
  return plan;
}

/**
 * Keeps reminder rows in step with plans. The rows are the truth: a job only
 * delivers a row that is still SCHEDULED, so a stale job (plan paused, timezone
 * moved) changes nothing. Each row's delivery job is written with it, in the
 * caller's transaction (enqueueJob); the outbox relay publishes it delayed to
 * the row's time and promotes it when it falls due by the relay's clock.
 */
export class ReminderScheduler {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly queue: Queue,
    private readonly now: () => Date,
  ) {}

  /**
   * Recomputes a plan's future reminders from now: keeps those that did not move,
   * cancels those that did (or all, when the plan is not active) and adds the new ones.
   * Returns the job ids of cancelled reminders so the caller can drop them after commit.
   */
  async replan(tx: TransactionClient, planId: string): Promise<string[]> {
    const plan = await lockedPlan(tx, planId);
    const now = this.now();
    const horizonEnd = new Date(now.getTime() + REMINDER_HORIZON_DAYS * DAY_MS);
    const desired = plan.status === 'ACTIVE' ? await this.compute(tx, plan, now, horizonEnd) : [];
    const existing = await futureRemindersOf(tx, planId, now);
    const wanted = new Map(desired.map((r) => [keyOf(r.itemId, r.fireAt), r]));
    const have = new Map(existing.map((r) => [keyOf(r.itemId, r.fireAt), r]));

    const cancelled = existing.filter(
      (r) => r.status === 'SCHEDULED' && !wanted.has(keyOf(r.itemId, r.fireAt)),
    );
    if (cancelled.length > 0)
      await cancelScheduled(
        tx,
        cancelled.map((r) => r.id),
      );
    const revived = existing.filter((r) => r.status === 'CANCELLED' && wanted.has(keyOf(r.itemId, r.fireAt)));
    for (const r of revived) {
      const d = wanted.get(keyOf(r.itemId, r.fireAt));
      await updateReminder(tx, r.id, {
        status: 'SCHEDULED',
        enqueuedAt: now,
        ...(d ? this.localFields(d) : {}),
      });
      await enqueueDelivery(tx, r);
    }
    const fresh = desired.filter((d) => !have.has(keyOf(d.itemId, d.fireAt)));
    await this.insert(tx, plan, fresh);
    await setScheduledThrough(tx, planId, plan.status === 'ACTIVE' ? horizonEnd : now, now);
    return cancelled.map((r) => r.jobId);
  }

  /** Extends an active plan's reminders up to the horizon; earlier ones are left alone. */
  async topUp(tx: TransactionClient, planId: string): Promise<number> {
    const plan = await lockedPlan(tx, planId);
    const now = this.now();
    const horizonEnd = new Date(now.getTime() + REMINDER_HORIZON_DAYS * DAY_MS);
    if (plan.status !== 'ACTIVE' || plan.scheduledThrough >= horizonEnd) return 0;
    const from = plan.scheduledThrough > now ? plan.scheduledThrough : now;
    const added = await this.insert(tx, plan, await this.compute(tx, plan, from, horizonEnd));
    await setScheduledThrough(tx, planId, horizonEnd);
    return added;
  }

  private async compute(tx: TransactionClient, plan: PlanRow, from: Date, to: Date) {
    const { timeZone, quietHours } = await clientSettings(tx, plan.clientId);
    const schedule = reminderItemsFor({
      painCap: plan.painCap,
      items: plan.items as unknown as HomeworkPlanItem[],
    });
    const horizonDays = (to.getTime() - from.getTime()) / DAY_MS;
    if (horizonDays <= 0) return [];
    return computeReminders({ schedule, timeZone, quietHours, from, horizonDays }).map((r) => ({
      ...r,
      timeZone,
    }));
  }

  private localFields(r: {
    localDate: string;
    localTime: string;
    adjustments: readonly string[];
    timeZone: string;
  }) {
    return {
      localDate: r.localDate,
      localTime: r.localTime,
      adjustments: [...r.adjustments],
      timeZone: r.timeZone,
    };
  }

  private async insert(
    tx: TransactionClient,
    plan: PlanRow,
    reminders: {
      itemId: string;
      fireAt: Date;
      localDate: string;
      localTime: string;
      adjustments: readonly string[];
      timeZone: string;
    }[],
  ): Promise<number> {
    if (reminders.length === 0) return 0;
    const createdAt = this.now();
    const created = await insertReminders(
      tx,
      reminders.map((r) => ({
        id: randomUUID(),
        planId: plan.id,
        clientId: plan.clientId,
        itemId: r.itemId,
        fireAt: r.fireAt,
        jobId: reminderJobId(plan.id, r.itemId, r.fireAt),
        ...this.localFields(r),
        enqueuedAt: createdAt,
        createdAt,
      })),
    );
    for (const r of created) await enqueueDelivery(tx, r);
    return created.length;
  }

  /**
   * Rows written before reminders went through the job outbox (enqueuedAt null)
   * get their delivery job now. Safe to repeat: the job id dedupes.
   */
  async enqueuePending(limit = 500): Promise<number> {
    const rows = await unenqueuedReminders(this.prisma, limit);
    for (const r of rows) {
      await this.prisma.$transaction(async (tx) => {
        if (await markEnqueued(tx, r.id, this.now())) await enqueueDelivery(tx, r);
      });
    }
    return rows.length;
  }

  /** Drops jobs of cancelled reminders; best effort, since a stale job is a no-op anyway. */
  async removeJobs(jobIds: readonly string[]): Promise<void> {
    for (const id of jobIds) await this.queue.remove(id).catch(() => 0);
  }

  /** One maintenance pass: top up horizons and give any legacy row its job (the relay promotes what is due). */
  async sweep(): Promise<{ toppedUp: number; enqueued: number }> {
    const horizonEnd = new Date(this.now().getTime() + REMINDER_HORIZON_DAYS * DAY_MS);
    let toppedUp = 0;
    for (const id of await plansToTopUp(this.prisma, horizonEnd, 500)) {
      toppedUp += await this.prisma.$transaction((tx) => this.topUp(tx, id));
    }
    const enqueued = await this.enqueuePending();
    return { toppedUp, enqueued };
  }
}

/** The reminder's title for messages. */
export const reminderTitle = (itemId: string) => findHomeworkItem(itemId)?.title ?? itemId;
