import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '@mm/crypto';
import type { DayOfCheck, OverPressureIncident, PrismaClient, TransactionClient } from '@mm/db';
import { isUniqueViolation, recordAudit } from '@mm/db';
import {
  badInput,
  type Connection,
  DomainError,
  notFound,
  pageRequest,
  requireRole,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import {
  applyGentleOnly,
  type Confirmation,
  FREE_TEXT_URGENT_GUIDANCE,
  isPassing,
  readFreeText,
  screenDayOf,
} from '@mm/safety';
import { z } from 'zod';
import { BookingError } from '../bookings/booking.errors.ts';
import { assertSessionCanStart } from '../bookings/session-start.policy.ts';
import {
  dayOfAnswersSchema,
  dobDate,
  engineAnswers,
  intakeInputSchema,
  type SealedIntake,
  toEngineDayOf,
  toSealedIntake,
} from '../intake/intake.answers.ts';
import type { IntakeService } from '../intake/intake.service.ts';
import type { BookingView, SafetyBookingPort } from '../screening/booking-port.ts';
import {
  gentleOnlyView,
  type ModificationView,
  modificationViews,
  type RuleView,
  ruleView,
  type StoredResult,
  toStoredResult,
} from '../screening/safety.views.ts';
import { engineCall } from '../screening/screening.service.ts';
import { DayOfError, DayOfErrorCode } from './day-of.errors.ts';
import { previousSessionFeedback } from './session-feedback.ts';

const recordInput = dayOfAnswersSchema
  .extend({
    agreedPressureCap: z.number().int().min(1, 'must be at least 1').max(10),
    /** "Any change since the last intake?" Then the full intake is re-screened. */
    changedSinceIntake: z.boolean(),
    updatedIntake: intakeInputSchema.nullish().transform((v) => v ?? null),
    chooseGentleOnly: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
    confirmations: z
      .array(z.enum(['WATER_AND_SNACK']))
      .nullish()
      .transform((v) => v ?? []),
  })
  .refine((i) => !i.changedSinceIntake || i.updatedIntake !== null, {
    message: 'give the updated intake when something changed since the last intake',
    path: ['updatedIntake'],
  })
  .refine((i) => i.changedSinceIntake || i.updatedIntake === null, {
    message: 'set changedSinceIntake when giving an updated intake',
    path: ['changedSinceIntake'],
  });

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

export interface DayOfCheckView {
  id: string;
  bookingId: string;
  outcome: string;
  passing: boolean;
  urgent: boolean;
  guidance: string;
  ruleSetVersion: string;
  recordedAt: Date;
  rules: RuleView[];
  modifications: ModificationView[];
  effectiveCap: number;
  agreedCap: number;
  selfCareCap: number;
  gentleOnly: ReturnType<typeof gentleOnlyView>;
  gentleOnlyApplied: boolean;
  acknowledgedAt: Date | null;
  visitEnded: boolean;
  preferences: StoredResult['preferences'];
}

export interface PressureReportView {
  bookingId: string;
  maxPressureFelt: number;
  agreedCap: number;
  overPressure: boolean;
  postSessionMigraine: boolean;
  incidentId: string | null;
}

/** How fresh a passing check must be when the session starts (safety-rules.md). */
export { DAY_OF_CHECK_MAX_AGE_MINUTES } from '../bookings/session-start.policy.ts';

export class DayOfService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: FieldCipher,
    private readonly intake: IntakeService,
    private readonly bookings: () => SafetyBookingPort,
    private readonly now: () => Date,
  ) {}

  /**
   * The assigned therapist's check at the door (booking ARRIVED). Re-runs the
   * rules on today's answers; REFER, or DEFER with no gentle-only option, ends
   * the visit (no fee). A DEFER with a gentle-only option is recorded as not
   * passing: run the check again choosing gentle-only, or end the visit.
   */
  async record(viewer: Viewer | null, bookingId: string, raw: unknown): Promise<DayOfCheckView> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const input = recordInput.parse(raw);
    const booking = await this.assignedBooking(therapist, bookingId);
    if (booking.state !== 'ARRIVED') {
      throw new DayOfError(
        DayOfErrorCode.BOOKING_NOT_AT_DOOR,
        `The day-of check runs at the door; this booking is ${booking.state}. Check in as arrived first.`,
        { state: booking.state },
      );
    }
    const now = this.now();
    const row = await this.prisma.$transaction(async (tx) => {
      const current = await this.intake.currentOpened(tx, booking.clientId);
      if (!current) throw new DayOfError(DayOfErrorCode.INTAKE_REQUIRED, 'The client has no intake on file.');
      let updated: SealedIntake | null = null;
      if (input.updatedIntake) {
        updated = toSealedIntake(input.updatedIntake);
        await this.intake.recordDoorChange(tx, booking.clientId, updated, now);
      }
      const {
        agreedPressureCap,
        changedSinceIntake,
        updatedIntake,
        chooseGentleOnly,
        confirmations,
        ...core
      } = input;
      const sessionStart = booking.startsAt > now ? booking.startsAt : now;
      const context = {
        now,
        sessionStart,
        dateOfBirth: dobDate((updated ?? current.intake).dateOfBirth),
        isFirstSession: !(await this.bookings().hasRatedSession(booking.clientId)),
        previousSession: await previousSessionFeedback(tx, this.cipher, booking.clientId),
        requestedIntraOral: booking.requestedIntraOral,
      };
      const intakeAnswers = engineAnswers(current.intake, current.row.confirmedAt ?? current.row.createdAt);
      const dayOf = toEngineDayOf(
        { ...core, agreedPressureCap },
        updated ? engineAnswers(updated, now) : null,
      );
      let result = engineCall(() => screenDayOf(dayOf, intakeAnswers, context));

      if (chooseGentleOnly) {
        const gentle = applyGentleOnly(result);
        if (!gentle?.gentleOnly) {
          throw new DayOfError(
            DayOfErrorCode.GENTLE_ONLY_NOT_AVAILABLE,
            result.outcome === 'DEFER'
              ? 'Gentle-only is not allowed for today’s reasons; end the visit (no fee) and reschedule.'
              : `Today’s check is ${result.outcome}; there is no gentle-only option to choose.`,
            { outcome: result.outcome },
          );
        }
        const missing = gentle.gentleOnly.confirmationsRequired.filter(
          (c: Confirmation) => !confirmations.includes(c),
        );
        if (missing.length > 0) {
          throw new DayOfError(
            DayOfErrorCode.CONFIRMATION_REQUIRED,
            'The client must first confirm they have had water and a snack.',
            { confirmations: missing },
          );
        }
        result = gentle;
      }

      const id = randomUUID();
      const stored = toStoredResult(result);
      const endsVisit =
        result.outcome === 'REFER' || (result.outcome === 'DEFER' && result.gentleOnly === null);
      const check = await tx.dayOfCheck.create({
        data: {
          id,
          bookingId,
          clientId: booking.clientId,
          therapistId: therapist.userId,
          ruleSetVersion: result.ruleSetVersion,
          outcome: result.outcome,
          passing: isPassing(result),
          urgent: result.urgent,
          gentleOnlyApplied: result.gentleOnlyApplied,
          effectiveCap: result.pressurePlan.effectiveCap,
          agreedCap: result.pressurePlan.sessionCap,
          selfCareCap: result.pressurePlan.selfCareCap,
          modificationCount: result.modifications.length,
          answersSealed: this.cipher.sealJson(
            { dayOf, intakeId: current.row.id, changedSinceIntake, confirmations, context },
            id,
          ),
          resultSealed: this.cipher.sealJson(stored, id),
          recordedAt: now,
          visitEndedAt: endsVisit ? now : null,
        },
      });
      if (endsVisit) {
        await this.bookings().recordDayOfOutcome(tx, {
          bookingId,
          outcome: result.outcome as 'REFER' | 'DEFER',
          actorId: therapist.userId,
        });
      }
      return check;
    });
    return this.view(row);
  }

  /** The therapist acknowledges every modification of the latest, passing check (by key). */
  async acknowledge(
    viewer: Viewer | null,
    checkId: string,
    keys: readonly string[],
  ): Promise<DayOfCheckView> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const now = this.now();
    const row = await this.prisma.$transaction(async (tx) => {
      const check = await tx.dayOfCheck.findUnique({ where: { id: checkId } });
      if (!check || check.therapistId !== therapist.userId) throw notFound('The day-of check');
      await this.assertLatest(tx, check);
      if (!check.passing) {
        throw new DayOfError(
          DayOfErrorCode.DAY_OF_CHECK_NOT_PASSING,
          `This check is ${check.outcome}; there is nothing to acknowledge for a session that cannot start.`,
        );
      }
      if (check.acknowledgedAt) {
        throw new DayOfError(
          DayOfErrorCode.DAY_OF_ALREADY_ACKNOWLEDGED,
          `These modifications were already acknowledged at ${check.acknowledgedAt.toISOString()}.`,
        );
      }
      const expected = modificationViews(this.openResult(check).modifications).map((m) => m.key);
      const unknown = keys.filter((k) => !expected.includes(k));
      if (unknown.length > 0) {
        throw badInput(
          `Unknown modification keys: ${unknown.join(', ')}.`,
          unknown.map((k) => ({
            path: 'modificationKeys',
            message: `${k} is not a modification of this check`,
          })),
        );
      }
      const missing = expected.filter((k) => !keys.includes(k));
      if (missing.length > 0) {
        throw new DayOfError(
          DayOfErrorCode.MODIFICATIONS_NOT_ACKNOWLEDGED,
          `Acknowledge every modification before starting; missing: ${missing.join(', ')}.`,
          { missing },
        );
      }
      const { count } = await tx.dayOfCheck.updateMany({
        where: { id: check.id, acknowledgedAt: null },
        data: { acknowledgedAt: now },
      });
      if (count === 0) {
        throw new DayOfError(
          DayOfErrorCode.DAY_OF_ALREADY_ACKNOWLEDGED,
          'These modifications were already acknowledged.',
        );
      }
      return tx.dayOfCheck.findUniqueOrThrow({ where: { id: check.id } });
    });
    return this.view(row);
  }

  /** After a DEFER that offered gentle-only, the client prefers to reschedule: the visit ends, no fee. */
  async endVisit(viewer: Viewer | null, checkId: string): Promise<DayOfCheckView> {
    const therapist = requireRole(viewer, 'THERAPIST');
    const now = this.now();
    const row = await this.prisma.$transaction(async (tx) => {
      const check = await tx.dayOfCheck.findUnique({ where: { id: checkId } });
      if (!check || check.therapistId !== therapist.userId) throw notFound('The day-of check');
      if (check.visitEndedAt) {
        throw new DayOfError(DayOfErrorCode.VISIT_ALREADY_ENDED, 'This check already ended the visit.');
      }
      await this.assertLatest(tx, check);
      if (check.outcome !== 'DEFER') {
        throw badInput(
          `This check is ${check.outcome}; only a DEFER ends the visit from here (cancel the booking otherwise).`,
          [{ path: 'checkId', message: 'not a DEFER check' }],
        );
      }
      const { count } = await tx.dayOfCheck.updateMany({
        where: { id: check.id, visitEndedAt: null },
        data: { visitEndedAt: now },
      });
      if (count === 0)
        throw new DayOfError(DayOfErrorCode.VISIT_ALREADY_ENDED, 'This check already ended the visit.');
      await this.bookings().recordDayOfOutcome(tx, {
        bookingId: check.bookingId,
        outcome: 'DEFER',
        actorId: therapist.userId,
      });
      return tx.dayOfCheck.findUniqueOrThrow({ where: { id: check.id } });
    });
    return this.view(row);
  }

  /**
   * Called by the bookings module inside the startSession transaction. The
   * latest check for the booking must pass, be at most 2 hours old and have
   * every modification acknowledged after it was recorded.
   */
  async assertSessionMayStart(
    tx: TransactionClient,
    a: { bookingId: string; now: Date },
  ): Promise<{ checkId: string; agreedCap: number; selfCareCap: number }> {
    const check = await tx.dayOfCheck.findFirst({
      where: { bookingId: a.bookingId },
      orderBy: { seq: 'desc' },
    });
    try {
      assertSessionCanStart({
        now: a.now,
        dayOfCheck: check
          ? { outcome: check.passing ? (check.outcome as 'CLEAR') : 'DEFER', recordedAt: check.recordedAt }
          : null,
        bookingHasModifications: (check?.modificationCount ?? 0) > 0,
        modificationsAcknowledgedAt: check?.acknowledgedAt ?? null,
      });
    } catch (err) {
      if (err instanceof BookingError) throw translateStartError(err, check);
      throw err;
    }
    // assertSessionCanStart returned, so a check exists.
    const passed = check as DayOfCheck;
    return { checkId: passed.id, agreedCap: passed.agreedCap, selfCareCap: passed.selfCareCap };
  }

  /** Day-of checks of a booking, newest first (the caller has already been authorised for the booking). */
  async checksForBooking(bookingId: string): Promise<DayOfCheckView[]> {
    const rows = await this.prisma.dayOfCheck.findMany({
      where: { bookingId },
      orderBy: { seq: 'desc' },
    });
    return rows.map((r) => this.view(r));
  }

  /** After the session the client reports the most pressure felt; above the agreed cap opens an incident. */
  async reportPressure(viewer: Viewer | null, bookingId: string, raw: unknown): Promise<PressureReportView> {
    const client = requireRole(viewer, 'CLIENT');
    const input = reportInput.parse(raw);
    const booking = await this.bookings().findBookingView(bookingId);
    if (!booking || booking.clientId !== client.userId) throw notFound('The booking');
    if (booking.state !== 'COMPLETED' || !booking.therapistId) {
      throw new DayOfError(
        DayOfErrorCode.SESSION_NOT_COMPLETED,
        `Pressure can be reported once the session is completed; this booking is ${booking.state}.`,
        { state: booking.state },
      );
    }
    const therapistId = booking.therapistId;
    const now = this.now();
    try {
      return await this.prisma.$transaction(async (tx) => {
        const check = await tx.dayOfCheck.findFirst({
          where: { bookingId, passing: true },
          orderBy: { seq: 'desc' },
        });
        if (!check) {
          throw new DayOfError(DayOfErrorCode.DAY_OF_CHECK_REQUIRED, 'This session has no day-of check.');
        }
        const id = randomUUID();
        const overPressure = input.maxPressureFelt > check.agreedCap;
        await tx.sessionPressureReport.create({
          data: {
            id,
            bookingId,
            clientId: client.userId,
            therapistId,
            checkId: check.id,
            agreedCap: check.agreedCap,
            maxPressureFelt: input.maxPressureFelt,
            overPressure,
            detailsSealed: this.cipher.sealJson(
              {
                postSessionMigraine: input.postSessionMigraine,
                tooMuchPressure: input.tooMuchPressure || overPressure,
                note: input.note,
              },
              id,
            ),
            createdAt: now,
          },
        });
        let incidentId: string | null = null;
        if (overPressure) {
          incidentId = randomUUID();
          await tx.overPressureIncident.create({
            data: {
              id: incidentId,
              bookingId,
              reportId: id,
              clientId: client.userId,
              therapistId,
              agreedCap: check.agreedCap,
              reportedMax: input.maxPressureFelt,
              createdAt: now,
            },
          });
        }
        // The note is the client's own words after the session: a red flag in it reaches a person.
        // The alert's text names no symptom (it is not sealed); the words stay in the sealed report.
        const reading = input.note ? readFreeText(input.note) : null;
        const redFlag = reading?.verdict === 'RED_FLAG';
        if (reading && reading.verdict !== 'HARMLESS') {
          await tx.safetyAlert.createMany({
            data: [
              {
                bookingId,
                therapistId,
                kind: redFlag ? 'POST_SESSION_RED_FLAG' : 'POST_SESSION_NOTE_REVIEW',
                message: redFlag
                  ? "The client's post-session note describes a possible red-flag symptom; they were told to seek medical care now."
                  : "The client's post-session note needs a clinical read.",
                raisedAt: now,
              },
            ],
            skipDuplicates: true,
          });
        }
        return {
          bookingId,
          maxPressureFelt: input.maxPressureFelt,
          agreedCap: check.agreedCap,
          overPressure,
          postSessionMigraine: input.postSessionMigraine,
          incidentId,
          urgentGuidance: redFlag ? FREE_TEXT_URGENT_GUIDANCE : null,
        };
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DayOfError(
          DayOfErrorCode.PRESSURE_ALREADY_REPORTED,
          'You already reported the pressure for this session.',
        );
      }
      throw err;
    }
  }

  /** Admin review queue, oldest first. Listing is audited (it names clients). */
  async incidents(
    viewer: Viewer | null,
    args: { status?: 'OPEN' | 'RESOLVED' | null; first?: number | null; after?: string | null },
  ): Promise<Connection<OverPressureIncident>> {
    const admin = requireRole(viewer, 'ADMIN');
    const page = pageRequest(args);
    const after = page.after
      ? { createdAt: new Date(String(page.after[0])), id: String(page.after[1]) }
      : null;
    const rows = await this.prisma.overPressureIncident.findMany({
      where: {
        ...(args.status ? { status: args.status } : {}),
        ...(after
          ? {
              OR: [
                { createdAt: { gt: after.createdAt } },
                { createdAt: after.createdAt, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: page.take,
    });
    await this.prisma.$transaction((tx) =>
      recordAudit(tx, {
        actorId: admin.userId,
        actorRole: admin.role,
        action: 'incident.list',
        entityType: 'OverPressureIncident',
        entityId: admin.userId,
        after: { ids: rows.slice(0, page.size).map((r) => r.id) },
      }),
    );
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
      const before = await tx.overPressureIncident.findUnique({ where: { id: incidentId } });
      if (!before) throw notFound('The incident');
      const { count } = await tx.overPressureIncident.updateMany({
        where: { id: incidentId, status: 'OPEN' },
        data: { status: 'RESOLVED', resolvedAt: now, resolvedBy: admin.userId, resolution: text },
      });
      if (count === 0) {
        throw new DayOfError(
          DayOfErrorCode.INCIDENT_ALREADY_RESOLVED,
          'This incident was already resolved by another review.',
        );
      }
      const after = await tx.overPressureIncident.findUniqueOrThrow({ where: { id: incidentId } });
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

  private async assignedBooking(therapist: Viewer, bookingId: string): Promise<BookingView> {
    const booking = await this.bookings().findBookingView(bookingId);
    if (!booking || booking.therapistId !== therapist.userId) throw notFound('The booking');
    return booking;
  }

  private async assertLatest(tx: TransactionClient, check: DayOfCheck): Promise<void> {
    const latest = await tx.dayOfCheck.findFirst({
      where: { bookingId: check.bookingId },
      orderBy: { seq: 'desc' },
      select: { id: true },
    });
    if (latest?.id !== check.id) {
      throw new DomainError('CONFLICT', 'A newer day-of check exists for this booking; use that one.');
    }
  }

  private openResult(check: DayOfCheck): StoredResult {
    return this.cipher.openJson<StoredResult>(check.resultSealed, check.id);
  }

  private view(check: DayOfCheck): DayOfCheckView {
    const stored = this.openResult(check);
    return {
      id: check.id,
      bookingId: check.bookingId,
      outcome: check.outcome,
      passing: check.passing,
      urgent: check.urgent,
      guidance: stored.guidance,
      ruleSetVersion: check.ruleSetVersion,
      recordedAt: check.recordedAt,
      rules: stored.firedRules.map(ruleView),
      modifications: modificationViews(stored.modifications),
      effectiveCap: check.effectiveCap,
      agreedCap: check.agreedCap,
      selfCareCap: check.selfCareCap,
      gentleOnly: gentleOnlyView(stored.gentleOnly),
      gentleOnlyApplied: check.gentleOnlyApplied,
      acknowledgedAt: check.acknowledgedAt,
      visitEnded: check.visitEndedAt !== null,
      preferences: stored.preferences,
    };
  }
}

/** The session-start policy's reasons, as this module's codes (the contract with the bookings module). */
function translateStartError(err: BookingError, check: DayOfCheck | null): DayOfError {
  switch (err.code) {
    case 'DAY_OF_CHECK_REQUIRED':
      return new DayOfError(
        DayOfErrorCode.DAY_OF_CHECK_REQUIRED,
        'The session cannot start: run the day-of pre-session check with the client first.',
      );
    case 'DAY_OF_CHECK_STALE':
      return new DayOfError(
        DayOfErrorCode.DAY_OF_CHECK_STALE,
        'The session cannot start: the day-of check is more than 2 hours old. Run it again with the client.',
        { ...err.details, checkId: check?.id },
      );
    case 'DAY_OF_CHECK_NOT_CLEAR':
      return new DayOfError(
        DayOfErrorCode.DAY_OF_CHECK_NOT_PASSING,
        `The session cannot start: the latest day-of check is ${check?.outcome}${
          check?.outcome === 'DEFER' && !check.visitEndedAt
            ? '. Run it again choosing gentle-only, or end the visit'
            : ''
        }.`,
        { outcome: check?.outcome },
      );
    case 'MODIFICATIONS_NOT_ACKNOWLEDGED':
      return new DayOfError(
        DayOfErrorCode.MODIFICATIONS_NOT_ACKNOWLEDGED,
        'The session cannot start: acknowledge every modification of the day-of check first.',
        { checkId: check?.id },
      );
    default:
      return new DayOfError(DayOfErrorCode.DAY_OF_CHECK_NOT_PASSING, err.message);
  }
}
