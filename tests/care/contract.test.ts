import { createCareContext } from '@mm/care/src/context.ts';
import { buildCareModules } from '@mm/care/src/modules/index.ts';
import { loadConfig } from '@mm/config';
import { eventRouteProblems } from '@mm/graphql-kit';
import { afterAll, expect, it } from 'vitest';

const ctx = createCareContext({ config: loadConfig() });
afterAll(() => ctx.close());

it('care’s modules handle exactly the events EVENT_ROUTES sends to care', () => {
  const modules = buildCareModules(ctx);
  expect(modules.map((m) => m.name)).toEqual([
    'sessions',
    'reminders',
    'homework',
    'adherence',
    'notes',
    'cadence',
    'diary',
    'outcomes',
  ]);
  expect(eventRouteProblems('care', modules)).toEqual([]);
  // A route with no handler is caught: drop the sessions module's handlers and the check complains.
  expect(eventRouteProblems('care', modules.slice(1))).toContain(
    'EVENT_ROUTES routes booking.confirmed to care, but no care module handles it',
  );
});
