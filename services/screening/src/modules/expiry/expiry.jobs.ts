import type { InsurancePolicy, License, PrismaClient } from '@mm/db';
import { toIsoDate } from '@mm/eligibility';
import { emitEvent, type NewNotification, queueNotification } from '@mm/queue';
import type { ApplicationsRepository } from '../applications/application.repository.ts';
import { type ApplicationsService, expiringDocumentsOf, refOf } from '../applications/application.service.ts';
import { applyApplicationAction } from '../applications/application.state-machine.ts';
import { type ExpiryReminder, evaluateExpiries, reinstatementDecision } from './expiry.policy.ts';

/** BullMQ names may not contain ':'. */
export const EXPIRY_QUEUE = 'screening-expiry';
export const EXPIRY_SCHEDULER_ID = 'expiry-watch-daily';
/** 06:00 UTC: after midnight on the US east coast, so "today" is the same date there. */
export const EXPIRY_CRON = '0 6 * * *';

export interface ExpiryRunSummary {
  today: string;
  remindersQueued: number;
  expiredEmitted: number;
  suspended: number;
  reinstated: number;
}

/**
 * The daily expiry watch; the BullMQ processor calls it with the injected
 * clock and tests call it directly with a TestClock. Every effect is
 * idempotent for the same day: reminders are deduplicated by the
 * notifications outbox key, `license.expired` by the expiry_notices row,
 * and suspension applies only to a therapist still APPROVED.
 */
export async function runExpiryWatch(deps: {
  prisma: PrismaClient;
  now: () => Date;
  applications: ApplicationsService;
  repo: ApplicationsRepository;
}): Promise<ExpiryRunSummary> {
  const { prisma, applications, repo } = deps;
  const today = toIsoDate(deps.now());
  const live = await prisma.therapistApplication.findMany({
    where: { status: { in: ['APPROVED', 'SUSPENDED'] } },
    include: { licenses: true, insurances: true, credentials: true },
  });
  const documents = live.flatMap((app) => expiringDocumentsOf(app));
  const evaluation = evaluateExpiries({ today, documents });
  const summary: ExpiryRunSummary = {
    today,
    remindersQueued: 0,
    expiredEmitted: 0,
    suspended: 0,
    reinstated: 0,
  };

  const licenses = new Map(live.flatMap((app) => app.licenses.map((l) => [l.id, l] as const)));
  const policies = new Map(live.flatMap((app) => app.insurances.map((p) => [p.id, p] as const)));
  for (const reminder of evaluation.reminders) {
    const notification = expiryNotification(reminder, licenses, policies);
    if (!notification) continue;
    const queued = await prisma.$transaction((tx) => queueNotification(tx, notification));
    if (queued) summary.remindersQueued++;
  }

  const suspendedNow = new Set<string>();
  for (const suspension of evaluation.suspensions) {
    await prisma.$transaction(async (tx) => {
      const app = await repo.lockByTherapist(tx, suspension.therapistId);
      if (app?.status !== 'APPROVED') return;
      const decision = applyApplicationAction(refOf(app), 'suspend', {
        actor: { kind: 'SYSTEM' },
        reason: suspension.reason,
      });
      await applications.applyDecision(tx, app, decision, null, { suspensionCause: suspension.cause });
      suspendedNow.add(app.therapistId);
      summary.suspended++;
    });
  }

  for (const expired of evaluation.expired) {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.expiryNotice.createMany({
        data: [
          {
            dedupeKey: expired.dedupeKey,
            therapistId: expired.therapistId,
            documentId: expired.documentId,
            kind: expired.kind,
          },
        ],
        skipDuplicates: true,
      });
      if (count === 0) return;
      summary.expiredEmitted++;
      const app = await repo.lockByTherapist(tx, expired.therapistId);
      if (!app) return;
      if (expired.kind === 'LICENSE') {
        await emitEvent(tx, {
          type: 'license.expired',
          aggregateType: 'TherapistApplication',
          aggregateId: expired.therapistId,
          payload: {
            therapistId: expired.therapistId,
            licenseId: expired.documentId,
            jurisdiction: expired.jurisdiction ?? '',
            expiredOn: expired.expiresOn,
          },
        });
      }
      await applications.audit(
        tx,
        null,
        `${expired.kind === 'LICENSE' ? 'license' : 'insurance'}.expired`,
        app.id,
        null,
        {
          documentId: expired.documentId,
          jurisdiction: expired.jurisdiction,
          expiresOn: expired.expiresOn,
        },
      );
      // A suspension already sent the new snapshot; otherwise booking still hears that a license lapsed.
      if (!suspendedNow.has(app.therapistId)) await applications.emitSnapshot(tx, app);
    });
  }

  // A renewal that became valid today (issued in the future, verified earlier) lifts an automatic suspension.
  for (const app of live.filter((a) => a.status === 'SUSPENDED')) {
    await prisma.$transaction(async (tx) => {
      const locked = await repo.lock(tx, app.id);
      if (locked?.status !== 'SUSPENDED') return;
      const verdict = reinstatementDecision({
        today,
        therapist: { id: locked.therapistId, status: locked.status, suspensionCause: locked.suspensionCause },
        documents: expiringDocumentsOf(locked),
      });
      if (!verdict.reinstate) return;
      const decision = applyApplicationAction(refOf(locked), 'reinstate', {
        actor: { kind: 'SYSTEM' },
        reason: verdict.reason,
      });
      await applications.applyDecision(tx, locked, decision, null);
      summary.reinstated++;
    });
  }
  return summary;
}

/** The reminder as a message naming the document: which license or policy, and when it expires. */
function expiryNotification(
  reminder: ExpiryReminder,
  licenses: ReadonlyMap<string, License>,
  policies: ReadonlyMap<string, InsurancePolicy>,
): NewNotification | null {
  const base = {
    userId: reminder.therapistId,
    dedupeKey: `screening-expiry-${reminder.dedupeKey}`,
  };
  const expiry = {
    documentId: reminder.documentId,
    expiresOn: reminder.expiresOn,
    daysLeft: reminder.daysLeft,
    daysBefore: reminder.daysBefore,
  };
  if (reminder.kind === 'LICENSE') {
    const license = licenses.get(reminder.documentId);
    if (!license) return null;
    return {
      ...base,
      template: 'license-expiry-reminder',
      payload: {
        ...expiry,
        licenseType: license.type,
        licenseNumber: license.number,
        jurisdiction: license.jurisdiction,
      },
    };
  }
  const policy = policies.get(reminder.documentId);
  if (!policy) return null;
  return {
    ...base,
    template: 'insurance-expiry-reminder',
    payload: { ...expiry, carrier: policy.carrier, policyNumber: policy.policyNumber },
  };
}
