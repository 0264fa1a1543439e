import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '@mm/crypto';
import type { OverPressureIncident, PrismaClient, TransactionClient } from '@mm/db';
import { isUniqueViolation, recordAudit } from '@mm/db';
import {
  type Connection,
  notFound,
  pageRequest,
  requireRole,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';
import { FREE_TEXT_URGENT_GUIDANCE, readFreeText } from '@mm/safety';
import { z } from 'zod';
import type { SafetyRepository } from '../safety/safety.repository.ts';
import { DayOfError } from './day-of.errors.ts';
import type { DayOfRepository } from './day-of.repository.ts';

const reportInput = z.object({
  maxPressureFelt: z.number().int().min(0).max(10),
  postSessionMigraine: z.boolean(),
  tooMuchPressure: z
    .boolean()
    .nullish()
    .transform((v) => v ?? false),
  note: z
    .string()
    .trim()
    .max(1000)
    .nullish()
    .transform((v) => (v ? v : null)),
});

export interface PressureReportView {
  bookingId: string;
  maxPressureFelt: number;
  agreedCap: number;
  overPressure: boolean;
  postSessionMigraine: boolean;
  incidentId: string | null;
  /** Plain-words advice when the note names a red flag; null otherwise. */
  urgentGuidance: string | null;
}

/** After the session: the client's pressure report, and the admins' over-pressure incidents (M12). */
export class PressureService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: FieldCipher,
    private readonly repo: SafetyRepository,
    private readonly checks: DayOfRepository,
    private readonly now: () => Date,
  ) {}

  /** After the session the client reports the most pressure felt; above the agreed cap opens an incident. */
  async reportPressure(viewer: Viewer | null, bookingId: string, raw: unknown): Promise<PressureReportView> {
    const client = requireRole(viewer, 'CLIENT');
    const input = reportInput.parse(raw);
    const booking = await this.repo.findBookingView(bookingId);
    if (!booking || booking.clientId !== client.userId) throw notFound('The booking');
    if (booking.state !== 'COMPLETED' || !booking.therapistId) {
      throw new DayOfError(
        'SESSION_NOT_COMPLETED',
        `Pressure can be reported once the session is completed; this booking is ${booking.state}.`,
        { state: booking.state },
      );
    }
    const report = { bookingId, clientId: client.userId, therapistId: booking.therapistId, input };
    try {
      return await this.prisma.$transaction((tx) => this.store(tx, report));
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DayOfError(
          'PRESSURE_ALREADY_REPORTED',
          'You already reported the pressure for this session.',
        );
      }
      throw err;
    }
  }

  /** The sealed report, and an incident when the pressure felt was above the agreed cap. */
  private async store(
    tx: TransactionClient,
    r: { bookingId: string; clientId: string; therapistId: string; input: z.infer<typeof reportInput> },
  ): Promise<PressureReportView> {
    const { bookingId, input } = r;
    const check = await this.checks.latestCheck(bookingId, tx, { passing: true });
    if (!check) throw new DayOfError('DAY_OF_CHECK_REQUIRED', 'This session has no day-of check.');
    const now = this.now();
    const id = randomUUID();
    const overPressure = input.maxPressureFelt > check.agreedCap;
    const details = {
      postSessionMigraine: input.postSessionMigraine,
      tooMuchPressure: input.tooMuchPressure || overPressure,
      note: input.note,
    };
    await this.checks.createPressureReport(tx, {
      id,
      bookingId,
      clientId: r.clientId,
      therapistId: r.therapistId,
      checkId: check.id,
      agreedCap: check.agreedCap,
      maxPressureFelt: input.maxPressureFelt,
      overPressure,
      detailsSealed: this.cipher.sealJson(details, id),
      createdAt: now,
    });
    // Care's therapist outcomes count sessions above the cap; only that fact leaves booking.
    await emitEvent(tx, {
      type: 'booking.pressure_reported',
      aggregateType: 'Booking',
      aggregateId: bookingId,
      payload: {
        bookingId,
        clientId: r.clientId,
        therapistId: r.therapistId,
        overCap: overPressure,
        reportedAt: now.toISOString(),
      },
    });
    const incidentId = overPressure ? await this.openIncident(tx, r, id, check.agreedCap, now) : null;
    const urgentGuidance = await this.readNote(tx, r, now);
    return {
      bookingId,
      maxPressureFelt: input.maxPressureFelt,
      agreedCap: check.agreedCap,
      overPressure,
      postSessionMigraine: input.postSessionMigraine,
      incidentId,
      urgentGuidance,
    };
  }

  /** Pressure above the agreed cap: an incident for the admins' review queue. */
  private async openIncident(
    tx: TransactionClient,
    r: { bookingId: string; clientId: string; therapistId: string; input: { maxPressureFelt: number } },
    reportId: string,
    agreedCap: number,
    now: Date,
  ): Promise<string> {
    const id = randomUUID();
    await this.checks.createIncident(tx, {
      id,
      bookingId: r.bookingId,
      reportId,
      clientId: r.clientId,
      therapistId: r.therapistId,
      agreedCap,
      reportedMax: r.input.maxPressureFelt,
      createdAt: now,
    });
    return id;
  }

  /**
   * The note is the client's own words after the session: a red flag in it reaches a person.
   * The alert's text names no symptom (it is not sealed); the words stay in the sealed report.
   * Returns the urgent guidance for the client, or null.
   */
  private async readNote(
    tx: TransactionClient,
    r: { bookingId: string; therapistId: string; input: { note?: string | null | undefined } },
    now: Date,
  ): Promise<string | null> {
    const reading = r.input.note ? readFreeText(r.input.note) : null;
    if (!reading || reading.verdict === 'HARMLESS') return null;
    const redFlag = reading.verdict === 'RED_FLAG';
    await this.checks.raiseAlert(tx, {
      bookingId: r.bookingId,
      therapistId: r.therapistId,
      kind: redFlag ? 'POST_SESSION_RED_FLAG' : 'POST_SESSION_NOTE_REVIEW',
      message: redFlag
        ? "The client's post-session note describes a possible red-flag symptom; they were told to seek medical care now."
        : "The client's post-session note needs a clinical read.",
      raisedAt: now,
    });
    return redFlag ? FREE_TEXT_URGENT_GUIDANCE : null;
  }

  /** Admin review queue, oldest first (graphql-kit's health-data audit records the read). */
  async incidents(
    viewer: Viewer | null,
    args: { status?: 'OPEN' | 'RESOLVED' | null; first?: number | null; after?: string | null },
  ): Promise<Connection<OverPressureIncident>> {
    requireRole(viewer, 'ADMIN');
    const page = pageRequest(args);
    const after = page.after
      ? { createdAt: new Date(String(page.after[0])), id: String(page.after[1]) }
      : null;
    const rows = await this.checks.incidents({ status: args.status, after, take: page.take });
    return toConnection(rows, page.size, (r) => [r.createdAt.toISOString(), r.id]);
  }

  async resolveIncident(
    viewer: Viewer | null,
    incidentId: string,
    resolution: string,
  ): Promise<OverPressureIncident> {
    const admin = requireRole(viewer, 'ADMIN');
    const text = z.string().trim().min(1, 'is required').max(2000).parse(resolution);
    const now = this.now();
    return this.prisma.$transaction(async (tx) => {
      const before = await this.checks.findIncident(incidentId, tx);
      if (!before) throw notFound('The incident');
      const resolved = { resolvedAt: now, resolvedBy: admin.userId, resolution: text };
      if ((await this.checks.resolveIncident(tx, incidentId, resolved)) === 0) {
        throw new DayOfError(
          'INCIDENT_ALREADY_RESOLVED',
          'This incident was already resolved by another review.',
        );
      }
      const after = await this.checks.getIncident(incidentId, tx);
      await recordAudit(tx, {
        actorId: admin.userId,
        actorRole: admin.role,
        action: 'incident.resolve',
        entityType: 'OverPressureIncident',
        entityId: incidentId,
        before: { status: before.status },
        after: { status: after.status, resolution: text },
      });
      return after;
    });
  }
}
