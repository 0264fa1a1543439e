#!/usr/bin/env node
// Production build of one service (run from its folder by `turbo run build`):
// bundles src/server.ts with the workspace packages it uses into dist/,
// leaves npm dependencies external, and copies the GraphQL schema files the
// service loads at boot. Other entry points: `build-service.mjs <src file> <out name>`
// (the relay and the migrate command).
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const cwd = process.cwd();
rmSync(join(cwd, 'dist'), { recursive: true, force: true });

const [entry = 'src/server.ts', out = 'server.mjs'] = process.argv.slice(2);
await build({
  entryPoints: [join(cwd, entry)],
  outfile: join(cwd, 'dist', out),
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __mmCreateRequire } from 'node:module'; const require = __mmCreateRequire(import.meta.url);",
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
const schemaFiles = existsSync(modules) ? readdirSync(modules, { recursive: true, encoding: 'utf8' }) : [];
for (const file of schemaFiles) {
  if (!file.endsWith('.graphql')) continue;
  mkdirSync(join(cwd, 'dist/modules', file, '..'), { recursive: true });
  cpSync(join(modules, file), join(cwd, 'dist/modules', file));
}
console.log(`built ${cwd.split('/').slice(-2).join('/')} → dist/${out}`);
