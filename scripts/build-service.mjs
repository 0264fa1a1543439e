#!/usr/bin/env node
// Production build of one service (run from its folder by `turbo run build`):
// bundles src/server.ts with the workspace packages it uses into dist/,
// leaves npm dependencies external, and copies the GraphQL schema files the
// service loads at boot.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const cwd = process.cwd();
rmSync(join(cwd, 'dist'), { recursive: true, force: true });

await build({
  entryPoints: [join(cwd, 'src/server.ts')],
  outfile: join(cwd, 'dist/server.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'externalize-npm-dependencies',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@mm/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});

const modules = join(cwd, 'src/modules');
for (const file of readdirSync(modules, { recursive: true, encoding: 'utf8' })) {
  if (!file.endsWith('.graphql')) continue;
  mkdirSync(join(cwd, 'dist/modules', file, '..'), { recursive: true });
  cpSync(join(modules, file), join(cwd, 'dist/modules', file));
}
console.log(`built ${cwd.split('/').slice(-2).join('/')} → dist/server.mjs`);
