import type { VerificationStatus } from '@mm/eligibility';
import { daysBetween, epochDay, type IsoDate } from '@mm/eligibility';
import type { ApplicationState } from '../applications/application.state-machine.ts';

/**
 * The daily expiry job's decisions, given `today` and the therapists' documents.
 *
 * - A document is valid through its `expiresOn` day (inclusive); it has
 *   EXPIRED on any later day.
 * - Documents are grouped by therapist, kind and jurisdiction. Only VERIFIED
 *   documents count, and a verified renewal supersedes the document it
 *   replaces: no reminders or expiry for a license that has been renewed.
 * - Reminders: on each run, the one most relevant reminder per group — for the
 *   smallest threshold (30, 7, 1 days) that the days left have reached. Its
 *   dedupe key is `${documentId}-${daysBefore}`, so the caller's unique key
 *   makes a second run on the same day (and every later day before the next
 *   threshold) send nothing. A missed run (the job was down 3 days) still
 *   sends that one reminder late, and never the stale wider ones it skipped:
 *   a therapist 5 days out gets the 7-day reminder once, not 30 and 7 together.
 * - Expiry: a group with no document valid today, whose latest document has
 *   expired, yields one `license.expired` / `insurance.expired` event (dedupe
 *   key `${documentId}-expired`).
 * - Credentials (board certification, membership, training) with an expiry
 *   get the same reminders and one expiry each, but never suspend: they only
 *   stop being shown as verified on the profile.
 * - Suspension: when insurance lapses, or when the therapist no longer holds
 *   a valid license in ANY jurisdiction. A lapsed license in one of several
 *   jurisdictions only emits its event; eligibility already keeps the
 *   therapist out of that jurisdiction.
 */

export type ExpiringDocumentKind = 'LICENSE' | 'INSURANCE' | 'CREDENTIAL';

export interface ExpiringDocument {
  readonly id: string;
  readonly therapistId: string;
  readonly kind: ExpiringDocumentKind;
  /** ISO 3166-2 for licenses (and endorsements); null for insurance. */
  readonly jurisdiction: string | null;
  /** A credential's kind (BOARD_CERTIFICATION…): a renewal supersedes only the same kind. */
  readonly credentialKind?: string | null;
  /** First valid day; null when unknown (treated as valid from the start). */
  readonly issuedOn: IsoDate | null;
  readonly expiresOn: IsoDate;
  readonly status: VerificationStatus;
}

export interface ExpiryPolicy {
  /** Days before the expiry date on which a reminder is due. */
  readonly reminderDaysBefore: readonly number[];
}

export const DEFAULT_EXPIRY_POLICY: ExpiryPolicy = { reminderDaysBefore: [30, 7, 1] };

export interface ExpiryReminder {
  readonly dedupeKey: string;
  readonly documentId: string;
  readonly therapistId: string;
  readonly kind: ExpiringDocumentKind;
  readonly jurisdiction: string | null;
  readonly expiresOn: IsoDate;
  /** The threshold this reminder stands for (30, 7 or 1). */
  readonly daysBefore: number;
  /** Actual days left today (less than daysBefore after a missed run; 0 = expires today). */
  readonly daysLeft: number;
}

export interface DocumentExpired {
  readonly dedupeKey: string;
  readonly event: 'license.expired' | 'insurance.expired' | 'credential.expired';
  readonly documentId: string;
  readonly therapistId: string;
  readonly kind: ExpiringDocumentKind;
  readonly jurisdiction: string | null;
  readonly expiresOn: IsoDate;
}

const EXPIRED_EVENT = {
  LICENSE: 'license.expired',
  INSURANCE: 'insurance.expired',
  CREDENTIAL: 'credential.expired',
} as const satisfies Record<ExpiringDocumentKind, DocumentExpired['event']>;

export const DOCUMENT_EXPIRED_CAUSE = 'DOCUMENT_EXPIRED';

export interface SuspensionDue {
  readonly therapistId: string;
  /** Store it with the suspension: only this cause is lifted automatically. */
  readonly cause: typeof DOCUMENT_EXPIRED_CAUSE;
  /** The reason for the `suspend` transition (actor SYSTEM). */
  readonly reason: string;
  readonly documentIds: readonly string[];
}

export interface ExpiryEvaluation {
  readonly reminders: readonly ExpiryReminder[];
  readonly expired: readonly DocumentExpired[];
  /**
   * Therapists to suspend. Repeated on every run while the cause lasts; the
   * caller applies `suspend` only to APPROVED therapists.
   */
  readonly suspensions: readonly SuspensionDue[];
}

const byKey = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
};

const validOn = (doc: ExpiringDocument, day: number) =>
  (doc.issuedOn === null || epochDay(doc.issuedOn) <= day) && day <= epochDay(doc.expiresOn);

/** Latest expiry first; ties by id, so the choice is deterministic. */
const latestFirst = (a: ExpiringDocument, b: ExpiringDocument) =>
  epochDay(b.expiresOn) - epochDay(a.expiresOn) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The reminder a group's latest document is due, if it is inside one of the thresholds (ascending). */
