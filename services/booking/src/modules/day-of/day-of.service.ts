import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '@mm/crypto';
import type { DayOfCheck, PrismaClient, TransactionClient } from '@mm/db';
import { badInput, notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import { applyGentleOnly, type Confirmation, isPassing, type ScreeningResult, screenDayOf } from '@mm/safety';
import { z } from 'zod';
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
import type { BookingView, SafetyRepository } from '../safety/safety.repository.ts';
import { engineCall } from '../safety/safety.service.ts';
import {
  gentleOnlyView,
  type ModificationView,
  modificationViews,
  type RuleView,
  ruleView,
  type StoredResult,
  toStoredResult,
} from '../safety/safety.views.ts';
import { DayOfError } from './day-of.errors.ts';
import type { DayOfRepository } from './day-of.repository.ts';
import { previousSessionFeedback } from './session-feedback.ts';
import { assertSessionCanStart, type ScreeningOutcome } from './session-start.policy.ts';

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
export type CheckInput = z.infer<typeof recordInput>;

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

/** How fresh a passing check must be when the session starts (safety-rules.md). */
export { DAY_OF_CHECK_MAX_AGE_MINUTES } from './session-start.policy.ts';

export class DayOfService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cipher: FieldCipher,
    private readonly intake: IntakeService,
    private readonly repo: SafetyRepository,
    private readonly checks: DayOfRepository,
    private readonly now: () => Date,
  ) {}

  /** Validates a check's answers before anything is read, so a bad request is BAD_USER_INPUT first. */
  parseCheck(raw: unknown): CheckInput {
    return recordInput.parse(raw);
  }

  /**
   * The assigned therapist's check at the door (booking ARRIVED), inside the
   * bookings module's transaction that holds the booking's lock. Re-runs the
   * rules on today's answers. REFER, or DEFER with no gentle-only option, ends
   * the visit (no fee): `endedVisit` tells the caller, which moves the booking.
   * A DEFER with a gentle-only option is recorded as not passing: run the
   * check again choosing gentle-only, or end the visit.
   */
  async record(
    tx: TransactionClient,
    therapist: Viewer,
    booking: BookingView,
    input: CheckInput,
  ): Promise<{ check: DayOfCheckView; endedVisit: 'REFER' | 'DEFER' | null }> {
    if (booking.state !== 'ARRIVED') {
      throw new DayOfError(
        'BOOKING_NOT_AT_DOOR',
        `The day-of check runs at the door; this booking is ${booking.state}. Check in as arrived first.`,
        { state: booking.state },
      );
    }
    const now = this.now();
    const screened = await this.screenAtDoor(tx, booking, input, now);
    const result = input.chooseGentleOnly
      ? chooseGentle(screened.result, input.confirmations)
      : screened.result;
    const endsVisit =
      result.outcome === 'REFER' || (result.outcome === 'DEFER' && result.gentleOnly === null);
    const id = randomUUID();
    const row = await this.checks.createCheck(tx, {
      id,
      bookingId: booking.id,
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
      answersSealed: this.cipher.sealJson(screened.sealedAnswers, id),
      resultSealed: this.cipher.sealJson(toStoredResult(result), id),
      recordedAt: now,
      visitEndedAt: endsVisit ? now : null,
    });
    return { check: this.view(row), endedVisit: endsVisit ? (result.outcome as 'REFER' | 'DEFER') : null };
  }

  /** Today's answers (and the updated intake, if something changed) through the engine. */
  private async screenAtDoor(tx: TransactionClient, booking: BookingView, input: CheckInput, now: Date) {
    const current = await this.intake.currentOpened(tx, booking.clientId);
    if (!current) throw new DayOfError('INTAKE_REQUIRED', 'The client has no intake on file.');
    let updated: SealedIntake | null = null;
    if (input.updatedIntake) {
      updated = toSealedIntake(input.updatedIntake, now);
      await this.intake.recordDoorChange(tx, booking.clientId, updated, now);
    }
    const { agreedPressureCap, changedSinceIntake, updatedIntake, chooseGentleOnly, confirmations, ...core } =
      input;
    const past = await this.repo.previousSessionFacts(booking.clientId, tx);
    const context = {
      now,
      sessionStart: booking.startsAt > now ? booking.startsAt : now,
      dateOfBirth: dobDate((updated ?? current.intake).dateOfBirth),
      isFirstSession: !past.rated,
      previousSession: previousSessionFeedback(this.cipher, past.lastReport),
      requestedIntraOral: booking.requestedIntraOral,
    };
    const intakeAnswers = engineAnswers(current.intake, current.row.confirmedAt ?? current.row.createdAt);
    const dayOf = toEngineDayOf({ ...core, agreedPressureCap }, updated ? engineAnswers(updated, now) : null);
    return {
      result: engineCall(() => screenDayOf(dayOf, intakeAnswers, context)),
      sealedAnswers: { dayOf, intakeId: current.row.id, changedSinceIntake, confirmations, context },
    };
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
      const check = await this.checks.findCheck(checkId, tx);
      if (!check || check.therapistId !== therapist.userId) throw notFound('The day-of check');
      await this.assertLatest(tx, check);
      if (!check.passing) {
        throw new DayOfError(
          'DAY_OF_CHECK_NOT_PASSING',
          `This check is ${check.outcome}; there is nothing to acknowledge for a session that cannot start.`,
        );
      }
      if (check.acknowledgedAt) {
        throw new DayOfError(
          'DAY_OF_ALREADY_ACKNOWLEDGED',
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
          'MODIFICATIONS_NOT_ACKNOWLEDGED',
          `Acknowledge every modification before starting; missing: ${missing.join(', ')}.`,
          { missing },
        );
      }
      if ((await this.checks.acknowledge(tx, check.id, now)) === 0) {
        throw new DayOfError('DAY_OF_ALREADY_ACKNOWLEDGED', 'These modifications were already acknowledged.');
      }
      return this.checks.getCheck(check.id, tx);
    });
    return this.view(row);
  }

  /**
   * After a DEFER that offered gentle-only, the client prefers to reschedule: the
   * check ends the visit (no fee). Runs in the bookings module's transaction,
   * which then blocks the booking.
   */
  async endVisit(tx: TransactionClient, therapist: Viewer, checkId: string): Promise<DayOfCheckView> {
    const check = await this.checks.findCheck(checkId, tx);
    if (!check || check.therapistId !== therapist.userId) throw notFound('The day-of check');
    if (check.visitEndedAt)
      throw new DayOfError('VISIT_ALREADY_ENDED', 'This check already ended the visit.');
    await this.assertLatest(tx, check);
    if (check.outcome !== 'DEFER') {
      throw badInput(
        `This check is ${check.outcome}; only a DEFER ends the visit from here (cancel the booking otherwise).`,
        [{ path: 'checkId', message: 'not a DEFER check' }],
      );
    }
    if ((await this.checks.endVisit(tx, check.id, this.now())) === 0)
      throw new DayOfError('VISIT_ALREADY_ENDED', 'This check already ended the visit.');
    return this.view(await this.checks.getCheck(check.id, tx));
  }

  /** The booking a check belongs to, for the caller that must lock it first. */
  bookingOfCheck(checkId: string): Promise<string | null> {
    return this.checks.bookingOfCheck(checkId);
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
    const check = await this.checks.latestCheck(a.bookingId, tx);
    assertSessionCanStart({
      now: a.now,
      dayOfCheck: check
        ? {
            id: check.id,
            outcome: check.outcome as ScreeningOutcome,
            passing: check.passing,
            visitEnded: check.visitEndedAt !== null,
            recordedAt: check.recordedAt,
          }
        : null,
      bookingHasModifications: (check?.modificationCount ?? 0) > 0,
      modificationsAcknowledgedAt: check?.acknowledgedAt ?? null,
    });
    // assertSessionCanStart returned, so a check exists.
    const passed = check as DayOfCheck;
    return { checkId: passed.id, agreedCap: passed.agreedCap, selfCareCap: passed.selfCareCap };
  }

  /** Day-of checks of a booking, newest first (the caller has already been authorised for the booking). */
  async checksForBooking(bookingId: string): Promise<DayOfCheckView[]> {
    const rows = await this.checks.checksForBooking(bookingId);
    return rows.map((r) => this.view(r));
  }

  private async assertLatest(tx: TransactionClient, check: DayOfCheck): Promise<void> {
    if ((await this.checks.latestCheckId(check.bookingId, tx)) !== check.id) {
      throw new DayOfError('CONFLICT', 'A newer day-of check exists for this booking; use that one.');
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

/** The gentle-only variant of a DEFER, when the rules allow it and the client confirmed what it needs. */
function chooseGentle(result: ScreeningResult, confirmations: readonly Confirmation[]): ScreeningResult {
  const gentle = applyGentleOnly(result);
  if (!gentle?.gentleOnly) {
    throw new DayOfError(
      'GENTLE_ONLY_NOT_AVAILABLE',
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
      'CONFIRMATION_REQUIRED',
      'The client must first confirm they have had water and a snack.',
      {
        confirmations: missing,
      },
    );
  }
  return gentle;
}
