import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

// Prisma's native schema engine cannot be downloaded on these machines; its
// WebAssembly build runs the same migrations through the pg driver adapter.
// We instantiate the wasm ourselves (wasm-bindgen's bundler loader) so that
// no `--experimental-wasm-modules` flag is needed.
// Keyed on the bindings module itself: a test runner may load this file more
// than once, and re-initialising live bindings corrupts a running engine.
const g = globalThis as typeof globalThis & {
  __mmSchemaEngineReady?: WeakSet<object>;
  PRISMA_WASM_PANIC_REGISTRY?: { set_message: (message: string) => void };
};
g.__mmSchemaEngineReady ??= new WeakSet();
// The engine reports a Rust panic through this global before throwing.
g.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message) => {
    console.error(`schema engine panic: ${message}`);
  },
};

// Node has WebAssembly, but @types/node 20 does not declare it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: Record<string, unknown> };
};

function initWasm(): void {
  if (g.__mmSchemaEngineReady?.has(bindings)) return;
  const require = createRequire(import.meta.url);
  // The package exports no package.json, so locate it through a file it does export.
  const dir = dirname(require.resolve('@prisma/schema-engine-wasm'));
  const module = new WebAssembly.Module(readFileSync(join(dir, 'schema_engine_bg.wasm')));
  const instance = new WebAssembly.Instance(module, {
    './schema_engine_bg.js': bindings,
  });
  const exports = instance.exports as { __wbindgen_start: () => void };
  (bindings as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  g.__mmSchemaEngineReady?.add(bindings);
}

export interface EngineOptions {
  connectionString: string;
  /** Every .prisma file of the schema, as [path, content]. */
  files: [string, string][];
  log?: (line: string) => void;
}

const PG_INTERNAL_CHAR = 18;
const PG_TEXT = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

// The schema describer reads pg_catalog columns of Postgres's one-byte
// "char" type (e.g. pg_constraint.contype), which @prisma/adapter-pg 7.10
// refuses to map. We let the adapter read them as text, remember which
// columns they were (keyed by the rows array, which the adapter passes on
// unchanged), and report them to the engine as the Character type it expects.
const charColumns = new WeakMap<object, number[]>();

function tagCharColumns<T>(result: T): T {
  const r = result as { fields?: { dataTypeID: number }[]; rows?: object };
  const indexes: number[] = [];
  r.fields?.forEach((field, i) => {
    if (field.dataTypeID === PG_INTERNAL_CHAR) {
      field.dataTypeID = PG_TEXT;
      indexes.push(i);
    }
  });
  if (indexes.length && r.rows) charColumns.set(r.rows, indexes);
  return result;
}

type Query = (...args: unknown[]) => unknown;
function patchQuery(target: { query: unknown }): void {
  const query = (target.query as Query).bind(target);
  target.query = (...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise ? result.then(tagCharColumns) : result;
  };
}

function catalogFriendlyPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: 2 });
  patchQuery(pool); // plain queries go through the pool
  pool.on('connect', (client) => patchQuery(client)); // transactions use a client
  return pool;
}

interface ResultSet {
  columnTypes: number[];
  rows: object;
}

/** Wraps an adapter (or transaction) so result sets carry the Character type for "char" columns. */
function withCharColumns<T extends object>(queryable: T): T {
  return new Proxy(queryable, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'queryRaw') {
        return async (...args: unknown[]) => {
          const result = (await value.apply(target, args)) as ResultSet;
          for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
          return result;
        };
      }
      if (prop === 'startTransaction') {
        return async (...args: unknown[]) => withCharColumns((await value.apply(target, args)) as object);
      }
      return value.bind(target);
    },
  });
}

class CatalogFriendlyPg extends PrismaPg {
  override async connect() {
    return withCharColumns(await super.connect());
  }

  override async connectToShadowDb() {
    return withCharColumns(await super.connectToShadowDb());
  }
}

export async function openSchemaEngine(
  opts: EngineOptions,
): Promise<{ engine: SchemaEngine; close: () => Promise<void> }> {
  initWasm();
  const pool = catalogFriendlyPool(opts.connectionString);
  const adapter = bindMigrationAwareSqlAdapterFactory(new CatalogFriendlyPg(pool));
  const log = opts.log ?? (() => {});
  const engine = await (bindings as unknown as { SchemaEngine: typeof SchemaEngine }).SchemaEngine.new(
    { datamodels: opts.files },
    (line: string) => log(line),
    adapter,
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await pool.end();
    },
  };
}
