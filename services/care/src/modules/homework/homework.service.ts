import { randomUUID } from 'node:crypto';
import { isUniqueViolation, type HomeworkPlan as PlanRow, type Prisma, type TransactionClient } from '@mm/db';
import { fromGlobalId, notFound, pageRequest, requireRole, toConnection, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import { adherence } from '../outcomes/outcomes.metrics.ts';
import type { ReminderScheduler } from '../reminders/reminders.scheduler.ts';
import { canSeeClient, resolveClientScope } from '../shared/access.ts';
import { advisoryLock } from '../shared/locks.repository.ts';
import { type DoseParam, type DoseValue, HOMEWORK_CATALOGUE_VERSION } from './homework.catalogue.ts';
import { HomeworkError } from './homework.errors.ts';
import {
  type HomeworkPlan,
  type HomeworkPlanItem,
  type PlanViolation,
  planPainCap,
  validatePlan,
} from './homework.policy.ts';
import {
  adherenceFactsOf,
  careBooking,
  endPlan,
  findPlan,
  getPlan,
  insertPlan,
  lockPlan,
  openAlertsOn,
  openPlansOf,
  planOfBooking,
  plansOf,
  upcomingRemindersOf,
  updatePlan,
} from './homework.repository.ts';

const doseValueInput = z
  .object({
    exactly: z.number().nullish(),
    min: z.number().nullish(),
    max: z.number().nullish(),
    upTo: z.number().nullish(),
  })
  .transform((v, ctx): DoseValue => {
    if (v.exactly != null && v.min == null && v.max == null && v.upTo == null) return v.exactly;
    if (v.upTo != null && v.exactly == null && v.min == null && v.max == null) return { upTo: v.upTo };
    if (v.min != null && v.max != null && v.exactly == null && v.upTo == null)
      return { min: v.min, max: v.max };
    ctx.addIssue({ code: 'custom', message: 'give either exactly, or min and max, or upTo' });
    return z.NEVER;
  });

const DOSE_PARAMS = ['holdSeconds', 'minutes', 'reps', 'timesPerDay', 'stepInches', 'holdWeeks'] as const;

const itemInput = z.object({
  itemId: z.string().min(1),
  dose: z.partialRecord(z.enum(DOSE_PARAMS), doseValueInput.nullish()).nullish(),
  painCap: z.number().int().nullish(),
  times: z.array(z.string()).max(6).nullish(),
});

const createInput = z.object({
  bookingId: z.string(),
  painCap: z.number().int().nullish(),
  items: z.array(itemInput).max(20),
});

const updateInput = z.object({
  planId: z.string(),
  painCap: z.number().int().nullish(),
  items: z.array(itemInput).max(20).nullish(),
});

const transitionInput = z.object({ planId: z.string(), reason: z.string().trim().max(500).nullish() });

function toPlanItem(raw: z.infer<typeof itemInput>): HomeworkPlanItem {
  const dose: Partial<Record<DoseParam, DoseValue>> = {};
  for (const [param, value] of Object.entries(raw.dose ?? {})) {
    if (value != null) dose[param as DoseParam] = value as DoseValue;
  }
  return {
    itemId: raw.itemId,
    ...(Object.keys(dose).length > 0 ? { dose } : {}),
    ...(raw.painCap != null ? { painCap: raw.painCap } : {}),
    ...(raw.times != null ? { times: raw.times } : {}),
  };
}

/** The stored row as the pure policy's plan. */
export const planDoc = (row: Pick<PlanRow, 'painCap' | 'items'>): HomeworkPlan => ({
  painCap: row.painCap,
  items: row.items as unknown as HomeworkPlanItem[],
});

export const planContext = (row: Pick<PlanRow, 'clientCap'>) =>
  row.clientCap === null ? {} : { clientCap: row.clientCap };

/** Refuses a plan the catalogue or the caps do not allow, with the most specific code. */
function assertValid(plan: HomeworkPlan, clientCap: number | null): void {
  const violations = validatePlan(plan, clientCap === null ? {} : { clientCap });
  if (violations.length === 0) return;
  const details = { violations: violations.map((v: PlanViolation) => ({ ...v })) };
  const aboveMax = violations.find((v) => v.code === 'PAIN_CAP_ABOVE_MAX');
  if (aboveMax) throw new HomeworkError('HOMEWORK_PAIN_CAP_ABOVE_MAX', aboveMax.message, details);
  const aboveClient = violations.find((v) => v.code === 'PAIN_CAP_ABOVE_CLIENT_CAP');
  if (aboveClient) {
    throw new HomeworkError('HOMEWORK_PAIN_CAP_ABOVE_SESSION_CAP', aboveClient.message, details);
  }
  throw new HomeworkError(
    'HOMEWORK_PLAN_INVALID',
    `The homework plan is not valid: ${violations.map((v) => v.message).join(' ')}`,
    details,
  );
}

type Transition = 'pause' | 'resume' | 'end';
const ALLOWED_FROM: Record<Transition, PlanRow['status'][]> = {
  pause: ['ACTIVE'],
  resume: ['PAUSED'],
  end: ['ACTIVE', 'PAUSED'],
};
const TARGET: Record<Transition, PlanRow['status']> = { pause: 'PAUSED', resume: 'ACTIVE', end: 'ENDED' };

export class HomeworkService {
  constructor(
    private readonly ctx: CareContext,
    private readonly reminders: ReminderScheduler,
  ) {}

  async create(viewer: Viewer, raw: unknown): Promise<PlanRow> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const input = createInput.parse(raw);
    const bookingId = fromGlobalId('Booking', input.bookingId, 'bookingId');
    const booking = await this.completedSession(therapist.userId, bookingId);
    const items = input.items.map(toPlanItem);
    const clientCap = booking.selfCareCap;
    const draft: HomeworkPlan = { ...(input.painCap != null ? { painCap: input.painCap } : {}), items };
    assertValid(draft, clientCap);
    const painCap = planPainCap(draft, clientCap === null ? {} : { clientCap });
    const now = this.ctx.now();
    const id = randomUUID();
    const exists = () =>
      new HomeworkError(
        'HOMEWORK_PLAN_EXISTS',
        'This session already has a homework plan; update that plan instead.',
      );
    const { plan, dropped } = await this.transaction(async (tx) => {
      // Serialises plan writes for this client, so two sessions' plans cannot both stay active.
      await advisoryLock(tx, `care-plan-${booking.clientId}`);
      if (await planOfBooking(tx, bookingId)) throw exists();
      const dropped = await this.endCurrentPlans(tx, booking.clientId, now);
      await insertPlan(tx, {
        id,
        bookingId,
        clientId: booking.clientId,
        therapistId: therapist.userId,
        painCap,
        clientCap,
        items: items as unknown as Prisma.InputJsonValue,
        catalogueVersion: HOMEWORK_CATALOGUE_VERSION,
        scheduledThrough: now,
        createdAt: now,
        updatedAt: now,
      });
      dropped.push(...(await this.reminders.replan(tx, id)));
      return { plan: await getPlan(tx, id), dropped };
    }).catch((err: unknown) => {
      throw isUniqueViolation(err) ? exists() : err;
    });
    await this.afterCommit(dropped);
    return plan;
  }

  /** The therapist's own session, completed: homework is assigned after it. */
  private async completedSession(therapistId: string, bookingId: string) {
    const booking = await careBooking(this.ctx.prisma, bookingId);
    if (!booking || booking.therapistId !== therapistId) throw notFound('This session');
    if (booking.status !== 'COMPLETED') {
      throw new HomeworkError(
        'SESSION_NOT_COMPLETED',
        'Homework is assigned after the session is completed.',
      );
    }
    return booking;
  }

  /** One plan at a time: a new session's plan replaces the client's current one. Returns the dropped jobs. */
  private async endCurrentPlans(tx: TransactionClient, clientId: string, now: Date): Promise<string[]> {
    const dropped: string[] = [];
    for (const old of await openPlansOf(tx, clientId)) {
      await endPlan(tx, old.id, 'Replaced by the plan from a later session.', now);
      dropped.push(...(await this.reminders.replan(tx, old.id)));
    }
    return dropped;
  }

  async update(viewer: Viewer, raw: unknown): Promise<PlanRow> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const input = updateInput.parse(raw);
    const planId = fromGlobalId('HomeworkPlan', input.planId, 'planId');
    const { plan, dropped } = await this.transaction(async (tx) => {
      const current = await lockPlan(tx, planId);
      if (!current || current.therapistId !== therapist.userId) throw notFound('This homework plan');
      if (current.status === 'ENDED') {
        throw new HomeworkError(
          'HOMEWORK_PLAN_ENDED',
          'This homework plan has ended; write a new one instead.',
        );
      }
      const items = input.items ? input.items.map(toPlanItem) : planDoc(current).items;
      const next: HomeworkPlan = { painCap: input.painCap ?? current.painCap, items };
      assertValid(next, current.clientCap);
      await updatePlan(tx, planId, {
        painCap: next.painCap as number,
        items: items as unknown as Prisma.InputJsonValue,
        updatedAt: this.ctx.now(),
      });
      const dropped = await this.reminders.replan(tx, planId);
      return { plan: await getPlan(tx, planId), dropped };
    });
    await this.afterCommit(dropped);
    return plan;
  }

  /** pause / resume / end; the client or the plan's therapist. An illegal move changes nothing and says why. */
  async transition(viewer: Viewer, raw: unknown, action: Transition): Promise<PlanRow> {
    const input = transitionInput.parse(raw);
    const planId = fromGlobalId('HomeworkPlan', input.planId, 'planId');
    const { plan, dropped } = await this.transaction(async (tx) => {
      const current = await lockPlan(tx, planId);
      const mine =
        current &&
        ((viewer.role === 'CLIENT' && current.clientId === viewer.userId) ||
          (viewer.role === 'THERAPIST' && current.therapistId === viewer.userId));
      if (!current || !mine) throw notFound('This homework plan');
      if (!ALLOWED_FROM[action].includes(current.status)) {
        throw new HomeworkError(
          'HOMEWORK_PLAN_TRANSITION_INVALID',
          `The plan is ${current.status.toLowerCase()}; it can be ${action === 'end' ? 'ended' : `${action}d`} only when ${ALLOWED_FROM[action].join(' or ').toLowerCase()}.`,
          { status: current.status },
        );
      }
      if (action === 'resume' && viewer.role === 'CLIENT') {
        if ((await openAlertsOn(tx, planId)) > 0) {
          throw new HomeworkError(
            'HOMEWORK_PLAN_TRANSITION_INVALID',
            'This plan was paused after a red-flag symptom. Your therapist resumes it once a doctor has checked you.',
            { status: current.status },
          );
        }
      }
      await updatePlan(tx, planId, {
        status: TARGET[action],
        statusReason: input.reason ?? null,
        updatedAt: this.ctx.now(),
      });
      const dropped = await this.reminders.replan(tx, planId);
      return { plan: await getPlan(tx, planId), dropped };
    });
    await this.afterCommit(dropped);
    return plan;
  }

  async get(viewer: Viewer, globalId: string): Promise<PlanRow> {
    const id = fromGlobalId('HomeworkPlan', globalId, 'id');
    const plan = await findPlan(this.ctx.prisma, id);
    if (!plan || !(await canSeeClient(this.ctx.prisma, viewer, plan.clientId)))
      throw notFound('This homework plan');
    return plan;
  }

  async list(
    viewer: Viewer,
    args: { clientId?: string | null; first?: number | null; after?: string | null },
  ) {
    const clientId = await resolveClientScope(this.ctx.prisma, viewer, args.clientId);
    const page = pageRequest(args);
    const rows = await plansOf(this.ctx.prisma, clientId, page.after, page.take);
    return toConnection(rows, page.size, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /** Each plan's next reminders (at most `first`, 1–100), for many plans in constant statements (a loader). */
  async upcomingRemindersOf(planIds: readonly string[], first: number) {
    const take = Math.min(Math.max(first, 1), 100);
    const byPlan = await upcomingRemindersOf(this.ctx.prisma, planIds, this.ctx.now(), take);
    return planIds.map((id) => byPlan.get(id) ?? []);
  }

  /** Done / skipped / missed against the reminders that have fired so far, for many plans (a loader). */
  async adherenceOf(planIds: readonly string[]) {
    const asOf = this.ctx.now();
    const { reminders, logs } = await adherenceFactsOf(this.ctx.prisma, planIds, asOf);
    return planIds.map((planId) =>
      adherence({
        scheduled: reminders
          .filter((r) => r.planId === planId)
          .map((r) => ({ itemId: r.itemId, scheduledFor: r.fireAt })),
        logs: logs
          .filter((l) => l.planId === planId)
          .map((l) => ({
            itemId: l.itemId,
            scheduledFor: l.scheduledFor,
            status: l.status === 'DONE' ? ('done' as const) : ('skipped' as const),
            loggedAt: l.loggedAt,
          })),
        asOf,
      }),
    );
  }

  private transaction<T>(fn: (tx: TransactionClient) => Promise<T>): Promise<T> {
    return this.ctx.prisma.$transaction(fn);
  }

  private async afterCommit(dropped: string[]): Promise<void> {
    await this.reminders.removeJobs(dropped);
  }
}
