import type { PrismaClient } from '@mm/db';
import { renderNotification } from './notifications.templates.ts';
import type { NotificationTransport } from './notifications.transports.ts';

export interface DispatcherOptions {
  prisma: PrismaClient;
  transport: NotificationTransport;
  batchSize?: number;
  maxAttempts?: number;
  pollIntervalMs?: number;
  log?: { error: (obj: object, msg: string) => void };
}

interface PendingRow {
  id: string;
  user_id: string;
  template: string;
  payload: Record<string, unknown>;
  attempts: number;
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

  constructor(private readonly opts: DispatcherOptions) {}

  /** Delivers one batch; returns how many messages went out. */
  async deliverBatch(): Promise<number> {
    const { prisma, transport, batchSize = 20, maxAttempts = 5 } = this.opts;
    return prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<PendingRow[]>`
          SELECT id, user_id, template, payload, attempts FROM platform.notifications
          WHERE status = 'PENDING' ORDER BY created_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`;
        let sent = 0;
        for (const row of rows) {
          const user = await tx.user.findUnique({ where: { id: row.user_id }, include: { profile: true } });
          try {
            if (!user) throw new Error('recipient no longer exists');
            const message = renderNotification(row.template, row.payload, user.profile?.fullName ?? 'there');
            await transport.send({ to: user.email, ...message });
            await tx.notification.update({
              where: { id: row.id },
              data: { status: 'SENT', sentAt: new Date(), attempts: { increment: 1 } },
            });
            sent++;
          } catch (err) {
            const attempts = row.attempts + 1;
            this.opts.log?.error({ err, notificationId: row.id, attempts }, 'notification delivery failed');
            await tx.notification.update({
              where: { id: row.id },
              data: { attempts, status: attempts >= maxAttempts ? 'FAILED' : 'PENDING' },
            });
          }
        }
        return sent;
      },
      { timeout: 30_000 },
    );
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
