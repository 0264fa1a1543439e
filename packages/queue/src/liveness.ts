/**
 * How soon a dead worker's active jobs run again. BullMQ's defaults (30 s lock,
 * 30 s stalled check) leave a job taken by a worker killed with kill -9 stuck for
 * 30–60 s; every job here is idempotent (events dedupe on processed_events, jobs
 * re-read Postgres), so a lock lapsing under load costs a harmless re-run, and
 * maxStalledCount allows several such re-runs before a job fails.
 */
export const WORKER_LIVENESS = {
  /** Renewed every half of this while the worker is alive. */
  lockDuration: 6000,
  stalledInterval: 2000,
  maxStalledCount: 5,
} as const;
