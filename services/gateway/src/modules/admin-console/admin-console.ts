import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the built admin console (apps/admin, `vite build`) at /admin when
 * its files exist. Every built file gets its own route; any other path under
 * /admin/ is a client-side route and gets the index page. The console talks
 * to this same origin's /graphql.
 */
export async function registerAdminConsole(app: FastifyInstance, dir: string): Promise<boolean> {
  // Relative to the working directory: the repository root under npm start and in the image.
  const root = isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = readFileSync(indexFile);
  await app.register(fastifyStatic, { root, prefix: '/admin/', wildcard: false, index: false });
  const sendIndex = (_request: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
  app.get('/admin', (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/', sendIndex);
  app.get('/admin/*', sendIndex);
  return true;
}
