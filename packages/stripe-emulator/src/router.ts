// The request pipeline shared by every /v1 route: authentication, Stripe-Account,
// due work on the emulator clock, idempotency, fault injection, expansion and
// Stripe's JSON error envelope. Handlers are synchronous, so each operation runs
// atomically with respect to other requests.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, apiError, authError, paramError } from './errors.ts';
import { applyExpand } from './expand.ts';
import type { Fault } from './faults.ts';
import { canonicalForm, type FormObject, type FormValue, Params } from './form.ts';
import type { Ctx, EmulatorHost } from './host.ts';
import type { SavedResponse } from './idempotency.ts';
import { newId } from './store.ts';

export interface ApiCall {
  params: Record<string, string>;
  /** The form body for POST, the query string otherwise. */
  input: Params;
  ctx: Ctx;
}

export type Handler = (call: ApiCall) => object;

type Method = 'GET' | 'POST' | 'DELETE';

const JSON_TYPE = 'application/json; charset=utf-8';

export function header(req: FastifyRequest, name: string): string | null {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? null : first;
}

function isFormValue(value: unknown): value is FormValue {
  if (typeof value === 'string') return true;
  if (Array.isArray(value)) return value.every(isFormValue);
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every(isFormValue);
}

function redact(key: string): string {
  return key.length <= 12 ? key : `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Router {
  constructor(
    private readonly app: FastifyInstance,
    private readonly em: EmulatorHost,
  ) {}

  get(url: string, handler: Handler): void {
    this.route('GET', url, handler);
  }

  post(url: string, handler: Handler): void {
    this.route('POST', url, handler);
  }

  delete(url: string, handler: Handler): void {
    this.route('DELETE', url, handler);
  }

  private route(method: Method, url: string, handler: Handler): void {
    this.app.route({ method, url, handler: (req, reply) => this.serve(method, req, reply, handler) });
  }

  private authenticate(req: FastifyRequest): string {
    const auth = header(req, 'authorization');
    const space = auth?.indexOf(' ') ?? -1;
    const scheme = auth && space > 0 ? auth.slice(0, space).toLowerCase() : '';
    const value = auth && space > 0 ? auth.slice(space + 1).trim() : '';
    let key = '';
    if (scheme === 'bearer') key = value;
    if (scheme === 'basic') key = Buffer.from(value, 'base64').toString('utf8').split(':')[0] ?? '';
    if (key === '') {
      throw authError(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      );
    }
    const allowed = this.em.options.apiKeys;
    const valid = allowed ? allowed.includes(key) : /^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key);
    if (!valid) throw authError(`Invalid API Key provided: ${redact(key)}`);
    return key;
  }

  private checkAccount(apiKey: string, account: string): void {
    const found = this.em.store.accounts.get(account);
    if (found === undefined || found.deleted) {
      throw paramError(
        `The provided key '${redact(apiKey)}' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        { status: 403, code: 'account_invalid' },
      );
    }
  }

  private async serve(method: Method, req: FastifyRequest, reply: FastifyReply, handler: Handler) {
    const { em } = this;
    const requestId = newId('req', 14);
    const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : null;
    reply.header('request-id', requestId);
    reply.header('stripe-version', header(req, 'stripe-version') ?? em.apiVersion);
    if (idempotencyKey) reply.header('idempotency-key', idempotencyKey);
    const path = req.url.split('?')[0] ?? req.url;

    let request: { apiKey: string; account: string | null; form: FormObject };
    try {
      request = this.admit(method, req);
    } catch (err) {
      return this.send(reply, this.failure(req, err));
    }
    const { apiKey, account, form } = request;
    if (account !== null) reply.header('stripe-account', account);

    let finish: ((response: SavedResponse | null) => void) | null = null;
    if (idempotencyKey !== null) {
      const scope = `${apiKey}|${account ?? ''}`;
      const claim = em.idempotency.begin(
        scope,
        idempotencyKey,
        `${method} ${path}`,
        canonicalForm(form),
        em.clock.now(),
      );
      if (claim.kind === 'reject') return this.send(reply, this.failure(req, claim.error));
      if (claim.kind === 'replay') {
        reply.header('idempotent-replayed', 'true');
        reply.header('original-request', claim.response.requestId);
        return this.send(reply, claim.response);
      }
      finish = claim.finish;
    }

    const before = await this.fault(method, path, 'before');
    if (before) {
      finish?.(null);
      return this.sendFault(req, reply, before);
    }

    const ctx: Ctx = { em, account, requestId, idempotencyKey, baseUrl: this.baseUrl(req) };
    const call: ApiCall = { params: req.params as Record<string, string>, input: new Params(form), ctx };
    const result = this.execute(req, handler, call, requestId);
    finish?.(result.replayable ? result : null);

    // The operation is committed and its result saved: only the answer is lost.
    const after = await this.fault(method, path, 'after');
    if (after) return this.sendFault(req, reply, after);
    return this.send(reply, result);
  }

  /** Authentication, Stripe-Account and the form, then due work on the emulator clock. */
  private admit(method: Method, req: FastifyRequest) {
    const apiKey = this.authenticate(req);
    const account = header(req, 'stripe-account');
    if (account !== null) this.checkAccount(apiKey, account);
    const raw = method === 'POST' ? (req.body ?? {}) : (req.query ?? {});
    if (!isFormValue(raw) || typeof raw === 'string' || Array.isArray(raw)) {
      throw paramError('Request bodies must be application/x-www-form-urlencoded.');
    }
    this.em.tick();
    return { apiKey, account, form: raw };
  }

  /** An injected fault for this point, after its delay; null when it only delays. */
  private async fault(method: Method, path: string, when: 'before' | 'after'): Promise<Fault | null> {
    const fault = this.em.faults.take(method, path, when);
    if (!fault) return null;
    if (fault.delay_ms > 0) await sleep(fault.delay_ms);
    return fault.status !== null || fault.reset ? fault : null;
  }

  private baseUrl(req: FastifyRequest): string {
    return this.em.options.publicUrl ?? `http://${req.headers.host ?? '127.0.0.1'}`;
  }

  private execute(req: FastifyRequest, handler: Handler, call: ApiCall, requestId: string) {
    try {
      const expand = call.input.strList('expand') ?? [];
      const body = applyExpand(structuredClone(handler(call)), expand, this.em.store);
      return { status: 200, body: JSON.stringify(body), requestId, replayable: true };
    } catch (err) {
      const failure = this.failure(req, err);
      return { ...failure, requestId };
    }
  }

  private failure(req: FastifyRequest, err: unknown): { status: number; body: string; replayable: boolean } {
    const error =
      err instanceof ApiError ? err : apiError('An unknown error occurred in the Stripe emulator.');
    if (!(err instanceof ApiError)) req.log.error({ err }, 'stripe-emulator handler failed');
    return { status: error.status, body: JSON.stringify(error.toJSON()), replayable: error.replayable };
  }

  private send(reply: FastifyReply, response: { status: number; body: string }) {
    return reply.code(response.status).type(JSON_TYPE).send(response.body);
  }

  private sendFault(req: FastifyRequest, reply: FastifyReply, fault: Fault) {
    if (fault.reset) {
      reply.hijack();
      req.raw.socket.destroy();
      return reply;
    }
    const status = fault.status ?? 500;
    const error = apiError(`Injected fault ${fault.id} (${fault.when}) from the Stripe emulator.`, status);
    return this.send(reply, { status, body: JSON.stringify(error.toJSON()) });
  }
}
