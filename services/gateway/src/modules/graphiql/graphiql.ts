import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

// GraphiQL for development, served from our own node_modules (mercurius's
// built-in page loads React and GraphiQL from unpkg, a blank page offline).
const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': {
    file: join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.js': { file: join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

// Starts GraphiQL against this gateway: queries over HTTP, subscriptions over WebSocket.
const INIT = `const url = location.origin + '/graphql';
const fetcher = GraphiQL.createFetcher({ url, subscriptionUrl: url.replace(/^http/, 'ws') });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, headerEditorEnabled: true, shouldPersistHeaders: true }),
);
`;

const PAGE = `<!DOCTYPE html>
<html>
<head>
  <meta charset="utf-8"/>
  <title>GraphiQL · Migraine Massage</title>
  <meta name="robots" content="noindex"/>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css"/>
  <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql"></div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/init.js"></script>
</body>
</html>
`;

/** GET /graphiql and its assets; every URL is on this server. */
export function registerGraphiql(app: FastifyInstance): void {
  const cache = new Map<string, Buffer>();
  app.get('/graphiql', (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
  app.get('/graphiql/assets/init.js', (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(INIT),
  );
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', (request, reply) => {
    const asset = ASSETS[request.params.name];
    if (!asset) return reply.code(404).send({ error: 'not found' });
    let body = cache.get(asset.file);
    if (!body) {
      body = readFileSync(asset.file);
      cache.set(asset.file, body);
    }
    return reply.type(`${asset.type}; charset=utf-8`).header('cache-control', 'max-age=3600').send(body);
  });
}
