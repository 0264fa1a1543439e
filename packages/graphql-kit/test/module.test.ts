import { EVENT_ROUTES, type EventType } from '@mm/queue';
import { describe, expect, it } from 'vitest';
import {
  buildServiceApp,
  DomainError,
  defineModule,
  type ErrorCode,
  eventRouteProblems,
  startServiceWorkers,
} from '../src/index.ts';

const secret = 'x'.repeat(40);
const noop = async () => {};
const routes = {
  ...Object.fromEntries(Object.keys(EVENT_ROUTES).map((t) => [t, []])),
  'booking.confirmed': ['care'],
  'booking.completed': ['care', 'payments'],
} as unknown as typeof EVENT_ROUTES;

describe('event routes come from the modules’ handles', () => {
  it('accepts modules that handle exactly what is routed to the service', () => {
    const modules = [
      { name: 'plans', handles: { 'booking.completed': noop } },
      { name: 'sessions', handles: { 'booking.confirmed': noop } },
    ];
    expect(eventRouteProblems('care', modules, routes)).toEqual([]);
  });

  it('reports an event routed to the service that no module handles', () => {
    const modules = [{ name: 'plans', handles: { 'booking.completed': noop } }];
    expect(eventRouteProblems('care', modules, routes)).toEqual([
      'EVENT_ROUTES routes booking.confirmed to care, but no care module handles it',
    ]);
  });

  it('reports a handler for an event that is not routed to the service, and one handled twice', () => {
    const modules = [
      { name: 'plans', handles: { 'booking.completed': noop, 'booking.confirmed': noop } },
      { name: 'sessions', handles: { 'booking.confirmed': noop, 'booking.expired': noop } },
    ];
    expect(eventRouteProblems('care', modules, routes)).toEqual([
      'booking.confirmed is handled by both plans and sessions',
      'sessions handles booking.expired, but EVENT_ROUTES does not route it to care',
    ]);
  });

  it('checks against the real contract by default', () => {
    const routedToBooking = (Object.keys(EVENT_ROUTES) as EventType[]).filter((t) =>
      EVENT_ROUTES[t].includes('booking'),
    );
    expect(routedToBooking.length).toBeGreaterThan(0);
    expect(eventRouteProblems('booking', [])).toHaveLength(routedToBooking.length);
  });
});

const pingModule = defineModule({
  name: 'ping',
  schema: 'extend type Query { ping: String! }',
  resolvers: { Query: { ping: () => 'pong' } },
  errors: ['NOT_FOUND'],
});
const echoModule = defineModule({
  name: 'echo',
  dependencies: ['ping'],
  schema: 'extend type Query { echo(text: String!): String! }',
  resolvers: { Query: { echo: (_: unknown, a: { text: string }) => a.text } },
  errors: [],
});

describe('a service is derived from its module list', () => {
  it('serves every module’s schema and resolvers, each module a named plugin', async () => {
    const app = await buildServiceApp({
      name: 'demo',
      gatewaySecret: secret,
      logLevel: 'silent',
      modules: [pingModule, echoModule],
    });
    try {
      const result = await app.graphql('{ ping echo(text: "hi") }');
      expect(result.data).toEqual({ ping: 'pong', echo: 'hi' });
      expect(app.hasPlugin('demo.ping')).toBe(true);
      expect(app.hasPlugin('demo.echo')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('refuses to boot when a module comes before one it depends on', async () => {
    await expect(
      buildServiceApp({
        name: 'demo',
        gatewaySecret: secret,
        logLevel: 'silent',
        modules: [echoModule, pingModule],
      }),
    ).rejects.toThrow(/demo\.ping/);
  });

  it('refuses to boot, app and workers, when an event routed to the service has no handler', async () => {
    const opts = { name: 'booking', gatewaySecret: secret, logLevel: 'silent', modules: [pingModule] };
    await expect(buildServiceApp(opts)).rejects.toThrow(
      /routes address\.saved to booking, but no booking module/,
    );
    await expect(
      startServiceWorkers({
        service: 'booking',
        modules: [pingModule],
        prisma: {} as never,
        redisUrl: 'redis://127.0.0.1:1',
        prefix: 'unused',
      }),
    ).rejects.toThrow(/no booking module handles it/);
  });

  it('refuses to boot when a module handles an event not routed to the service', async () => {
    const stray = defineModule({ name: 'stray', errors: [], handles: { 'payment.captured': noop } });
    await expect(
      buildServiceApp({ name: 'demo', gatewaySecret: secret, logLevel: 'silent', modules: [stray] }),
    ).rejects.toThrow(/stray handles payment\.captured, but EVENT_ROUTES does not route it to demo/);
  });

  it('refuses a resolver defined by two modules', async () => {
    const again = defineModule({ name: 'again', resolvers: { Query: { ping: () => 'again' } }, errors: [] });
    await expect(
      buildServiceApp({
        name: 'demo',
        gatewaySecret: secret,
        logLevel: 'silent',
        modules: [pingModule, again],
      }),
    ).rejects.toThrow('resolver Query.ping is defined by two modules');
  });
});

describe('one error style', () => {
  it('refuses a module that declares a code missing from ERROR_CODES', () => {
    expect(() => defineModule({ name: 'bad', errors: ['NOPE' as ErrorCode] })).toThrow(
      'module bad declares error codes missing from ERROR_CODES: NOPE',
    );
  });

  it('a module error carries its code, the documented sentence by default, and its class name', () => {
    class PingError extends DomainError<'NOT_FOUND' | 'CONFLICT'> {}
    const e = new PingError('CONFLICT');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('The object changed meanwhile; reload and retry.');
    expect(e.name).toBe('PingError');
    expect(e).toBeInstanceOf(DomainError);
  });
});
