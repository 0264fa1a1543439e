import type { PrismaClient, TransactionClient } from '@mm/db';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE } from './notifications.format.ts';
import { findRecipient, NotificationsRepository } from './notifications.repository.ts';
import { renderNotification, UnknownTemplateError } from './notifications.templates.ts';
import type { NotificationTransport, OutgoingMessage } from './notifications.transports.ts';

export interface DispatcherOptions {
  prisma: PrismaClient;
  transport: NotificationTransport;
  batchSize?: number;
  maxAttempts?: number;
  pollIntervalMs?: number;
  log?: { error: (obj: object, msg: string) => void };
}

/** A stored notification as it goes out: rendered for its recipient's name, zone and language. */
export async function composeMessage(
  db: Pick<TransactionClient, 'user'>,
  row: { id: string; user_id: string; template: string; payload: unknown },
): Promise<OutgoingMessage> {
  const user = await findRecipient(db, row.user_id);
  if (!user) throw new Error('recipient no longer exists');
  const message = renderNotification(row.template, row.payload, {
    name: user.profile?.fullName ?? 'there',
    timeZone: user.profile?.timezone ?? DEFAULT_TIME_ZONE,
    locale: user.profile?.locale ?? DEFAULT_LOCALE,
  });
  return { id: row.id, to: user.email, ...message };
}

/**
 * Delivers the notifications outbox. Rows are claimed with SKIP LOCKED, so
 * any number of dispatchers can run and each message goes out once; a crash
 * after sending but before the commit re-sends it (at least once).
 */
export class NotificationDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  private readonly repo: NotificationsRepository;

  constructor(private readonly opts: DispatcherOptions) {
    this.repo = new NotificationsRepository(opts.prisma);
  }

  /** Delivers one batch; returns how many messages went out. */
  async deliverBatch(): Promise<number> {
    const { transport, batchSize = 20, maxAttempts = 5 } = this.opts;
    return this.repo.inTransaction(async (tx) => {
      const rows = await this.repo.claimPending(tx, batchSize);
      let sent = 0;
      for (const row of rows) {
        try {
          await transport.send(await composeMessage(tx, row));
          await this.repo.markSent(tx, row.id, new Date());
          sent++;
        } catch (err) {
          const attempts = row.attempts + 1;
          this.opts.log?.error({ err, notificationId: row.id, attempts }, 'notification delivery failed');
          // A template nobody can render will not render on a retry either.
          const final = attempts >= maxAttempts || err instanceof UnknownTemplateError;
          await this.repo.markFailedAttempt(tx, row.id, attempts, final);
        }
      }
      return sent;
    });
  }

  start(): void {
    const interval = this.opts.pollIntervalMs ?? 1000;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.deliverBatch().catch((err) =>
        this.opts.log?.error({ err }, 'notification pass failed'),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, interval);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
