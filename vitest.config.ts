import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS build (package "main"), the one
// mercurius requires; Vite would pick the "module" build and create a second
// graphql instance, whose types and rules the first one rejects.
const graphql = createRequire(import.meta.url).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphql }] };

// TEST_NOW runs the suite as if it were that instant (see @mm/testing's clock);
// the anchor says when that was, once for every worker of this run.
if (process.env.TEST_NOW) process.env.TEST_NOW_ANCHOR ??= String(Date.now());

// Pure packages run without infrastructure; everything else gets a migrated
// Postgres template (cloned per test file) and a Redis prefix of its own.
const pure = [
  'packages/safety',
  'packages/eligibility',
  'packages/crypto',
  'packages/stripe-emulator',
  'packages/graphql-kit',
  'apps/admin',
];
const integration = [
  'packages/config',
  'packages/queue',
  'services/screening',
  'services/booking',
  'services/payments',
  'services/care',
];
// Through-the-gateway tests live in tests/<service> (projects "<service>-api"):
// they need every service, so they sit above the services in the build graph.
// The migrate command's test and the cross-service journey sit there too.
const api = ['gateway', 'identity', 'screening', 'booking', 'payments', 'care'].map((s) => `tests/${s}`);
const above = [...api, 'tests/migrate', 'tests/journey', 'tests/ops'];
const name = (dir: string) => {
  const [top, sub] = dir.split('/') as [string, string];
  return top === 'tests' && api.includes(dir) ? `${sub}-api` : sub;
};
const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    // Most files wait on Postgres, Redis and queues rather than the CPU, so more
    // files run at once than there are cores (vitest's default is cores − 1).
    maxWorkers: Number(process.env.TEST_WORKERS) || 4,
    reporters: ['default', './scripts/slowest-files-reporter.ts'],
    projects: [
      ...pure.map((dir) => ({ resolve, test: { name: name(dir), root: dir, include } })),
      ...[...integration, ...above].map((dir) => ({
        resolve,
        test: {
          name: name(dir),
          root: dir,
          include: dir.startsWith('tests/') ? ['**/*.test.ts'] : include,
          globalSetup: ['../../packages/testing/src/global-setup.ts'],
          setupFiles: ['../../packages/testing/src/setup-file.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      // The admin console in Debian's Chromium against the real stack (tests/admin).
      {
        resolve,
        test: {
          name: 'admin-e2e',
          root: 'tests/admin',
          include: ['**/*.test.ts'],
          globalSetup: ['../../packages/testing/src/global-setup.ts'],
          setupFiles: ['../../packages/testing/src/setup-file.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
