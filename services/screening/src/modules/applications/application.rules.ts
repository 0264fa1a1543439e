import type { Credential, InsurancePolicy, License, TransactionClient } from '@mm/db';
import { recordAudit } from '@mm/db';
import { epochDay, toIsoDate } from '@mm/eligibility';
import { badInput, fromGlobalId, type Viewer } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import type { ExpiringDocument } from '../expiry/expiry.policy.ts';
import type { ApplicationWithItems, ItemKind, ItemRef } from './application.repository.ts';
import { toSnapshot } from './application.snapshot.ts';
import type { ApplicationAction, ApplicationActor, ApplicationRef } from './application.state-machine.ts';

export type { ItemKind, ItemRef };
export const ITEM_KINDS: readonly ItemKind[] = ['License', 'InsurancePolicy', 'Credential'];

/** Who did it, as the audit trail records it; null = the system (expiry job, event consumer). */
export type Actor = Viewer | null;

export const DECISIONS_IN_REVIEW: readonly ApplicationAction[] = ['approve', 'reject', 'needsInfo'];
/** New licenses, policies and credentials may be added here too (renewals), pending an admin's review. */
export const RENEWAL_STATES = ['APPROVED', 'SUSPENDED'] as const;

export function actorOf(viewer: Viewer): ApplicationActor {
  return viewer.role === 'ADMIN'
    ? { kind: 'ADMIN', adminId: viewer.userId }
    : { kind: 'THERAPIST', therapistId: viewer.userId };
}

/** The state machine's view of an application row. */
export const refOf = (app: { status: ApplicationRef['state']; therapistId: string }): ApplicationRef => ({
  state: app.status,
  therapistId: app.therapistId,
});

export const canSee = (viewer: Viewer | null, app: { therapistId: string }) =>
  viewer !== null && (viewer.role === 'ADMIN' || viewer.userId === app.therapistId);

/** Rows to audit: ids and facts, never document bytes. */
export const stateOf = (app: ApplicationWithItems) => ({
  status: app.status,
  claimedById: app.claimedById,
  suspensionCause: app.suspensionCause,
  suspendedReason: app.suspendedReason,
});

export const itemView = (item: License | InsurancePolicy | Credential) => {
  const { createdAt: _c, reviewedAt: _r, ...rest } = item as License;
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
};

/** Tells booking the therapist's new matching snapshot, in the change's transaction. */
export async function emitSnapshot(tx: TransactionClient, app: ApplicationWithItems): Promise<void> {
  await emitEvent(tx, {
    type: 'therapist.profile_changed',
    aggregateType: 'TherapistApplication',
    aggregateId: app.therapistId,
    payload: { snapshot: toSnapshot(app) },
  });
}

/** One audit entry on the application (ids and facts, never document bytes). */
export async function recordApplicationAudit(
  tx: TransactionClient,
  viewer: Actor,
  action: string,
  applicationId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await recordAudit(tx, {
    actorId: viewer?.userId ?? null,
    actorRole: viewer?.role ?? 'SYSTEM',
    action,
    entityType: 'TherapistApplication',
    entityId: applicationId,
    before: before === null ? null : JSON.parse(JSON.stringify(before)),
    after: after === null ? null : JSON.parse(JSON.stringify(after)),
  });
}

// ── pure rules of this service ────────────────────────────────────────

export function missingForSubmission(app: ApplicationWithItems): string[] {
  const missing: string[] = [];
  if (!app.legalName) missing.push('legal name');
  if (!app.phone) missing.push('phone');
  if (!app.licenses.some((l) => l.status !== 'REJECTED')) missing.push('at least one license');
  if (!app.insurances.some((p) => p.status !== 'REJECTED')) missing.push('liability insurance');
  if (app.serviceLatitude === null) missing.push('service area');
  return missing;
}

export function approvalBlockers(app: ApplicationWithItems, today: string): string[] {
  const day = epochDay(today);
  const valid = (i: { status: string; issuedOn: Date | null; expiresOn: Date }) =>
    i.status === 'VERIFIED' &&
    (i.issuedOn === null || epochDay(toIsoDate(i.issuedOn)) <= day) &&
    epochDay(toIsoDate(i.expiresOn)) >= day;
  const blockers: string[] = [];
  if (!app.licenses.some(valid)) blockers.push('no verified license valid today');
  if (!app.insurances.some(valid)) blockers.push('no verified insurance valid today');
  if (app.backgroundCheckStatus !== 'CLEAR')
    blockers.push(`the background check is ${app.backgroundCheckStatus}, not CLEAR`);
  const pending = [...app.licenses, ...app.insurances, ...app.credentials].filter(
    (i) => i.status === 'PENDING',
  ).length;
  if (pending > 0) blockers.push(`${pending} document(s) still to verify or reject`);
  return blockers;
}

export function expiringDocumentsOf(app: ApplicationWithItems): ExpiringDocument[] {
  return [
    ...app.licenses.map((l) => ({
      id: l.id,
      therapistId: app.therapistId,
      kind: 'LICENSE' as const,
      jurisdiction: l.jurisdiction,
      issuedOn: toIsoDate(l.issuedOn),
      expiresOn: toIsoDate(l.expiresOn),
      status: l.status,
    })),
    ...app.insurances.map((p) => ({
      id: p.id,
      therapistId: app.therapistId,
      kind: 'INSURANCE' as const,
      jurisdiction: null,
      issuedOn: p.issuedOn ? toIsoDate(p.issuedOn) : null,
      expiresOn: toIsoDate(p.expiresOn),
      status: p.status,
    })),
    ...app.credentials.flatMap((c) =>
      c.expiresOn
        ? [
            {
              id: c.id,
              therapistId: app.therapistId,
              kind: 'CREDENTIAL' as const,
              credentialKind: c.kind,
              jurisdiction: c.jurisdiction,
              issuedOn: c.issuedOn ? toIsoDate(c.issuedOn) : null,
              expiresOn: toIsoDate(c.expiresOn),
              status: c.status,
            },
          ]
        : [],
    ),
  ];
}

export function pick(app: ApplicationWithItems, data: object): Record<string, unknown> {
  const source = app as unknown as Record<string, unknown>;
  return Object.fromEntries(Object.keys(data).map((k) => [k, source[k] ?? null]));
}

// ── items: License / InsurancePolicy / Credential by global id ──────────

export function parseItemId(globalId: string, field = 'itemId'): ItemRef {
  const prefix = Buffer.from(globalId, 'base64url').toString('utf8').split(':')[0];
  const kind = ITEM_KINDS.find((k) => k === prefix);
  if (!kind) {
    throw badInput(`${field} is not a License, InsurancePolicy or Credential ID.`, [
      { path: field, message: 'expected a License, InsurancePolicy or Credential ID' },
    ]);
  }
  return { kind, id: fromGlobalId(kind, globalId, field) };
}

export const auditName = (kind: ItemKind) =>
  kind === 'License' ? 'license' : kind === 'InsurancePolicy' ? 'insurance' : 'credential';
export const describeKind = (kind: ItemKind) =>
  kind === 'License' ? 'license' : kind === 'InsurancePolicy' ? 'insurance policy' : 'credential';
