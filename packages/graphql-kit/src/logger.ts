import { pino } from 'pino';

/** A logger for processes without a Fastify app (workers, the relay), same format and level rules. */
export function createLogger(name: string, level = 'info') {
  return pino({ name, level });
}
