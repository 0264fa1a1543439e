// Fastify factory: Stripe's form encoding in, JSON out, the /v1 resources, the
// hosted onboarding page and the /_emulator test controls.
import Fastify, { type FastifyInstance } from 'fastify';
import { registerControl } from './control.ts';
import { Emulator, type EmulatorOptions } from './emulator.ts';
import { ApiError } from './errors.ts';
import { parseForm } from './form.ts';
import { StateFile } from './persistence.ts';
import { onboardingPage, registerAccounts } from './resources/accounts.ts';
import { registerApplicationFees } from './resources/application-fees.ts';
import { registerBalance } from './resources/balance.ts';
import { registerCharges } from './resources/charges.ts';
import { registerCustomers } from './resources/customers.ts';
import { registerEvents } from './resources/events.ts';
import { registerPaymentIntents } from './resources/payment-intents.ts';
import { registerPaymentMethods } from './resources/payment-methods.ts';
import { registerPayouts } from './resources/payouts.ts';
import { registerRefunds } from './resources/refunds.ts';
import { registerSetupIntents } from './resources/setup-intents.ts';
import { registerTransfers } from './resources/transfers.ts';
import { registerWebhookEndpoints } from './resources/webhook-endpoints.ts';
import { Router } from './router.ts';

export interface StripeEmulatorOptions extends EmulatorOptions {
  /** Fastify request logging (off by default). */
  logger?: boolean;
  /** How often due work (hold expiry, payouts) runs when the clock follows wall time. */
  tickIntervalMs?: number;
  /**
   * Keep the state in this JSON file across restarts (loaded at start, saved after every
   * change). Off by default, so test emulators stay in memory and isolated.
   */
  stateFile?: string;
}

const emulators = new WeakMap<FastifyInstance, Emulator>();

/** The emulator core behind an app built by buildStripeEmulator (for in-process tests). */
export function emulatorOf(app: FastifyInstance): Emulator {
  const em = emulators.get(app);
  if (em === undefined) throw new Error('not a Stripe emulator app');
  return em;
}

function stripeError(status: number, message: string) {
  return {
    status,
    body: { error: { type: status >= 500 ? 'api_error' : 'invalid_request_error', message } },
  };
}

export function buildStripeEmulator(options: StripeEmulatorOptions = {}): FastifyInstance {
  const em = new Emulator(options);
  const state = options.stateFile ? new StateFile(options.stateFile) : null;
  state?.load(em);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // GET params use the same bracket notation as bodies (expand[0]=..., created[gte]=...).
    routerOptions: { querystringParser: (query) => parseForm(query) },
  });
  emulators.set(app, em);
  if (state) {
    // Saved before the response leaves, so an acknowledged change survives a crash right after.
    app.addHook('onSend', async (req, _reply, payload) => {
      if (req.method !== 'GET') state.save(em);
      return payload;
    });
  }

  installStripeProtocol(app);
  registerResources(app, em);
  registerControl(app, em);
  startTicker(app, em, state, options.tickIntervalMs ?? 1_000);
  return app;
}

/** Stripe's wire format: form bodies in, its JSON error envelope out (404s included). */
function installStripeProtocol(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)), undefined);
    }
  });

  app.setNotFoundHandler((req, reply) => {
    const { status, body } = stripeError(
      404,
      `Unrecognized request URL (${req.method}: ${req.url.split('?')[0]}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    );
    return reply.code(status).send(body);
  });

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(err.toJSON());
    const code = (err as { statusCode?: unknown }).statusCode;
    const status = typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
    if (status >= 500) req.log.error({ err }, 'stripe-emulator error');
    const message = err instanceof Error ? err.message : String(err);
    const { body } = stripeError(
      status,
      status >= 500 ? 'An unknown error occurred in the Stripe emulator.' : message,
    );
    return reply.code(status).send(body);
  });
}

/** The /v1 resources and the hosted onboarding page. */
function registerResources(app: FastifyInstance, em: Emulator): void {
  const api = new Router(app, em);
  registerCustomers(api);
  registerPaymentMethods(api);
  registerSetupIntents(api);
  registerPaymentIntents(api);
  registerCharges(api);
  registerRefunds(api);
  registerAccounts(api);
  registerTransfers(api);
  registerApplicationFees(api);
  registerPayouts(api);
  registerBalance(api);
  registerEvents(api);
  registerWebhookEndpoints(api);

  app.get<{ Params: { account: string }; Querystring: { link?: string } }>(
    '/connect/onboard/:account',
    async (req, reply) => {
      em.tick();
      const link = typeof req.query.link === 'string' ? req.query.link : undefined;
      const { status, html } = onboardingPage(em.systemCtx(), req.params.account, link);
      return reply.code(status).type('text/html; charset=utf-8').send(html);
    },
  );
}

function startTicker(app: FastifyInstance, em: Emulator, state: StateFile | null, everyMs: number): void {
  // Due work also runs at the start of every request; the timer covers idle periods.
  const timer = setInterval(() => {
    try {
      em.tick();
      state?.save(em);
    } catch (err) {
      app.log.error({ err }, 'stripe-emulator tick failed');
    }
  }, everyMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    em.webhooks.close();
    state?.save(em);
  });
}
