// Test controls under /_emulator (never under /v1): clock, faults, account status,
// webhook deliveries, reset. JSON (or form) bodies; no API key needed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CapabilityStatus } from './connect-types.ts';
import type { Emulator } from './emulator.ts';
import type { FaultSpec } from './faults.ts';
import { type AccountStatusUpdate, setAccountStatus } from './resources/accounts.ts';

class ControlError extends Error {}

type Body = Record<string, unknown>;

function bodyOf(raw: unknown): Body {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Body) : {};
}

function num(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new ControlError(`${key} must be a number`);
  return n;
}

function bool(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ControlError(`${key} must be a boolean`);
}

function str(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ControlError(`${key} must be a string`);
  return value;
}

function fail(reply: FastifyReply, status: number, message: string) {
  return reply.code(status).send({ error: { type: 'invalid_request_error', message } });
}

function faultSpec(body: Body): FaultSpec {
  const when = str(body, 'when');
  if (when !== undefined && when !== 'before' && when !== 'after')
    throw new ControlError("when must be 'before' or 'after'");
  const path = str(body, 'path');
  if (path === undefined) throw new ControlError('path is required');
  const spec: FaultSpec = { path };
  const method = str(body, 'method');
  const status = num(body, 'status');
  const reset = bool(body, 'reset');
  const delay = num(body, 'delay_ms');
  const times = num(body, 'times');
  if (method !== undefined) spec.method = method;
  if (status !== undefined) spec.status = status;
  if (reset !== undefined) spec.reset = reset;
  if (delay !== undefined) spec.delay_ms = delay;
  if (times !== undefined) spec.times = times;
  if (when !== undefined) spec.when = when;
  const probability = num(body, 'probability');
  const seed = num(body, 'seed');
  if (probability !== undefined) spec.probability = probability;
  if (seed !== undefined) spec.seed = seed;
  return spec;
}

function statusUpdate(body: Body): AccountStatusUpdate {
  const update: AccountStatusUpdate = {};
  for (const key of ['details_submitted', 'charges_enabled', 'payouts_enabled'] as const) {
    const value = bool(body, key);
    if (value !== undefined) update[key] = value;
  }
  const caps = body.capabilities;
  if (caps !== undefined) {
    const capabilities: Record<string, CapabilityStatus> = {};
    for (const [name, value] of Object.entries(bodyOf(caps))) {
      if (value !== 'active' && value !== 'inactive' && value !== 'pending') {
        throw new ControlError(`capabilities.${name} must be active, inactive or pending`);
      }
      capabilities[name] = value;
    }
    update.capabilities = capabilities;
  }
  return update;
}

export function registerControl(root: FastifyInstance, em: Emulator): void {
  // An encapsulated scope, so this error handler only covers the control routes.
  root.register(async (app) => {
    app.setErrorHandler((err, _req, reply) => {
      if (err instanceof ControlError || err instanceof RangeError || err instanceof TypeError) {
        return fail(reply, 400, err.message);
      }
      throw err;
    });
    clockAndFaultRoutes(app, em);
    accountRoutes(app, em);
    webhookRoutes(app, em);
    app.post('/_emulator/reset', async () => {
      em.reset();
      return { reset: true, now: em.clock.now() };
    });
  });
}

/** The emulator clock (moving it runs due work) and injected faults. */
function clockAndFaultRoutes(app: FastifyInstance, em: Emulator): void {
  app.get('/_emulator/clock', async () => ({ now: em.clock.now() }));

  app.post('/_emulator/clock', async (req) => {
    const body = bodyOf(req.body);
    const advance = num(body, 'advance_seconds');
    const to = num(body, 'now');
    if (advance === undefined && to === undefined) throw new ControlError('pass advance_seconds or now');
    if (advance !== undefined) em.clock.advance(advance);
    if (to !== undefined) em.clock.set(to);
    em.tick();
    return { now: em.clock.now() };
  });

  app.post('/_emulator/faults', async (req) => em.faults.add(faultSpec(bodyOf(req.body))));
  app.get('/_emulator/faults', async () => ({ data: em.faults.list(), ...em.faults.stats() }));
  app.delete('/_emulator/faults', async () => {
    em.faults.clear();
    return { deleted: true };
  });
}

/** Onboarding state of a connected account, set directly. */
function accountRoutes(app: FastifyInstance, em: Emulator): void {
  app.post<{ Params: { id: string } }>('/_emulator/accounts/:id', async (req, reply) => {
    const account = em.store.accounts.get(req.params.id);
    if (account === undefined) return fail(reply, 404, `No such account: '${req.params.id}'`);
    return setAccountStatus(em.systemCtx(), account, statusUpdate(bodyOf(req.body)));
  });
}

/** Webhook deliveries, pausing them, and the configured endpoint. */
function webhookRoutes(app: FastifyInstance, em: Emulator): void {
  app.get<{ Querystring: Record<string, unknown> }>('/_emulator/deliveries', async (req) => {
    const query = bodyOf(req.query);
    const type = str(query, 'event_type');
    const status = str(query, 'status');
    const data = em.webhooks
      .deliveries()
      .filter(
        (d) => (type === undefined || d.event_type === type) && (status === undefined || d.status === status),
      );
    return { data, paused: em.webhooks.isPaused };
  });

  app.post('/_emulator/webhooks/pause', async () => {
    em.webhooks.pause();
    return { paused: true };
  });

  app.post('/_emulator/webhooks/resume', async () => {
    em.webhooks.resume();
    return { paused: false };
  });

  app.get('/_emulator/webhook', async () => {
    const target = em.configTarget;
    return target ? { url: target.url, secret: target.secret, enabled_events: target.enabledEvents } : null;
  });

  app.post('/_emulator/webhook', async (req) => {
    const body = bodyOf(req.body);
    const url = str(body, 'url');
    if (url === undefined) throw new ControlError('url is required');
    const secret = str(body, 'secret');
    if (secret !== undefined && !secret.startsWith('whsec_'))
      throw new ControlError('secret must start with whsec_');
    const events = body.enabled_events;
    if (events !== undefined && (!Array.isArray(events) || !events.every((e) => typeof e === 'string')))
      throw new ControlError('enabled_events must be a list of event types');
    const target = em.setConfigWebhook({
      url,
      ...(secret !== undefined ? { secret } : {}),
      ...(events !== undefined ? { enabledEvents: events as string[] } : {}),
    });
    return { url: target.url, secret: target.secret, enabled_events: target.enabledEvents };
  });
}
