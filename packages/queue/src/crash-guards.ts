import { isOverloaded, unavailableDependency } from '@mm/db';

export interface CrashLog {
  warn(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
}

/**
 * A stray rejection from a client whose dependency is away (a publish after
 * commit, a reconnecting subscriber) is logged and survived: the client
 * reconnects by itself. Anything else is a bug: log it and exit 1, and the
 * supervisor (or the orchestrator) restarts the process.
 */
export function installCrashGuards(log: CrashLog): void {
  const onError = (err: unknown) => {
    if (unavailableDependency(err) || isOverloaded(err)) {
      log.warn({ err: { message: (err as Error)?.message } }, 'dependency unavailable; carrying on');
      return;
    }
    log.fatal({ err }, 'unexpected error; exiting so the supervisor restarts the process');
    process.exit(1);
  };
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
}
