import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '@mm/crypto';
import type { PrismaClient, ScreeningDecision, TransactionClient } from '@mm/db';
import { badInput, notFound, requireRole, type Viewer } from '@mm/graphql-kit';
import {
  applyGentleOnly,
  explain,
  type ScreeningContext,
  ScreeningInputError,
  type ScreeningResult,
  screenIntake,
} from '@mm/safety';
import { previousSessionFeedback } from '../day-of/session-feedback.ts';
import { dobDate, engineAnswers } from '../intake/intake.answers.ts';
import type { IntakeService } from '../intake/intake.service.ts';
import { SafetyError } from './safety.errors.ts';
import type { BookingView, SafetyRepository } from './safety.repository.ts';
import {
  gentleOnlyView,
  type ModificationView,
  modificationViews,
  type RuleView,
  ruleView,
  type StoredResult,
  toStoredResult,
} from './safety.views.ts';

type Db = PrismaClient | TransactionClient;

export type ScreeningOutcome = 'REFER' | 'DEFER' | 'CLEAR_WITH_MODIFICATIONS' | 'CLEAR';

/** What the bookings module sees of a screening: never the answers. */
export interface ScreeningSummary {
  decisionId: string;
  outcome: ScreeningOutcome;
  modifications: { code: string; text: string }[];
  pressureCap: number;
  selfCareCap: number;
  requiresIntraOralEndorsement: boolean;
  urgent: boolean;
  guidance: string;
  gentleOnlyAvailable: boolean;
}

export interface BookingScreeningView {
  decisionId: string;
  /** Whose data it is (the health-data audit names the subject). */
  clientId: string;
  bookingId: string;
  outcome: ScreeningOutcome;
  ruleSetVersion: string;
  screenedAt: Date;
  urgent: boolean;
  guidance: string;
  rules: RuleView[];
  modifications: ModificationView[];
  pressureCap: number;
  selfCareCap: number;
  requiresIntraOralEndorsement: boolean;
  gentleOnly: ReturnType<typeof gentleOnlyView>;
  gentleOnlyApplied: boolean;
  preferences: StoredResult['preferences'];
}

/** A decision made for a booking about to be written; `store` records it for that booking. */
export interface PendingScreening {
  summary: ScreeningSummary;
  store(tx: TransactionClient, bookingId: string): Promise<void>;
}

/** How long a gentle-only choice on a DEFER stays valid for the next booking. */
export const GENTLE_ONLY_CHOICE_TTL_MS = 7 * 86_400_000;

