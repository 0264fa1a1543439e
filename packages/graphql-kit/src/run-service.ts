import type { Server } from 'node:http';
import { installCrashGuards } from '@mm/queue';
import { createLogger, startMetricsServer, startTracing } from '@mm/telemetry';
import type { FastifyInstance } from 'fastify';
import { addReadinessCheck } from './health.ts';

export interface Closable {
  close(): Promise<void>;
  /** Resolves when the workers are running and connected; rejects saying what is not. */
  ready?: () => Promise<unknown>;
}

export interface RunServiceOptions {
  name: string;
  host: string;
  port: number;
  app: FastifyInstance;
  /** Background workers started beside the HTTP server (skipped with RUN_WORKERS=false). */
  workers?: () => Promise<Closable>;
}

/**
 * Listens, and on SIGTERM/SIGINT stops taking requests, lets in-flight work
 * finish, then closes workers and connections. A later second signal forces exit.
 */
export async function runService(opts: RunServiceOptions): Promise<void> {
  const { app } = opts;
  installCrashGuards(app.log);
  const tracing = startTracing(opts.name);
  // RUN_MODE: `all` (API and workers, the default), `api` (same as RUN_WORKERS=false), or
  // `workers` (no API: /metrics and /health on METRICS_PORT, for a workers-only deployment).
  const mode = process.env.RUN_MODE ?? (process.env.RUN_WORKERS === 'false' ? 'api' : 'all');
  const workers = mode !== 'api' && opts.workers ? await opts.workers() : null;
  // Workers inside the API process are part of its readiness.
  if (workers?.ready && mode === 'all') addReadinessCheck(app, 'workers', workers.ready);
  let metrics: Server | null = null;
  if (mode === 'workers') {
    await app.ready();
    const port = Number(process.env.METRICS_PORT ?? 9464);
    const ready = async () =>
      workers !== null &&
      (await (workers.ready?.() ?? Promise.resolve()).then(
        () => true,
        () => false,
      ));
    metrics = await startMetricsServer({ host: opts.host, port, ready });
    app.log.info({ port }, `${opts.name} workers running (no API)`);
  } else {
    await app.listen({ host: opts.host, port: opts.port });
  }
  let stoppingSince = 0;
  const stop = async (signal: string) => {
    // Ctrl-C reaches us directly and again through a supervisor: ignore the
    // echo, but let an impatient second Ctrl-C force the exit.
    if (stoppingSince) {
      if (Date.now() - stoppingSince > 2000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    app.log.info({ signal }, `${opts.name} shutting down`);
    try {
      metrics?.close();
      await app.close();
      await workers?.close();
      await tracing?.shutdown();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * A service's workers as their own process (no HTTP server): start them,
 * close them on SIGTERM/SIGINT (running jobs finish first), exit 0.
 */
export async function runWorkers(opts: {
  name: string;
  logLevel?: string;
  workers: () => Promise<Closable>;
}) {
  const log = createLogger(`${opts.name}-workers`, opts.logLevel);
  installCrashGuards(log);
  const tracing = startTracing(opts.name);
  const workers = await opts.workers();
  log.info(`${opts.name} workers running`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${opts.name} workers shutting down`);
    try {
      await workers.close();
      await tracing?.shutdown();
      process.exit(0);
    } catch (err) {
      log.fatal({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

export { installCrashGuards };
