import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Concatenates every `*.schema.graphql` under a service's modules folder. */
export function loadSchemaFiles(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.schema.graphql'))
    .sort()
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

type ResolverMap = Record<string, Record<string, unknown>>;

/** Merges modules' resolver maps type by type; a field defined twice is a bug. */
export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      merged[type] ??= {};
      const target = merged[type];
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`resolver ${type}.${field} is defined by two modules`);
        target[field] = resolver;
      }
    }
  }
  return merged;
}
