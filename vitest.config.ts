import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS build (package "main"), the one
// mercurius requires; Vite would pick the "module" build and create a second
// graphql instance, whose types and rules the first one rejects.
const graphql = createRequire(import.meta.url).resolve('graphql');
const resolve = { alias: [{ find: /^graphql$/, replacement: graphql }] };

// Pure packages run without infrastructure; everything else gets a migrated
// Postgres template (cloned per test file) and a Redis prefix of its own.
const pure = ['packages/safety', 'packages/eligibility', 'packages/crypto', 'packages/stripe-emulator'];
const integration = [
  'packages/config',
  'packages/db',
  'packages/graphql-kit',
  'packages/queue',
  'packages/testing',
  'services/gateway',
  'services/identity',
  'services/screening',
  'services/booking',
  'services/payments',
  'services/care',
];
const name = (dir: string) => dir.split('/')[1] as string;
const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      ...pure.map((dir) => ({ resolve, test: { name: name(dir), root: dir, include } })),
      ...integration.map((dir) => ({
        resolve,
        test: {
          name: name(dir),
          root: dir,
          include,
          globalSetup: ['../../packages/testing/src/global-setup.ts'],
          setupFiles: ['../../packages/testing/src/setup-file.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
    ],
  },
});
