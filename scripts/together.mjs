// `npm start`'s shared process: every subgraph (with its workers) and the
// outbox relay in one Node process, loaded from their dev bundles
// (scripts/dev-build.ts) side by side (their connects and checks overlap). The npm dependencies are loaded
// once, so the stack idles at a fraction of the memory of a process each
// (`npm start -- --separate` keeps one process per service). Each bundle keeps
// its own metrics registry, so every service's /metrics stays its own.
// On SIGTERM each service closes itself; the process ends with the first one
// done (jobs cut short are retried: every job is idempotent).
import { pathToFileURL } from 'node:url';

await Promise.all(process.argv.slice(2).map((bundle) => import(pathToFileURL(bundle).href)));
