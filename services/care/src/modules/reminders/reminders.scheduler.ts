import { randomUUID } from 'node:crypto';
import type { HomeworkPlan as PlanRow, PrismaClient, TransactionClient } from '@mm/db';
import type { Queue } from 'bullmq';
import { findHomeworkItem } from '../homework/homework.catalogue.ts';
import { type HomeworkPlanItem, reminderItemsFor } from '../homework/homework.policy.ts';
import { clientSettings } from '../shared/access.ts';
import { computeReminders, reminderJobId } from './reminder.schedule.ts';

/** BullMQ queue of homework reminders (names may not contain ':'). */
export const REMINDER_QUEUE = 'care-reminders';
/** Reminders exist this far ahead; the sweep keeps the horizon topped up. */
export const REMINDER_HORIZON_DAYS = 3;
const DAY_MS = 86_400_000;

export interface ReminderJobData {
  reminderId: string;
}

const keyOf = (itemId: string, fireAt: Date) => `${itemId}|${fireAt.getTime()}`;

/**
 * Keeps reminder rows in step with plans, and BullMQ in step with the rows.
 * The rows are the truth: a job only delivers a row that is still SCHEDULED, so a
 * stale job (plan paused, timezone moved) changes nothing. Rows are written in the
 * caller's transaction with enqueuedAt null; jobs are added after commit, and the
 * sweep adds any a crash left out (a job outbox).
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
    await tx.$queryRaw`SELECT id FROM care.homework_plans WHERE id = ${planId}::uuid FOR UPDATE`;
    const plan = await tx.homeworkPlan.findUniqueOrThrow({ where: { id: planId } });
    const now = this.now();
    const horizonEnd = new Date(now.getTime() + REMINDER_HORIZON_DAYS * DAY_MS);
    const desired = plan.status === 'ACTIVE' ? await this.compute(tx, plan, now, horizonEnd) : [];
    const existing = await tx.reminder.findMany({ where: { planId, fireAt: { gte: now } } });
    const wanted = new Map(desired.map((r) => [keyOf(r.itemId, r.fireAt), r]));
    const have = new Map(existing.map((r) => [keyOf(r.itemId, r.fireAt), r]));

    const cancelled = existing.filter(
      (r) => r.status === 'SCHEDULED' && !wanted.has(keyOf(r.itemId, r.fireAt)),
    );
    if (cancelled.length > 0) {
      await tx.reminder.updateMany({
        where: { id: { in: cancelled.map((r) => r.id) }, status: 'SCHEDULED' },
        data: { status: 'CANCELLED' },
      });
    }
    const revived = existing.filter((r) => r.status === 'CANCELLED' && wanted.has(keyOf(r.itemId, r.fireAt)));
    for (const r of revived) {
      const d = wanted.get(keyOf(r.itemId, r.fireAt));
      await tx.reminder.update({
        where: { id: r.id },
        data: { status: 'SCHEDULED', enqueuedAt: null, ...(d ? this.localFields(d) : {}) },
      });
    }
    const fresh = desired.filter((d) => !have.has(keyOf(d.itemId, d.fireAt)));
    await this.insert(tx, plan, fresh);
    await tx.homeworkPlan.update({
      where: { id: planId },
      data: { scheduledThrough: plan.status === 'ACTIVE' ? horizonEnd : now, updatedAt: now },
    });
    return cancelled.map((r) => r.jobId);
  }

  /** Extends an active plan's reminders up to the horizon; earlier ones are left alone. */
  async topUp(tx: TransactionClient, planId: string): Promise<number> {
    await tx.$queryRaw`SELECT id FROM care.homework_plans WHERE id = ${planId}::uuid FOR UPDATE`;
    const plan = await tx.homeworkPlan.findUniqueOrThrow({ where: { id: planId } });
    const now = this.now();
    const horizonEnd = new Date(now.getTime() + REMINDER_HORIZON_DAYS * DAY_MS);
    if (plan.status !== 'ACTIVE' || plan.scheduledThrough >= horizonEnd) return 0;
    const from = plan.scheduledThrough > now ? plan.scheduledThrough : now;
    const added = await this.insert(tx, plan, await this.compute(tx, plan, from, horizonEnd));
    await tx.homeworkPlan.update({ where: { id: planId }, data: { scheduledThrough: horizonEnd } });
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
    const { count } = await tx.reminder.createMany({
      data: reminders.map((r) => ({
        id: randomUUID(),
        planId: plan.id,
        clientId: plan.clientId,
        itemId: r.itemId,
        fireAt: r.fireAt,
        jobId: reminderJobId(plan.id, r.itemId, r.fireAt),
        ...this.localFields(r),
        createdAt,
      })),
      skipDuplicates: true,
    });
    return count;
  }

  /** Adds a delayed job for every scheduled reminder not yet in BullMQ. Safe to repeat: job ids dedupe. */
  async enqueuePending(limit = 500): Promise<number> {
    const rows = await this.prisma.reminder.findMany({
      where: { status: 'SCHEDULED', enqueuedAt: null },
      orderBy: { fireAt: 'asc' },
      take: limit,
    });
    const now = this.now();
    for (const r of rows) {
      await this.queue.add('reminder', { reminderId: r.id } satisfies ReminderJobData, {
        jobId: r.jobId,
        delay: Math.max(0, r.fireAt.getTime() - now.getTime()),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: false,
      });
      await this.prisma.reminder.updateMany({
        where: { id: r.id, enqueuedAt: null },
        data: { enqueuedAt: now },
      });
    }
    return rows.length;
  }

  /**
   * Reminders that are due by the service clock but still delayed in BullMQ (clock
   * skew, or a test clock moved ahead) are promoted; any whose job went missing is re-added.
   */
  async promoteDue(limit = 500): Promise<number> {
    const rows = await this.prisma.reminder.findMany({
      where: { status: 'SCHEDULED', enqueuedAt: { not: null }, fireAt: { lte: this.now() } },
      orderBy: { fireAt: 'asc' },
      take: limit,
    });
    let promoted = 0;
    for (const r of rows) {
      const job = await this.queue.getJob(r.jobId);
      if (!job) {
        await this.queue.add('reminder', { reminderId: r.id } satisfies ReminderJobData, { jobId: r.jobId });
        promoted++;
      } else if ((await job.getState()) === 'delayed') {
        await job.promote().catch(() => undefined); // it may have started meanwhile
        promoted++;
      }
    }
    return promoted;
  }

  /** Drops jobs of cancelled reminders; best effort, since a stale job is a no-op anyway. */
  async removeJobs(jobIds: readonly string[]): Promise<void> {
    for (const id of jobIds) await this.queue.remove(id).catch(() => 0);
  }

  /** One maintenance pass: top up horizons, enqueue what is missing, promote what is due. */
  async sweep(): Promise<{ toppedUp: number; enqueued: number; promoted: number }> {
    const horizonEnd = new Date(this.now().getTime() + REMINDER_HORIZON_DAYS * DAY_MS);
    const plans = await this.prisma.homeworkPlan.findMany({
      where: { status: 'ACTIVE', scheduledThrough: { lt: horizonEnd } },
      select: { id: true },
      take: 500,
    });
    let toppedUp = 0;
    for (const p of plans) toppedUp += await this.prisma.$transaction((tx) => this.topUp(tx, p.id));
    const enqueued = await this.enqueuePending();
    const promoted = await this.promoteDue();
    return { toppedUp, enqueued, promoted };
  }
}

/** The reminder's title for messages. */
export const reminderTitle = (itemId: string) => findHomeworkItem(itemId)?.title ?? itemId;
