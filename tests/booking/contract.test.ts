import { eventRouteProblems } from '@mm/graphql-kit';
import { EVENT_ROUTES, type EventType } from '@mm/queue';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Stack, startStack, TestClock } from '../harness/index.ts';
import { testModules } from './helpers.ts';

let stack: Stack;
let modules: ReturnType<typeof testModules>;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['booking'] });
  modules = testModules(stack, new TestClock());
});
afterAll(async () => {
  await modules?.close();
  await stack?.close();
});

it('booking’s modules handle exactly the events EVENT_ROUTES sends to booking', () => {
  expect(modules.list.map((m) => m.name)).toEqual([
    'directory',
    'addresses',
    'intake',
    'safety',
    'day-of',
    'bookings',
    'dispatch',
    'cases',
    'reviews',
    'browse',
    'consultations',
    'messages',
  ]);
  expect(eventRouteProblems('booking', modules.list)).toEqual([]);
  const routed = (Object.keys(EVENT_ROUTES) as EventType[]).filter((t) =>
    EVENT_ROUTES[t].includes('booking'),
  );
  expect(Object.keys(modules.eventHandlers).sort()).toEqual(routed.sort());
});

it('a route with no handler, or a handler with no route, is reported', () => {
  const withoutAddresses = modules.list.filter((m) => m.name !== 'addresses');
  expect(eventRouteProblems('booking', withoutAddresses)).toEqual([
    'EVENT_ROUTES routes address.saved to booking, but no booking module handles it',
  ]);
  const routes = { ...EVENT_ROUTES, 'address.saved': ['identity'] } as typeof EVENT_ROUTES;
  expect(eventRouteProblems('booking', modules.list, routes)).toEqual([
    'addresses handles address.saved, but EVENT_ROUTES does not route it to booking',
  ]);
});
