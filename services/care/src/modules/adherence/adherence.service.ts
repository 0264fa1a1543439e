import { randomUUID } from 'node:crypto';
import {
  type CareAlert,
  type HomeworkPlan as HomeworkPlanRow,
  recordAudit,
  type TransactionClient,
} from '@mm/db';
import {
  fromGlobalId,
  notFound,
  pageRequest,
  requireRole,
  toConnection,
  toGlobalId,
  type Viewer,
} from '@mm/graphql-kit';
import { queueNotification } from '@mm/queue';
import { readFreeText } from '@mm/safety';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import { findHomeworkItem } from '../homework/homework.catalogue.ts';
import { lockPlan, updatePlan } from '../homework/homework.repository.ts';
import { planContext, planDoc } from '../homework/homework.service.ts';
import type { ReminderScheduler } from '../reminders/reminders.scheduler.ts';
import {
  acknowledgeAlert,
  alertsPage,
  createCareAlert,
  type FreeTextFinding,
  findAlert,
  freeTextFinding,
  type SealedAlert,
} from '../shared/alerts.repository.ts';
import { AdherenceError } from './adherence.errors.ts';
import {
  type AdherenceDecision,
  decisionSeverity,
  evaluateHomeworkLog,
  type HomeworkSymptom,
  RED_FLAG_SYMPTOMS,
  type RedFlagSymptom,
  ROUTINE_SYMPTOMS,
} from './adherence.policy.ts';
import { createLog, findReminder } from './adherence.repository.ts';

const RED_FLAG_SET: ReadonlySet<string> = new Set(RED_FLAG_SYMPTOMS);
const isRedFlagSymptom = (s: string): s is RedFlagSymptom => RED_FLAG_SET.has(s);

const SYMPTOMS = [...RED_FLAG_SYMPTOMS, ...ROUTINE_SYMPTOMS] as [HomeworkSymptom, ...HomeworkSymptom[]];

const logInput = z.object({
  planId: z.string(),
  itemId: z.string().min(1),
  status: z.enum(['DONE', 'SKIPPED']),
  painFelt: z.number().int().min(0, 'must be 0 to 10').max(10, 'must be 0 to 10').nullish(),
  symptoms: z.array(z.enum(SYMPTOMS)).max(20).nullish(),
  /** Free text ("blurred vision"); @mm/safety recognises red flags in it. */
  otherSymptoms: z.array(z.string().trim().min(1).max(200)).max(10).nullish(),
  duringAttack: z.boolean().nullish(),
  reminderId: z.string().nullish(),
  note: z.string().trim().max(2000).nullish(),
});

export interface SealedLog {
  painFelt: number | null;
  symptoms: HomeworkSymptom[];
  otherSymptoms: string[];
  duringAttack: boolean;
  note: string | null;
}

type AlertListArgs = {
  status?: 'OPEN' | 'ACKNOWLEDGED' | null;
  first?: number | null;
  after?: string | null;
};

export class AdherenceService {
  constructor(
    private readonly ctx: CareContext,
    private readonly reminders: ReminderScheduler,
  ) {}

  /**
   * The client logs an item. A red flag returns urgent guidance at once, opens an
   * admin alert, pauses the plan and tells the therapist; pain above the cap tells the therapist.
   */
  async log(viewer: Viewer, raw: unknown) {
    const client = requireRole(viewer, 'CLIENT');
    const input = logInput.parse(raw);
    const planId = fromGlobalId('HomeworkPlan', input.planId, 'planId');
    const reminderId = input.reminderId ? fromGlobalId('Reminder', input.reminderId, 'reminderId') : null;
    const { reading, freeText, sealed } = readLog(input);
    const { symptoms } = sealed;
    const now = this.ctx.now();
    const logId = randomUUID();

    const result = await this.ctx.prisma.$transaction(async (tx) => {
      const plan = await this.planToLogAgainst(tx, planId, client.userId, input.itemId);
      const scheduledFor = reminderId ? await this.reminderTime(tx, reminderId, planId, input.itemId) : null;
      const decisions = evaluateHomeworkLog(
        {
          itemId: input.itemId,
          status: input.status === 'DONE' ? 'done' : 'skipped',
          painFelt: sealed.painFelt,
          symptoms,
          duringAttack: sealed.duringAttack,
          freeTextForReview: reading.verdict === 'REVIEW',
        },
        planDoc(plan),
        planContext(plan),
      );
      const log = await createLog(tx, {
        id: logId,
        planId,
        clientId: client.userId,
        itemId: input.itemId,
        reminderId,
        scheduledFor,
        status: input.status,
        sealed: this.ctx.cipher.sealJson(sealed, logId),
        severity: decisionSeverity(decisions),
        loggedAt: now,
      });
      const outcome = await this.apply(tx, decisions, { plan, logId, itemId: input.itemId, now, freeText });
      return { log, ...outcome };
    });
    await this.reminders.removeJobs(result.dropped);
    return {
      log: { ...result.log, detail: sealed },
      urgent: result.urgent,
      advice: result.advice,
      therapistNotified: result.therapistNotified,
      planPaused: result.planPaused,
    };
  }

