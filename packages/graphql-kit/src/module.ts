import { EVENT_ROUTES, type EventHandlers, type EventType } from '@mm/queue';
import type { Job } from 'bullmq';
import type { MercuriusLoaders } from 'mercurius';
import { type ErrorCode, undocumentedCodes } from './errors.ts';

export type ResolverMap = Record<string, Record<string, unknown>>;

/** A BullMQ processor: `jobs[queue][name]`. Throwing fails the attempt (BullMQ retries with backoff). */
export type JobProcessor = (job: Job) => Promise<unknown>;

/** A repeating job (BullMQ job scheduler, upserted at every start, so replicas share one schedule). */
export interface Schedule {
  /** Scheduler id and job name (no ':'). */
  name: string;
  queue: string;
  /** Either a fixed interval … */
  every?: number;
  /** … or a cron pattern, in `tz` (UTC by default). */
  pattern?: string;
  tz?: string;
  run: () => Promise<unknown>;
}

/**
 * What a module has: its GraphQL part (schema, resolvers, loaders), the error
 * codes it throws, the events it handles, its job processors and its
 * schedules. A service is its list of modules: the Fastify app and the
 * workers are derived from it (buildServiceApp, startServiceWorkers).
 */
export interface ModuleDefinition {
  /** Unique within the service; the module's fastify plugin is `<service>.<name>`. */
  name: string;
  /** Modules this one needs registered first (by name); fastify checks the order at boot. */
  dependencies?: readonly string[];
  /** Federation v1 SDL (`extend type Query …`), typically loadSchemaFiles(import.meta.dirname). */
  schema?: string;
  resolvers?: ResolverMap;
  loaders?: MercuriusLoaders;
  /** Every code the module's DomainError subclass may carry (each listed in ERROR_CODES). */
  errors: readonly ErrorCode[];
  /** Event handlers; a service's consumer route (EVENT_ROUTES) must match its modules' `handles`. */
  handles?: EventHandlers;
  /** Processors by queue, then job name. Jobs are added with enqueueJob(tx, …). */
  jobs?: Record<string, Record<string, JobProcessor>>;
  schedules?: readonly Schedule[];
  /** Non-GraphQL HTTP routes (e.g. uploads), registered inside the module's plugin. */
  routes?: (app: import('fastify').FastifyInstance) => void | Promise<void>;
}

/** Declares a module; refuses codes missing from the documented list and a job or schedule named twice. */
export function defineModule<M extends ModuleDefinition>(module: M): M {
  const missing = undocumentedCodes(module.errors);
  if (missing.length > 0) {
    throw new Error(
      `module ${module.name} declares error codes missing from ERROR_CODES: ${missing.join(', ')}`,
    );
  }
  for (const s of module.schedules ?? []) {
    if (module.jobs?.[s.queue]?.[s.name]) {
      throw new Error(`module ${module.name}: schedule ${s.name} is also a job on ${s.queue}`);
    }
    if (!s.every === !s.pattern) throw new Error(`schedule ${s.name} needs exactly one of every or pattern`);
  }
  return module;
}

/**
 * Where a service's modules and the event contract disagree: an event routed
 * to the service that no module handles (it would vanish), a handler for an
 * event not routed to the service (it would never run), or an event handled
 * by two modules.
 */
export function eventRouteProblems(
  service: string,
  modules: readonly Pick<ModuleDefinition, 'name' | 'handles'>[],
  routes: { readonly [T in EventType]: readonly string[] } = EVENT_ROUTES,
): string[] {
  const problems: string[] = [];
  const handledBy = new Map<string, string>();
  for (const m of modules) {
    for (const type of Object.keys(m.handles ?? {})) {
      const other = handledBy.get(type);
      if (other) problems.push(`${type} is handled by both ${other} and ${m.name}`);
      handledBy.set(type, m.name);
      if (!routes[type as EventType]?.includes(service)) {
        problems.push(`${m.name} handles ${type}, but EVENT_ROUTES does not route it to ${service}`);
      }
    }
  }
  for (const [type, consumers] of Object.entries(routes)) {
    if (consumers.includes(service) && !handledBy.has(type)) {
      problems.push(`EVENT_ROUTES routes ${type} to ${service}, but no ${service} module handles it`);
    }
  }
  return problems;
}

/** Fails at boot when a service's handlers and the event routes disagree. */
export function assertEventRoutes(service: string, modules: readonly ModuleDefinition[]): void {
  const problems = eventRouteProblems(service, modules);
  if (problems.length > 0) throw new Error(`${service}: event contract broken:\n- ${problems.join('\n- ')}`);
}

/** Merges modules' maps key by key; a key defined twice is a bug. */
export function mergeByKey<V>(
  what: string,
  maps: readonly (Record<string, V> | undefined)[],
): Record<string, V> {
  const merged: Record<string, V> = {};
  for (const map of maps) {
    for (const [key, value] of Object.entries(map ?? {})) {
      if (key in merged) throw new Error(`${what} ${key} is defined by two modules`);
      merged[key] = value;
    }
  }
  return merged;
}
