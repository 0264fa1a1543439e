import type { Writable } from 'node:stream';
import { pino } from 'pino';

const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'accessToken',
  'refreshToken',
  'token',
  'authorization',
  'cookie',
  'variables',
  'query',
  'body',
  'payload',
  'answers',
];

/**
 * The one redaction list for every process: credentials, GraphQL documents,
 * variables and bodies (they can hold passwords and health answers) are
 * replaced wherever they appear up to three levels deep, and request URLs are
 * logged without their query string (a GET can carry a whole document).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-mm-gateway-assertion"]',
  'headers.authorization',
  ...SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
];

let sink: Writable | null = null;

/** Sends every logger created afterwards to `stream` as well (tests capture log lines with it). */
export function setLogDestination(stream: Writable | null): void {
  sink = stream;
}

const withoutQuery = (url: string | undefined) => (url ? url.split('?')[0] : url);

const serializers = {
  req: (req: { id?: unknown; method?: string; url?: string; ip?: string; hostname?: string }) => ({
    id: req.id,
    method: req.method,
    url: withoutQuery(req.url),
    remoteAddress: req.ip,
  }),
};

const baseOptions = (name: string, level: string) => ({
  level,
  name,
  redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  serializers,
});

/** Options for a Fastify app's logger (every subgraph and the gateway). */
export const loggerOptions = (name: string, level = 'info') => ({
  ...baseOptions(name, level),
  ...(sink ? { stream: sink } : {}),
});

/** A logger for processes without a Fastify app (workers, the relay), same format and redaction. */
export function createLogger(name: string, level = 'info') {
  return sink ? pino(baseOptions(name, level), sink) : pino(baseOptions(name, level));
}
