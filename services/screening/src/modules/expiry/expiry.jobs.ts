import type { Credential, InsurancePolicy, License, PrismaClient } from '@mm/db';
import { toIsoDate } from '@mm/eligibility';
import { emitEvent, type NewNotification, queueNotification } from '@mm/queue';
import type { ApplicationsRepository } from '../applications/application.repository.ts';
import {
  emitSnapshot,
  expiringDocumentsOf,
  recordApplicationAudit,
  refOf,
} from '../applications/application.rules.ts';
import { applyApplicationAction } from '../applications/application.state-machine.ts';
import type { VettingService } from '../applications/vetting.service.ts';
import {
  type DocumentExpired,
  type ExpiryReminder,
  evaluateExpiries,
  reinstatementDecision,
  type SuspensionDue,
} from './expiry.policy.ts';
import type { ExpiryRepository } from './expiry.repository.ts';

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
interface ExpiryDeps {
  prisma: PrismaClient;
  now: () => Date;
  vetting: VettingService;
  repo: ApplicationsRepository;
  expiries: ExpiryRepository;
}

type LiveApplication = Awaited<ReturnType<ExpiryRepository['liveApplications']>>[number];

export async function runExpiryWatch(deps: ExpiryDeps): Promise<ExpiryRunSummary> {
  const today = toIsoDate(deps.now());
  const live = await deps.expiries.liveApplications();
  const evaluation = evaluateExpiries({ today, documents: live.flatMap((app) => expiringDocumentsOf(app)) });
  const remindersQueued = await queueReminders(deps, live, evaluation.reminders);
  const suspendedNow = await suspend(deps, evaluation.suspensions);
  const expiredEmitted = await announceExpired(deps, evaluation.expired, suspendedNow);
  const reinstated = await reinstate(deps, live, today);
  return { today, remindersQueued, expiredEmitted, suspended: suspendedNow.size, reinstated };
}

/** Step 1: a reminder 30, 7 and 1 days before each expiry (the outbox key makes each one once). */
async function queueReminders(
  { prisma }: ExpiryDeps,
  live: LiveApplication[],
  reminders: readonly ExpiryReminder[],
): Promise<number> {
  const licenses = new Map(live.flatMap((app) => app.licenses.map((l) => [l.id, l] as const)));
  const policies = new Map(live.flatMap((app) => app.insurances.map((p) => [p.id, p] as const)));
  const credentials = new Map(live.flatMap((app) => app.credentials.map((c) => [c.id, c] as const)));
  let queued = 0;
  for (const reminder of reminders) {
    const notification = expiryNotification(reminder, { licenses, policies, credentials });
    if (notification && (await prisma.$transaction((tx) => queueNotification(tx, notification)))) queued++;
  }
  return queued;
}

/** Step 2: suspends each therapist still APPROVED whose last valid document lapsed; returns who. */
async function suspend(
  { prisma, repo, vetting }: ExpiryDeps,
  suspensions: readonly SuspensionDue[],
): Promise<Set<string>> {
  const suspendedNow = new Set<string>();
  for (const suspension of suspensions) {
    await prisma.$transaction(async (tx) => {
      const app = await repo.lockByTherapist(tx, suspension.therapistId);
      if (app?.status !== 'APPROVED') return;
      const decision = applyApplicationAction(refOf(app), 'suspend', {
        actor: { kind: 'SYSTEM' },
        reason: suspension.reason,
      });
      await vetting.applyDecision(tx, app, decision, null, { suspensionCause: suspension.cause });
      suspendedNow.add(app.therapistId);
    });
  }
  return suspendedNow;
}

/** Step 3: each lapsed document once (expiry_notices): `license.expired`, an audit entry and a snapshot. */
async function announceExpired(
  { prisma, repo, expiries }: ExpiryDeps,
  expired: readonly DocumentExpired[],
  suspendedNow: ReadonlySet<string>,
): Promise<number> {
  let emitted = 0;
  for (const doc of expired) {
    await prisma.$transaction(async (tx) => {
      const first = await expiries.claimNotice(tx, {
        dedupeKey: doc.dedupeKey,
        therapistId: doc.therapistId,
        documentId: doc.documentId,
        kind: doc.kind,
      });
      if (!first) return;
      emitted++;
      const app = await repo.lockByTherapist(tx, doc.therapistId);
      if (!app) return;
      if (doc.kind === 'LICENSE') {
        await emitEvent(tx, {
          type: 'license.expired',
          aggregateType: 'TherapistApplication',
          aggregateId: doc.therapistId,
          payload: {
            therapistId: doc.therapistId,
            licenseId: doc.documentId,
            jurisdiction: doc.jurisdiction ?? '',
            expiredOn: doc.expiresOn,
          },
        });
      }
      await recordApplicationAudit(tx, null, doc.event, app.id, null, {
        documentId: doc.documentId,
        jurisdiction: doc.jurisdiction,
        expiresOn: doc.expiresOn,
      });
      // A suspension already sent the new snapshot; otherwise booking still hears that a license lapsed.
      if (!suspendedNow.has(app.therapistId)) await emitSnapshot(tx, app);
    });
  }
  return emitted;
}

/** Step 4: a renewal that became valid today (issued in the future, verified earlier) lifts an automatic suspension. */
async function reinstate(
  { prisma, repo, vetting }: ExpiryDeps,
  live: LiveApplication[],
  today: string,
): Promise<number> {
  let reinstated = 0;
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
      await vetting.applyDecision(tx, locked, decision, null);
      reinstated++;
    });
  }
  return reinstated;
}

/** The reminder as a message naming the document: which license, policy or credential, and when it expires. */
function expiryNotification(
  reminder: ExpiryReminder,
  items: {
    licenses: ReadonlyMap<string, License>;
    policies: ReadonlyMap<string, InsurancePolicy>;
    credentials: ReadonlyMap<string, Credential>;
  },
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
  if (reminder.kind === 'CREDENTIAL') {
    const credential = items.credentials.get(reminder.documentId);
    if (!credential) return null;
    return {
      ...base,
      template: 'credential-expiry-reminder',
      payload: { ...expiry, credentialKind: credential.kind, issuer: credential.issuer },
    };
  }
  if (reminder.kind === 'LICENSE') {
    const license = items.licenses.get(reminder.documentId);
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
  const policy = items.policies.get(reminder.documentId);
  if (!policy) return null;
  return {
    ...base,
    template: 'insurance-expiry-reminder',
    payload: { ...expiry, carrier: policy.carrier, policyNumber: policy.policyNumber },
  };
}