  /** The client's own plan, locked, still open, with the item in it. */
  private async planToLogAgainst(tx: TransactionClient, planId: string, clientId: string, itemId: string) {
    const plan = await lockPlan(tx, planId);
    if (!plan || plan.clientId !== clientId) throw notFound('This homework plan');
    if (plan.status === 'ENDED') {
      throw new AdherenceError(
        'HOMEWORK_PLAN_ENDED',
        'This homework plan has ended; there is nothing to log against it.',
      );
    }
    if (!planDoc(plan).items.some((i) => i.itemId === itemId)) {
      throw new AdherenceError('HOMEWORK_ITEM_NOT_IN_PLAN', `"${itemId}" is not part of this homework plan.`);
    }
    return plan;
  }

  /** When the reminder the client answers was due; it must be this plan's reminder for this item. */
  private async reminderTime(tx: TransactionClient, reminderId: string, planId: string, itemId: string) {
    const reminder = await findReminder(tx, reminderId);
    if (!reminder || reminder.planId !== planId || reminder.itemId !== itemId)
      throw notFound('This reminder');
    return reminder.fireAt;
  }

  /** Carries out the policy's decisions in the log's transaction. */
  private async apply(
    tx: TransactionClient,
    decisions: readonly AdherenceDecision[],
    at: { plan: HomeworkPlanRow; logId: string; itemId: string; now: Date; freeText: FreeTextFinding },
  ) {
    const out = {
      urgent: null as { guidance: string; symptoms: string[]; screeningRuleId: string } | null,
      advice: [] as string[],
      alertId: null as string | null,
      planPaused: false,
      therapistNotified: false,
      dropped: [] as string[],
    };
    for (const d of decisions) {
      switch (d.type) {
        case 'URGENT':
          out.urgent = {
            guidance: d.guidance,
            symptoms: [...d.symptoms],
            screeningRuleId: d.screeningRuleId,
          };
          break;
        case 'OPEN_ADMIN_ALERT':
          out.alertId = await this.raiseAlert(tx, d, at);
          break;
        case 'OPEN_THERAPIST_REVIEW':
          // One alert per log: a review only opens when no red-flag alert did.
          out.alertId = await this.openReview(tx, d, at);
          break;
        case 'PAUSE_HOMEWORK':
          if (at.plan.status === 'ACTIVE') {
            await updatePlan(tx, at.plan.id, { status: 'PAUSED', statusReason: d.reason, updatedAt: at.now });
            out.dropped = await this.reminders.replan(tx, at.plan.id);
            out.planPaused = true;
          }
          break;
        case 'NOTIFY_THERAPIST':
          out.therapistNotified = (await this.notifyTherapist(tx, d, at)) || out.therapistNotified;
          break;
        case 'ADVISE_CLIENT':
          out.advice.push(d.message);
          break;
      }
    }
    return out;
  }

  private async raiseAlert(
    tx: TransactionClient,
    d: Extract<AdherenceDecision, { type: 'OPEN_ADMIN_ALERT' }>,
    at: { plan: HomeworkPlanRow; logId: string; now: Date; freeText: FreeTextFinding },
  ): Promise<string> {
    const { freeText } = at;
    return this.createAlert(tx, 'RED_FLAG_SYMPTOM', d.severity, at, {
      reason: d.reason,
      symptoms: [...d.symptoms],
      ...(freeText.concepts.length > 0 ? { freeText } : {}),
    });
  }

  /** Words the reader could not call harmless: the therapist reads them (their review queue). */
  private async openReview(
    tx: TransactionClient,
    d: Extract<AdherenceDecision, { type: 'OPEN_THERAPIST_REVIEW' }>,
    at: { plan: HomeworkPlanRow; logId: string; now: Date; freeText: FreeTextFinding },
  ): Promise<string> {
    const detail: SealedAlert = { reason: d.reason, symptoms: at.freeText.concepts, freeText: at.freeText };
    return this.createAlert(tx, 'FREE_TEXT_REVIEW', 'ROUTINE', at, detail);
  }

