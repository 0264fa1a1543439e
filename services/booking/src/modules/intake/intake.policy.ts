// When a client's intake may be used for a booking. Pure: no I/O, time comes in.

export const INTAKE_MAX_AGE_DAYS = 90;
const DAY_MS = 86_400_000;

export type ReconfirmationReason = 'CHANGED' | 'EXPIRED';

/**
 * The current (newest) version must have been confirmed by the client, and
 * within the last 90 days. A version created at the door (source DAY_OF) is
 * unconfirmed: the client reviews what changed before the next booking.
 * Exactly 90 days is still fine; 90 days and a millisecond is not.
 */
export function reconfirmationReason(
  current: { confirmedAt: Date | null },
  now: Date,
): ReconfirmationReason | null {
  if (current.confirmedAt === null) return 'CHANGED';
  if (now.getTime() - current.confirmedAt.getTime() > INTAKE_MAX_AGE_DAYS * DAY_MS) return 'EXPIRED';
  return null;
}

// ── date sense checks ─────────────────────────────────────────────────────
/** Oldest plausible client. */
export const MAX_AGE_YEARS = 120;
/** A clock a few minutes fast on the client's phone is not a future date. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** A date of birth is a local date: an event on the birth day may fall up to 14 h before its UTC midnight. */
const BIRTH_DAY_SLACK_MS = 14 * 3_600_000;

export interface DateProblem {
  /** The input field, as BAD_USER_INPUT's `extensions.fields[].path` names it. */
  path: string;
  message: string;
}

/** The dated answers the checks read (the intake input's shape). */
export interface DatedIntake {
  dateOfBirth: string;
  redFlags: { headInjuryAt: Date | null; neckTreatments: readonly { at: Date }[] };
  recentEvents: { whiplashAt: Date | null; surgery: { at: Date } | null; lastChemotherapyAt: Date | null };
}

function ageProblem(dateOfBirth: string, now: Date): DateProblem | null {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  if (born.getTime() - BIRTH_DAY_SLACK_MS > now.getTime())
    return { path: 'dateOfBirth', message: 'must not be in the future' };
  const oldest = new Date(now);
  oldest.setUTCFullYear(oldest.getUTCFullYear() - MAX_AGE_YEARS);
  // By calendar date: born exactly 120 years ago today is still 120.
  if (dateOfBirth < oldest.toISOString().slice(0, 10))
    return { path: 'dateOfBirth', message: `must give an age of at most ${MAX_AGE_YEARS} years` };
  return null;
}

function eventProblem(path: string, at: Date, born: Date | null, now: Date): DateProblem | null {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return { path, message: 'must not be in the future' };
  if (born && at.getTime() < born.getTime() - BIRTH_DAY_SLACK_MS)
    return { path, message: 'must not be before the date of birth' };
  return null;
}

/**
 * Dates that cannot be true: a date of birth in the future or more than 120 years ago, and
 * a head injury, neck treatment, whiplash, surgery or chemotherapy in the future or before
 * the client was born. Every problem is reported, each naming its field.
 */
export function intakeDateProblems(intake: DatedIntake, now: Date): DateProblem[] {
  const age = ageProblem(intake.dateOfBirth, now);
  // Before birth is only meaningful against a believable date of birth.
  const born = age ? null : new Date(`${intake.dateOfBirth}T00:00:00Z`);
  const { redFlags, recentEvents } = intake;
  const events: [string, Date | null | undefined][] = [
    ['redFlags.headInjuryAt', redFlags.headInjuryAt],
    ...redFlags.neckTreatments.map((t, i): [string, Date] => [`redFlags.neckTreatments.${i}.at`, t.at]),
    ['recentEvents.whiplashAt', recentEvents.whiplashAt],
    ['recentEvents.surgery.at', recentEvents.surgery?.at],
    ['recentEvents.lastChemotherapyAt', recentEvents.lastChemotherapyAt],
  ];
  const problems = age ? [age] : [];
  for (const [path, at] of events) {
    const problem = at ? eventProblem(path, at, born, now) : null;
    if (problem) problems.push(problem);
  }
  return problems;
}
