import { Prisma, type TransactionClient } from '@mm/db';

/**
 * The contract for messages to people, beside the event contract: every
 * template a service may send, with the payload it must carry. Identity
 * renders them (services/identity/src/modules/notifications) in the
 * recipient's time zone and language, so payloads carry instants as ISO
 * strings and facts, never pre-formatted dates. Like events, payloads never
 * carry health answers: no symptom, no pain figure, no screening answer.
 */

type Money = { amount: number; currency: string };

export interface NotificationTemplates {
  // ── identity ─────────────────────────────────────────────────────────
  'welcome-client': { role: 'CLIENT' | 'THERAPIST' | 'ADMIN' };
  'welcome-therapist': { role: 'CLIENT' | 'THERAPIST' | 'ADMIN' };
  /** To the account owner when repeated wrong passwords pause signing in. */
  'sign-in-locked': {
    /** Wrong passwords in a row that caused the pause. */
    failedAttempts: number;
    /** When signing in works again. */
    lockedUntil: string;
  };

  // ── care ─────────────────────────────────────────────────────────────
  /** To the client, at the reminder's time. */
  'homework-reminder': {
    planId: string;
    itemId: string;
    /** The exercise, in the catalogue's words. */
    title: string;
    instructions: string;
    /** How long / how much, one plain sentence each ("Hold for 20–30 seconds on each tender spot."). */
    dose: string[];
    /** Highest discomfort allowed (0–10); 0 = must be pain-free; null = no pressure involved. */
    painCap: number | null;
    /** The item's own limits ("Never on the front or sides of the neck."). */
    limits: string[];
    /** When the reminder is for: the instant, and the local wall time it was planned at. */
    fireAt: string;
    localDate: string;
    localTime: string;
    timeZone: string;
  };
  /** To the therapist when a client's homework log needs an urgent look (red flag). */
  'homework-red-flag': HomeworkAlert;
  /** To the therapist when a log is worth a routine check-in. */
  'homework-check-in': HomeworkAlert;
  /** To the client: a HIT-6 (every 4 weeks) or MIDAS (every 12 weeks) is due. */
  'questionnaire-hit6-due': QuestionnaireDue;
  'questionnaire-midas-due': QuestionnaireDue;

  // ── screening ────────────────────────────────────────────────────────
  /** To the therapist, 30, 7 and 1 days before a license expires. */
  'license-expiry-reminder': DocumentExpiry & {
    licenseType: string;
    licenseNumber: string;
    jurisdiction: string;
  };
  /** To the therapist, before their liability insurance expires. */
  'insurance-expiry-reminder': DocumentExpiry & { carrier: string; policyNumber: string };
  // profiles (issue 18)
  /** To the therapist, before a verified credential shown on their profile expires. */
  'credential-expiry-reminder': DocumentExpiry & { credentialKind: string; issuer: string | null };

  // ── payments ─────────────────────────────────────────────────────────
  /** To the client: the card hold for a booking failed, so the booking cannot go ahead. */
  'payment-hold-failed': {
    bookingId: string;
    startsAt: string;
    amount: Money;
    /** Plain words from payments ("Your card was declined: insufficient funds."). */
    reason: string;
    declineCode: string | null;
  };

  /** To the client: a charge for a session or a fee could not be taken (a decline, an expired hold). */
  'payment-charge-failed': {
    bookingId: string;
    startsAt: string;
    amount: Money;
    /** Plain words from payments: what happened and what to do. */
    reason: string;
    declineCode: string | null;
  };

  // ── booking ──────────────────────────────────────────────────────────
  /** To the therapist: a job offer to accept before it expires. */
  'job-offer': {
    bookingId: string;
    offerId: string;
    startsAt: string;
    durationMinutes: number;
    /** Where, as precise as an offer may be before acceptance (city or neighbourhood). */
    area: string;
    distanceKm: number | null;
    /** The screening's modifications the session must honour, in plain words. */
    modifications: string[];
    expiresAt: string;
    timeZone: string;
  };
  // choose (issue 18)
  /** To the client: the therapist they chose declined or let the offer expire; they choose what next. */
  'direct-request-unanswered': {
    bookingId: string;
    startsAt: string;
    /** DECLINED or EXPIRED: what the therapist did with the offer. */
    reason: 'DECLINED' | 'EXPIRED' | 'UNAVAILABLE';
    /** After this instant the request expires unless the client chose. */
    chooseBy: string;
  };
  /** To the other participant of a booking: a new message. Never its text (it may hold health details). */
  'booking-message': {
    bookingId: string;
    messageId: string;
    senderRole: 'CLIENT' | 'THERAPIST';
    sentAt: string;
    startsAt: string;
  };
}

