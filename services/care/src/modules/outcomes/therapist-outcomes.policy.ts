import type { ResponderStatus } from './outcomes.metrics.ts';

/**
 * A therapist's outcomes (issue 18), aggregated over their clients. Pure: the job
 * gathers the facts, this decides the figures. Policy data: below
 * OUTCOME_MIN_CLIENTS distinct clients nothing is published, so no figure can
 * point at one person.
 */
export const OUTCOME_MIN_CLIENTS = 5;

export interface ClientFacts {
  readonly clientId: string;
  /** care's responder status for the client (outcomes.metrics.ts `responder`). */
  readonly responder: ResponderStatus;
  /** Latest HIT-6 after the first session minus the last one at or before it; null without both. */
  readonly hit6Change: number | null;
  /** Completed sessions with this therapist. */
  readonly sessions: number;
}

export interface SessionReports {
  /** Completed sessions of this therapist the client reported pressure for. */
  readonly reported: number;
  /** Of those, above the pressure cap agreed at the day-of check. */
  readonly overCap: number;
}

export interface TherapistOutcomeFigures {
  readonly clients: number;
  readonly evaluableClients: number;
  readonly responders: number;
  readonly hit6Clients: number;
  readonly medianHit6Change: number | null;
  readonly sessions: number;
  readonly sessionsReported: number;
  readonly sessionsOverCap: number;
  readonly rebookedClients: number;
}

export function median(values: readonly number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return null;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The HIT-6 change for one client: null unless there is a score on both sides of the first session. */
export function hit6Change(
  scores: readonly { score: number; takenAt: Date }[],
  firstSessionAt: Date,
): number | null {
  const at = firstSessionAt.getTime();
  const byTime = [...scores].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  const baseline = byTime.filter((s) => s.takenAt.getTime() <= at).at(-1);
  const latest = byTime.filter((s) => s.takenAt.getTime() > at).at(-1);
  return baseline && latest ? latest.score - baseline.score : null;
}

/** The figures, or null under the privacy threshold. */
export function therapistOutcomes(
  clients: readonly ClientFacts[],
  reports: SessionReports,
  minClients: number = OUTCOME_MIN_CLIENTS,
): TherapistOutcomeFigures | null {
  const distinct = new Map(clients.map((c) => [c.clientId, c]));
  if (distinct.size < minClients) return null;
  const all = [...distinct.values()];
  const changes = all.flatMap((c) => (c.hit6Change === null ? [] : [c.hit6Change]));
  return {
    clients: all.length,
    evaluableClients: all.filter((c) => c.responder !== 'NOT_EVALUABLE').length,
    responders: all.filter((c) => c.responder === 'RESPONDER').length,
    hit6Clients: changes.length,
    medianHit6Change: median(changes),
    sessions: all.reduce((sum, c) => sum + c.sessions, 0),
    sessionsReported: reports.reported,
    sessionsOverCap: reports.overCap,
    rebookedClients: all.filter((c) => c.sessions >= 2).length,
  };
}

/** A share in [0, 1] to three decimals; null when nothing was counted. */
export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

/** The one figure care publishes to other services: the responder share, null when none is published. */
export interface PublishedShare {
  readonly therapistId: string;
  readonly responderRate: number | null;
}

/**
 * The therapists whose published responder share differs between two runs
 * (absent = null: under the threshold, or never published), in therapist order
 * so the events of one run come out the same way every time.
 */
export function changedShares(
  before: readonly PublishedShare[],
  after: readonly PublishedShare[],
): PublishedShare[] {
  const was = new Map(before.map((s) => [s.therapistId, s.responderRate]));
  const now = new Map(after.map((s) => [s.therapistId, s.responderRate]));
  return [...new Set([...was.keys(), ...now.keys()])]
    .sort()
    .map((therapistId) => ({ therapistId, responderRate: now.get(therapistId) ?? null }))
    .filter((s) => (was.get(s.therapistId) ?? null) !== s.responderRate);
}