function reminderFor(
  latest: ExpiringDocument,
  today: IsoDate,
  thresholds: readonly number[],
): ExpiryReminder | null {
  const daysLeft = daysBetween(today, latest.expiresOn);
  const daysBefore = daysLeft >= 0 ? thresholds.find((t) => daysLeft <= t) : undefined;
  if (daysBefore === undefined) return null;
  return {
    documentId: latest.id,
    therapistId: latest.therapistId,
    kind: latest.kind,
    jurisdiction: latest.jurisdiction,
    dedupeKey: `${latest.id}-${daysBefore}`,
    expiresOn: latest.expiresOn,
    daysBefore,
    daysLeft,
  };
}

/** A group has lapsed when none of its documents is valid today; the event names the latest lapsed one. */
function lapseOf(sorted: readonly ExpiringDocument[], today: number): DocumentExpired | null {
  if (sorted.some((d) => validOn(d, today))) return null;
  const lapsed = sorted.find((d) => epochDay(d.expiresOn) < today);
  if (lapsed === undefined) return null;
  return {
    documentId: lapsed.id,
    therapistId: lapsed.therapistId,
    kind: lapsed.kind,
    jurisdiction: lapsed.jurisdiction,
    dedupeKey: `${lapsed.id}-expired`,
    event: EXPIRED_EVENT[lapsed.kind],
    expiresOn: lapsed.expiresOn,
  };
}

/**
 * Lapsed insurance suspends; a lapsed license suspends only when no other license is valid.
 * Credentials never suspend.
 */
function suspensionsFor(
  expired: readonly DocumentExpired[],
  verified: readonly ExpiringDocument[],
  today: number,
): SuspensionDue[] {
  const suspensions: SuspensionDue[] = [];
  const suspending = expired.filter((e) => e.kind !== 'CREDENTIAL');
  for (const [therapistId, events] of byKey(suspending, (e) => e.therapistId)) {
    const insuranceLapsed = events.some((e) => e.kind === 'INSURANCE');
    const hasValidLicense = verified.some(
      (d) => d.therapistId === therapistId && d.kind === 'LICENSE' && validOn(d, today),
    );
    if (!insuranceLapsed && hasValidLicense) continue;
    const what = [
      ...new Set(events.map((e) => (e.kind === 'LICENSE' ? `license (${e.jurisdiction})` : 'insurance'))),
    ];
    suspensions.push({
      therapistId,
      cause: DOCUMENT_EXPIRED_CAUSE,
      reason: `Expired: ${what.join(', ')}.`,
      documentIds: events.map((e) => e.documentId),
    });
  }
  return suspensions;
}

export function evaluateExpiries(
  input: { readonly today: IsoDate; readonly documents: readonly ExpiringDocument[] },
  policy: ExpiryPolicy = DEFAULT_EXPIRY_POLICY,
): ExpiryEvaluation {
  const today = epochDay(input.today);
  const thresholds = [...policy.reminderDaysBefore].sort((a, b) => a - b);
  const verified = input.documents.filter((d) => d.status === 'VERIFIED');
  const groups = byKey(
    verified,
    (d) => `${d.therapistId}\u0000${d.kind}\u0000${d.credentialKind ?? ''}\u0000${d.jurisdiction ?? ''}`,
  );

  const reminders: ExpiryReminder[] = [];
  const expired: DocumentExpired[] = [];
  for (const docs of groups.values()) {
    const sorted = [...docs].sort(latestFirst);
    const latest = sorted[0];
    if (latest === undefined) continue;
    const reminder = reminderFor(latest, input.today, thresholds);
    if (reminder) reminders.push(reminder);
    const lapse = lapseOf(sorted, today);
    if (lapse) expired.push(lapse);
  }
  return { reminders, expired, suspensions: suspensionsFor(expired, verified, today) };
}

export interface ReinstatementDecision {
  readonly reinstate: boolean;
  readonly reason: string;
}

/**
 * After a new document is approved: does it lift an automatic suspension?
 * Only a suspension caused by expiry is lifted by the system (an admin's
 * suspension needs an admin), and only when the therapist again holds a valid
 * verified license somewhere and valid verified insurance — the converse of
 * the suspension rule above.
 */
export function reinstatementDecision(input: {
  readonly today: IsoDate;
  readonly therapist: {
    readonly id: string;
    readonly status: ApplicationState;
    readonly suspensionCause: string | null;
  };
  /** The therapist's documents; others' are ignored. */
  readonly documents: readonly ExpiringDocument[];
}): ReinstatementDecision {
  const { therapist } = input;
  if (therapist.status !== 'SUSPENDED')
    return { reinstate: false, reason: `The therapist is ${therapist.status}, not SUSPENDED.` };
  if (therapist.suspensionCause !== DOCUMENT_EXPIRED_CAUSE) {
    return {
      reinstate: false,
      reason: 'The suspension was not caused by an expired document; an admin must reinstate.',
    };
  }
  const today = epochDay(input.today);
  const valid = (kind: ExpiringDocumentKind) =>
    input.documents.some(
      (d) =>
        d.therapistId === therapist.id && d.kind === kind && d.status === 'VERIFIED' && validOn(d, today),
    );
  if (!valid('LICENSE')) return { reinstate: false, reason: 'No verified license is valid today.' };
  if (!valid('INSURANCE')) return { reinstate: false, reason: 'No verified insurance is valid today.' };
  return { reinstate: true, reason: 'A verified license and insurance are valid again.' };
}
