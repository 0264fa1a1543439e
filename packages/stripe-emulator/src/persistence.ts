// Opt-in persistence: the whole emulator state in one JSON file, so a restarted
// `npm start` still knows the customers, accounts and payments the database names.
// Off unless a state file is given: in-process test emulators (port 0) stay in memory
// and isolated. Writes are atomic (a temporary file renamed over the old one) and
// skipped when nothing changed. Webhook deliveries in flight are not kept.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Emulator } from './emulator.ts';
import type { KeyRecord } from './idempotency.ts';
import type { StoreSnapshot } from './store.ts';

const FORMAT = 1;

interface StateSnapshot {
  format: typeof FORMAT;
  /** Emulator time when saved (unix seconds): the clock never goes back on restart. */
  now: number;
  /** Wall time when saved (unix seconds): with `now`, the clock's lead, which a restart keeps. */
  savedAt?: number;
  /** The startup endpoint's secret when it was generated rather than given. */
  configWebhookSecret: string | null;
  store: StoreSnapshot;
  idempotency: [string, KeyRecord][];
}

export class StateFile {
  private lastWritten: string | null = null;

  constructor(readonly path: string) {}

  /** Loads the saved state into `em`; false when there is no file yet. */
  load(em: Emulator): boolean {
    if (!existsSync(this.path)) return false;
    const text = readFileSync(this.path, 'utf8');
    const state = JSON.parse(text) as StateSnapshot;
    if (state.format !== FORMAT)
      throw new Error(`${this.path}: unknown state format ${String(state.format)}`);
    em.store.restore(state.store);
    em.idempotency.restore(state.idempotency);
    // Time went on while the server was down, as it does at Stripe: keep the lead over wall time.
    const wall = Math.floor(Date.now() / 1000);
    const resumeAt = Math.max(
      state.now,
      state.savedAt === undefined ? 0 : wall + (state.now - state.savedAt),
    );
    if (resumeAt > em.clock.now()) em.clock.set(resumeAt);
    if (state.configWebhookSecret && em.configTarget && em.options.webhook?.secret === undefined) {
      em.configTarget = { ...em.configTarget, secret: state.configWebhookSecret };
    }
    this.lastWritten = null;
    return true;
  }

  /** Writes the state if it changed since the last write. */
  save(em: Emulator): void {
    const state: Omit<StateSnapshot, 'now'> = {
      format: FORMAT,
      configWebhookSecret:
        em.options.webhook?.secret === undefined ? (em.configTarget?.secret ?? null) : null,
      store: em.store.snapshot(),
      idempotency: em.idempotency.snapshot(),
    };
    // The clock's lead over wall time counts as a change (an advanced clock must be kept).
    const lead = em.clock.now() - Math.floor(Date.now() / 1000);
    const body = `${lead}|${JSON.stringify(state)}`;
    if (body === this.lastWritten) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(
      tmp,
      JSON.stringify({ ...state, now: em.clock.now(), savedAt: Math.floor(Date.now() / 1000) }),
    );
    renameSync(tmp, this.path);
    this.lastWritten = body;
  }
}