  /** A care alert on this log, its detail sealed (it names symptoms). */
  private createAlert(
    tx: TransactionClient,
    kind: 'RED_FLAG_SYMPTOM' | 'FREE_TEXT_REVIEW',
    severity: CareAlert['severity'],
    at: { plan: HomeworkPlanRow; logId: string; now: Date },
    detail: SealedAlert,
  ): Promise<string> {
    return createCareAlert(tx, this.ctx.cipher, {
      kind,
      severity,
      clientId: at.plan.clientId,
      therapistId: at.plan.therapistId,
      source: { planId: at.plan.id, logId: at.logId },
      now: at.now,
      detail,
    });
  }

  /** The message names no symptom or pain figure: notifications leave the health-data boundary. */
  private notifyTherapist(
    tx: TransactionClient,
    d: Extract<AdherenceDecision, { type: 'NOTIFY_THERAPIST' }>,
    at: { plan: HomeworkPlanRow; logId: string; itemId: string; now: Date },
  ): Promise<boolean> {
    return queueNotification(tx, {
      userId: at.plan.therapistId,
      template: d.priority === 'URGENT' ? 'homework-red-flag' : 'homework-check-in',
      payload: {
        planId: toGlobalId('HomeworkPlan', at.plan.id),
        logId: toGlobalId('HomeworkLog', at.logId),
        itemId: at.itemId,
        title: findHomeworkItem(at.itemId)?.title ?? at.itemId,
        reason: d.reason,
        priority: d.priority,
        loggedAt: at.now.toISOString(),
      },
      dedupeKey: `homework-log-${at.logId}-${d.reason}`,
    });
  }

  openLog(log: { id: string; sealed: string }): SealedLog {
    return this.ctx.cipher.openJson<SealedLog>(log.sealed, log.id);
  }

  async alerts(viewer: Viewer, args: AlertListArgs) {
    requireRole(viewer, 'ADMIN');
    return this.listAlerts({}, args);
  }

  /** The therapist's review queue: alerts on their own clients' logs, newest first. */
  async reviewQueue(viewer: Viewer, args: AlertListArgs) {
    const therapist = requireRole(viewer, 'THERAPIST');
    return this.listAlerts({ therapistId: therapist.userId }, args);
  }

  /** One page of alerts, newest first (graphql-kit's health-data audit records who read them). */
  private async listAlerts(where: { therapistId?: string }, args: AlertListArgs) {
    const page = pageRequest(args);
    const rows = await alertsPage(this.ctx.prisma, { ...where, status: args.status }, page.after, page.take);
    return toConnection(rows, page.size, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /** Admins acknowledge any alert; a therapist acknowledges those on their own clients' logs. */
  async acknowledge(viewer: Viewer, raw: unknown): Promise<CareAlert> {
    const actor = requireRole(viewer, 'ADMIN', 'THERAPIST');
    const { alertId: gid } = z.object({ alertId: z.string() }).parse(raw);
    const alertId = fromGlobalId('CareAlert', gid, 'alertId');
    return this.ctx.prisma.$transaction(async (tx) => {
      const by = {
        userId: actor.userId,
        ...(actor.role === 'THERAPIST' ? { therapistId: actor.userId } : {}),
      };
      const acknowledged = await acknowledgeAlert(tx, alertId, by, this.ctx.now());
      const alert = await findAlert(tx, alertId);
      if (!alert || (actor.role === 'THERAPIST' && alert.therapistId !== actor.userId))
        throw notFound('This care alert');
      if (!acknowledged) {
        throw new AdherenceError(
          'CARE_ALERT_ALREADY_ACKNOWLEDGED',
          'This care alert was already acknowledged.',
        );
      }
      await recordAudit(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: 'care.alert.acknowledged',
        entityType: 'CareAlert',
        entityId: alertId,
      });
      return alert;
    });
  }

  openAlert(alert: CareAlert): SealedAlert {
    return this.ctx.cipher.openJson<SealedAlert>(alert.sealed, alert.id);
  }
}

/**
 * What the client wrote, as the log stores it (sealed): @mm/safety reads their own words for red flags,
 * which count like a ticked box.
 */
function readLog(input: z.infer<typeof logInput>) {
  const reading = readFreeText([...(input.otherSymptoms ?? []), ...(input.note ? [input.note] : [])]);
  const fromText = reading.matches.map((m) => m.concept as string).filter(isRedFlagSymptom);
  const sealed: SealedLog = {
    painFelt: input.painFelt ?? null,
    symptoms: [...new Set<HomeworkSymptom>([...(input.symptoms ?? []), ...fromText])],
    otherSymptoms: input.otherSymptoms ?? [],
    duringAttack: input.duringAttack ?? false,
    note: input.note ?? null,
  };
  return { reading, freeText: freeTextFinding(reading), sealed };
}