export interface HomeworkAlert {
  planId: string;
  logId: string;
  itemId: string;
  /** The exercise the log is about. */
  title: string;
  /** Why, as a category only: the message leaves the health-data boundary. */
  reason:
    | 'RED_FLAG_SYMPTOM'
    | 'PAIN_ABOVE_CAP'
    | 'STOP_CONDITION'
    | 'DONE_DURING_ATTACK'
    | 'SYMPTOM_REPORTED'
    | 'FREE_TEXT_REVIEW';
  priority: 'URGENT' | 'ROUTINE';
  loggedAt: string;
}

export interface QuestionnaireDue {
  kind: 'HIT6' | 'MIDAS';
  /** When it was last answered; null for the first time. */
  lastTakenAt: string | null;
}

export interface DocumentExpiry {
  documentId: string;
  /** YYYY-MM-DD: the last valid day. */
  expiresOn: string;
  /** 0 = expires today. */
  daysLeft: number;
  daysBefore: number;
}

export type NotificationTemplate = keyof NotificationTemplates;

/** Every template, so a test can render each one and a new one cannot be forgotten. */
export const NOTIFICATION_TEMPLATES = [
  'welcome-client',
  'welcome-therapist',
  'sign-in-locked',
  'homework-reminder',
  'homework-red-flag',
  'homework-check-in',
  'questionnaire-hit6-due',
  'questionnaire-midas-due',
  'license-expiry-reminder',
  'insurance-expiry-reminder',
  // profiles (issue 18)
  'credential-expiry-reminder',
  'payment-hold-failed',
  'payment-charge-failed',
  'job-offer',
  // choose (issue 18)
  'direct-request-unanswered',
  'booking-message',
] as const satisfies readonly NotificationTemplate[];

// A template missing from the list above fails to compile here.
type Missing = Exclude<NotificationTemplate, (typeof NOTIFICATION_TEMPLATES)[number]>;
const _everyTemplateListed: Missing extends never ? true : Missing = true;
void _everyTemplateListed;

export type NewNotification = {
  [T in NotificationTemplate]: {
    userId: string;
    template: T;
    payload: NotificationTemplates[T];
    /** Same key, same message: a second enqueue is a no-op (e.g. `welcome-<userId>`). */
    dedupeKey: string;
    /** Only email has a transport; SMS and push are refused rather than stored and never sent. */
    channel?: 'EMAIL';
  };
}[NotificationTemplate];

/**
 * A channel without a transport. Shaped like graphql-kit's DomainError (code,
 * details), which reports it with its code; this package sits below graphql-kit.
 */
export class UnsupportedChannelError extends Error {
  readonly code = 'NOTIFICATION_CHANNEL_UNSUPPORTED';
  readonly details: { channel: string };
  constructor(channel: string) {
    super('Only email notifications are sent; SMS and push are not available yet.');
    this.name = 'UnsupportedChannelError';
    this.details = { channel };
  }
}

/** Enqueues a message in the notifications outbox; returns false when the key was already used. */
export async function queueNotification(tx: TransactionClient, n: NewNotification): Promise<boolean> {
  return (await queueNotifications(tx, [n])) === 1;
}

/** An outbox row as it travels to Postgres (one JSON parameter; see notificationRowsSql). */
export interface NotificationRow {
  user_id: string;
  template: string;
  payload: unknown;
  dedupe_key: string;
  channel: string;
}

/** The outbox row of a message (a channel without a transport is refused here, before anything is written). */
export function notificationRow(n: NewNotification): NotificationRow {
  const channel: string = n.channel ?? 'EMAIL';
  if (channel !== 'EMAIL') throw new UnsupportedChannelError(channel);
  return { user_id: n.userId, template: n.template, payload: n.payload, dedupe_key: n.dedupeKey, channel };
}

/**
 * The insert of outbox rows selected by `source` (columns user_id, template, payload, dedupe_key, channel),
 * a used key skipped. A statement that writes messages with other changes embeds it (as a CTE), so the
 * messages commit with those changes in one statement.
 */
export function insertNotificationsSql(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO platform.notifications (id, user_id, template, payload, dedupe_key, channel)
    SELECT gen_random_uuid(), n.user_id, n.template, n.payload, n.dedupe_key, n.channel FROM (${source}) AS n
    ON CONFLICT (dedupe_key) DO NOTHING`;
}

/**
 * `rows` as a relation, from one JSON parameter (far cheaper than a bound value per column). `extraColumns`
 * types the fields a caller added to each row (e.g. Prisma.sql`, reminder_id uuid`).
 */
export function notificationRowsSql(
  rows: readonly NotificationRow[],
  extraColumns: Prisma.Sql = Prisma.empty,
): Prisma.Sql {
  return Prisma.sql`
    SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r(user_id uuid, template text, payload jsonb, dedupe_key text, channel text${extraColumns})`;
}

/** Enqueues messages in the notifications outbox in one statement; returns how many keys were new. */
export async function queueNotifications(
  tx: TransactionClient,
  list: readonly NewNotification[],
): Promise<number> {
  const rows = list.map(notificationRow);
  if (rows.length === 0) return 0;
  return tx.$executeRaw(insertNotificationsSql(notificationRowsSql(rows)));
}