export class SafetyService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly intake: IntakeService,
    private readonly repo: SafetyRepository,
    private readonly now: () => Date,
  ) {}

  /**
   * Booking-time screening, inside the transaction that moves a booking out of
   * DRAFT. Stores the decision (sealed answers snapshot, rule-set version,
   * fired rules) and returns the summary. A second call for the same booking
   * returns the stored decision unchanged.
   */
  async screenForBooking(
    tx: TransactionClient,
    a: { bookingId: string; clientId: string; sessionStart: Date; requestedIntraOral: boolean },
  ): Promise<ScreeningSummary> {
    const existing = await this.repo.decisionFor(a.bookingId, tx);
    if (existing) return this.summary(existing);
    const screening = await this.screenNewBooking(tx, a);
    await screening.store(tx, a.bookingId);
    return screening.summary;
  }

  /**
   * The screening of a booking not written yet (a new request): the decision is
   * made now and stored by `store`, in the same transaction, once the booking
   * exists, so the booking can be inserted in the state the outcome decides.
   */
  async screenNewBooking(
    db: Db,
    a: { clientId: string; sessionStart: Date; requestedIntraOral: boolean },
  ): Promise<PendingScreening> {
    const now = this.now();
    const { row, intake, context, answers, result, chosen } = await this.evaluate(db, a, now);
    const id = randomUUID();
    const stored = toStoredResult(result);
    const decision = {
      id,
      clientId: a.clientId,
      intakeId: row.id,
      ruleSetVersion: result.ruleSetVersion,
      outcome: result.outcome,
      urgent: result.urgent,
      pressureCap: result.pressurePlan.sessionCap,
      selfCareCap: result.pressurePlan.selfCareCap,
      requiresIntraOralEndorsement: requiresEndorsement(result),
      gentleOnlyAvailable: result.gentleOnly !== null && result.outcome === 'DEFER',
      gentleOnlyApplied: result.gentleOnlyApplied,
      answersSealed: this.cipher.sealJson(
        {
          intakeId: row.id,
          intakeVersion: row.version,
          dateOfBirth: intake.dateOfBirth,
          answers,
          context: { ...context, therapistHasIntraOralEndorsement: null },
        },
        id,
      ),
      resultSealed: this.cipher.sealJson(stored, id),
      createdAt: now,
    };
    return {
      summary: this.summary(decision, stored),
      store: async (db, bookingId) => {
        await this.repo.createDecision(db, { ...decision, bookingId });
        // The choice was read before this transaction: a concurrent request may have used it since.
        if (chosen && !(await this.repo.useGentleChoice(db, chosen.choiceId, bookingId)))
          throw new SafetyError(
            'CONFLICT',
            'Your gentle-only choice was just used by another booking request; request this booking again.',
          );
      },
    };
  }

  /**
   * The same screening a booking would get, stored nowhere: what the therapist
   * search filters by (modifications, the intra-oral endorsement) and refuses on.
   */
  async previewForSearch(
    tx: TransactionClient,
    a: { clientId: string; sessionStart: Date; requestedIntraOral: boolean },
  ): Promise<Omit<ScreeningSummary, 'decisionId'>> {
    const { result } = await this.evaluate(tx, a, this.now());
    return {
      outcome: result.outcome,
      modifications: result.modifications.map((m) => ({ code: m.code, text: m.text })),
      pressureCap: result.pressurePlan.sessionCap,
      selfCareCap: result.pressurePlan.selfCareCap,
      requiresIntraOralEndorsement: requiresEndorsement(result),
      urgent: result.urgent,
      guidance: result.guidance,
      gentleOnlyAvailable: result.gentleOnly !== null && result.outcome === 'DEFER',
    };
  }

  /** Intake, context and engine: the one evaluation behind a stored decision and a search preview. */
  private async evaluate(
    db: Db,
    a: { clientId: string; sessionStart: Date; requestedIntraOral: boolean },
    now: Date,
  ) {
    // Intake problems (missing, stale) reach the client as the intake module's own IntakeError.
    const [{ row, intake }, past] = await Promise.all([
      this.intake.usableFor(db, a.clientId, now),
      this.repo.previousSessionFacts(a.clientId, db),
    ]);
    const context: ScreeningContext = {
      now,
      sessionStart: a.sessionStart,
      dateOfBirth: dobDate(intake.dateOfBirth),
      isFirstSession: !past.rated,
      previousSession: previousSessionFeedback(this.cipher, past.lastReport),
      requestedIntraOral: a.requestedIntraOral,
    };
    const answers = engineAnswers(intake, row.confirmedAt ?? row.createdAt);
    let result: ScreeningResult = engineCall(() => screenIntake(answers, context));
    const chosen = await this.earlierGentleChoice(db, a.clientId, result, now);
    if (chosen) result = chosen.result;
    return { row, intake, context, answers, result, chosen };
  }

  /** A gentle-only choice the client made on an earlier DEFER covers the same DEFER rules. */
  private async earlierGentleChoice(
    db: Db,
    clientId: string,
    result: ScreeningResult,
    now: Date,
  ): Promise<{ result: ScreeningResult; choiceId: string } | null> {
    if (result.outcome !== 'DEFER' || result.gentleOnly === null) return null;
    const choice = await this.repo.openGentleChoice(db, clientId, now);
    const deferIds = result.firedRules.filter((f) => f.outcome === 'DEFER').map((f) => f.id);
    const gentle = applyGentleOnly(result);
    if (!choice || !gentle || !deferIds.every((id) => choice.ruleIds.includes(id))) return null;
    return { result: gentle, choiceId: choice.id };
  }

  async summaryForBooking(bookingId: string): Promise<ScreeningSummary | null> {
    const decision = await this.repo.decisionFor(bookingId);
    return decision ? this.summary(decision) : null;
  }

  /** Summaries of many bookings in one query, in the order asked (null where none): for loaders. */
  async summariesFor(bookingIds: readonly string[]): Promise<(ScreeningSummary | null)[]> {
    const rows = await this.repo.decisionsFor(bookingIds);
    const byBooking = new Map(rows.map((d) => [d.bookingId, d]));
    return bookingIds.map((id) => {
      const d = byBooking.get(id);
      return d ? this.summary(d) : null;
    });
  }

  /** The explain query: the booking's client, its assigned therapist, or an admin (audited). */
  async explainForBooking(viewer: Viewer | null, bookingId: string): Promise<BookingScreeningView> {
    const { decision } = await this.visibleDecision(viewer, bookingId);
    return this.explainDecision(decision);
  }

  /**
   * The client takes the gentle-only option of a DEFER: the next booking within
   * 7 days whose DEFER rules are covered goes ahead gentle-only.
   */
  async chooseGentleOnly(viewer: Viewer | null, bookingId: string): Promise<BookingScreeningView> {
    const client = requireRole(viewer, 'CLIENT');
    const { decision } = await this.visibleDecision(client, bookingId);
    const stored = this.openResult(decision);
    if (decision.outcome !== 'DEFER' || stored.gentleOnly === null) {
      throw new SafetyError(
        'GENTLE_ONLY_NOT_AVAILABLE',
        decision.outcome === 'DEFER'
          ? 'A gentle-only session is not possible for the reasons given; please reschedule (no fee).'
          : `This screening was ${decision.outcome}; there is no gentle-only option to choose.`,
      );
    }
    const now = this.now();
    await this.repo.recordGentleChoice({
      id: randomUUID(),
      clientId: client.userId,
      decisionId: decision.id,
      ruleIds: stored.gentleOnly.ruleIds,
      createdAt: now,
      expiresAt: new Date(now.getTime() + GENTLE_ONLY_CHOICE_TTL_MS),
    });
    return this.explainDecision(decision);
  }

  private async visibleDecision(
    viewer: Viewer | null,
    bookingId: string,
  ): Promise<{ decision: ScreeningDecision; booking: BookingView | null }> {
    const v = requireRole(viewer, 'CLIENT', 'THERAPIST', 'ADMIN');
    const decision = await this.repo.decisionFor(bookingId);
    const booking = decision ? await this.repo.findBookingView(bookingId) : null;
    const visible =
      decision !== null &&
      (v.role === 'ADMIN' ||
        (v.role === 'CLIENT' && decision.clientId === v.userId) ||
        (v.role === 'THERAPIST' && booking !== null && booking.therapistId === v.userId));
    if (!decision || !visible) throw notFound('The screening for this booking');
    return { decision, booking };
  }

  private explainDecision(decision: ScreeningDecision): BookingScreeningView {
    const stored = this.openResult(decision);
    // Reasons come from the rule set of the decision's own version, so an old decision reads as it did.
    const explanation = explain({
      ruleSetVersion: decision.ruleSetVersion,
      outcome: decision.outcome as ScreeningOutcome,
      firedRules: stored.firedRules,
    });
    return {
      decisionId: decision.id,
      clientId: decision.clientId,
      bookingId: decision.bookingId,
      outcome: decision.outcome as ScreeningOutcome,
      ruleSetVersion: decision.ruleSetVersion,
      screenedAt: decision.createdAt,
      urgent: decision.urgent,
      guidance: stored.guidance,
      rules: explanation.rules.map(ruleView),
      modifications: modificationViews(stored.modifications),
      pressureCap: decision.pressureCap,
      selfCareCap: decision.selfCareCap,
      requiresIntraOralEndorsement: decision.requiresIntraOralEndorsement,
      gentleOnly: gentleOnlyView(stored.gentleOnly),
      gentleOnlyApplied: decision.gentleOnlyApplied,
      preferences: stored.preferences,
    };
  }

  private openResult(decision: Pick<ScreeningDecision, 'id' | 'resultSealed'>): StoredResult {
    return this.cipher.openJson<StoredResult>(decision.resultSealed, decision.id);
  }

  private summary(
    decision: Omit<ScreeningDecision, 'bookingId'>,
    stored = this.openResult(decision),
  ): ScreeningSummary {
    return {
      decisionId: decision.id,
      outcome: decision.outcome as ScreeningOutcome,
      modifications: stored.modifications.map((m) => ({ code: m.code, text: m.text })),
      pressureCap: decision.pressureCap,
      selfCareCap: decision.selfCareCap,
      requiresIntraOralEndorsement: decision.requiresIntraOralEndorsement,
      urgent: decision.urgent,
      guidance: stored.guidance,
      gentleOnlyAvailable: decision.gentleOnlyAvailable,
    };
  }
}

const requiresEndorsement = (r: ScreeningResult) =>
  r.modifications.some((m) => m.code === 'REQUIRES_INTRA_ORAL_ENDORSEMENT');

/** The engine refuses input it cannot judge; say which field, as BAD_USER_INPUT. */
export function engineCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ScreeningInputError) {
      throw badInput(
        'Some answers cannot be screened.',
        err.problems.map((p) => ({ path: p.field, message: p.message })),
      );
    }
    throw err;
  }
}
