import { loadConfig } from '@mm/config';
import { eventRouteProblems } from '@mm/graphql-kit';
import { createScreeningContext } from '@mm/screening/src/context.ts';
import { buildScreeningModules } from '@mm/screening/src/modules/index.ts';
import { afterAll, expect, it } from 'vitest';

const ctx = createScreeningContext({ config: loadConfig() });
afterAll(() => ctx.close());

it('screening’s modules handle exactly the events EVENT_ROUTES sends to screening', () => {
  const modules = buildScreeningModules(ctx);
  expect(modules.map((m) => m.name)).toEqual([
    'applications',
    'documents',
    'claims',
    'review-queue',
    'eligibility',
    'profiles',
    'expiry',
  ]);
  expect(eventRouteProblems('screening', modules)).toEqual([]);
});
