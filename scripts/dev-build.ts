// Development bundles for `npm start` and the chaos suite: each process's entry
// point (services, workers, relay, local Stripe server) bundled with the
// workspace packages into var/build/, npm dependencies left external. A restart
// then loads one plain .mjs file instead of transpiling hundreds of TypeScript
// files under tsx, which is what made recovery after kill -9 take 20–40 s.
//
// Staleness is cheap and exact: esbuild's metafile lists every source file a
// bundle read; a bundle is rebuilt when one of them is newer than it (or gone).
// A new source file can only enter through an edited import, so it is caught too.
// `import.meta.dirname` / `import.meta.url` keep pointing at the source file,
// so schema files, the Prisma client and createRequire resolve as under tsx.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
export const BUILD_DIR = join(root, 'var/build');

/** name → entry source (relative to the repository root). */
export const ENTRIES: Record<string, string> = {
  identity: 'services/identity/src/server.ts',
  screening: 'services/screening/src/server.ts',
  booking: 'services/booking/src/server.ts',
  payments: 'services/payments/src/server.ts',
  care: 'services/care/src/server.ts',
  gateway: 'services/gateway/src/server.ts',
  workers: 'scripts/workers.ts',
  relay: 'packages/queue/src/relay-main.ts',
  stripe: 'packages/stripe-emulator/src/cli.ts',
  seed: 'scripts/seed.ts',
  // @mm/db (the generated Prisma client) once, imported by every other bundle: the shared
  // process then parses the client and compiles its query-compiler WebAssembly once, not six times.
  db: 'packages/db/src/index.ts',
};

export const bundlePath = (name: string, outDir = BUILD_DIR) => join(outDir, `${name}.mjs`);
const metaPath = (name: string, outDir: string) => join(outDir, `${name}.meta.json`);

export interface DevBuildOptions {
  /** name → entry file relative to the repository root (or absolute). */
  entries?: Record<string, string>;
  outDir?: string;
}

/** True when the bundle is missing or one of the files it was built from changed since. */
export function isStale(name: string, outDir = BUILD_DIR): boolean {
  const out = bundlePath(name, outDir);
  if (!existsSync(out) || !existsSync(metaPath(name, outDir))) return true;
  const builtAt = statSync(out).mtimeMs;
  // A change to how bundles are built (this file) rebuilds them all.
  if (statSync(fileURLToPath(import.meta.url)).mtimeMs > builtAt) return true;
  let inputs: string[];
  try {
    inputs = JSON.parse(readFileSync(metaPath(name, outDir), 'utf8'));
  } catch {
    return true;
  }
  for (const file of inputs) {
    try {
      if (statSync(resolve(root, file)).mtimeMs > builtAt) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** Keeps each source file's own location for import.meta (the bundle lives elsewhere). */
const sourceLocation: Plugin = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.')) return { contents: text, loader: 'ts' };
      const contents = text
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: 'ts' };
    });
  },
};

/** `@mm/db` from its own bundle beside this one (see ENTRIES.db). */
const sharedDb: Plugin = {
  name: 'shared-db-bundle',
  setup(b) {
    b.onResolve({ filter: /^@mm\/db$/ }, () => ({ path: './db.mjs', external: true }));
  },
};

const externalNpm: Plugin = {
  name: 'externalize-npm-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@mm/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Builds the named bundles that are stale; returns the names rebuilt. */
export async function devBuild(names?: string[], opts: DevBuildOptions = {}): Promise<string[]> {
  const entries = opts.entries ?? ENTRIES;
  const outDir = opts.outDir ?? BUILD_DIR;
  // Every bundle of ours imports db.mjs (see sharedDb), so it is built with any of them.
  const wanted =
    names && entries === ENTRIES ? [...new Set([...names, 'db'])] : (names ?? Object.keys(entries));
  const stale = wanted.filter((name) => isStale(name, outDir));
  if (stale.length === 0) return [];
  const { build, stop } = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  await Promise.all(
    stale.map(async (name) => {
      const result = await build({
        entryPoints: [resolve(root, entries[name] ?? name)],
        outfile: bundlePath(name, outDir),
        absWorkingDir: root,
        bundle: true,
        platform: 'node',
        target: 'node20.19',
        format: 'esm',
        sourcemap: 'linked',
        metafile: true,
        logLevel: 'warning',
        banner: {
          js: "import { createRequire as __mmCreateRequire } from 'node:module'; const require = __mmCreateRequire(import.meta.url);",
        },
        plugins:
          entries === ENTRIES ? [sharedDb, externalNpm, sourceLocation] : [externalNpm, sourceLocation],
      });
      writeFileSync(metaPath(name, outDir), JSON.stringify(Object.keys(result.metafile.inputs)));
    }),
  );
  // esbuild's service process would otherwise live as long as we do.
  await stop();
  return stale;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const names = process.argv.slice(2);
  const built = await devBuild(names.length ? names : undefined);
  console.log(built.length ? `built ${built.join(', ')} in ${Date.now() - t0} ms` : 'bundles are up to date');
}
