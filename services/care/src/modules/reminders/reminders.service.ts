import type { TransactionClient } from '@mm/db';
import { requireRole, type Viewer } from '@mm/graphql-kit';
import { z } from 'zod';
import type { CareContext } from '../../context.ts';
import { activePlanIds } from '../homework/homework.repository.ts';
import { clientSettings, DEFAULT_TIMEZONE } from '../shared/access.ts';
import { findCareClient, saveCareClient } from '../shared/clients.repository.ts';
import { isValidTimeZone, parseLocalTime } from '../shared/local-time.ts';
import type { ReminderScheduler } from './reminders.scheduler.ts';

const localTime = z.string().refine((t) => parseLocalTime(t) !== null, 'must be a 24-hour time like 21:00');
const preferencesInput = z
  .object({ quietHoursStart: localTime.nullish(), quietHoursEnd: localTime.nullish() })
  .refine((v) => (v.quietHoursStart == null) === (v.quietHoursEnd == null), {
    message: 'give both quietHoursStart and quietHoursEnd, or neither to turn quiet hours off',
    path: ['quietHoursEnd'],
  });

/** Reminder preferences and the moves that follow a client's timezone or quiet hours. */
export class RemindersService {
  constructor(
    private readonly ctx: CareContext,
    private readonly scheduler: ReminderScheduler,
  ) {}

  /** Re-plans every live plan of the client; reminders move to the new local times. */
  async replanClient(tx: TransactionClient, clientId: string): Promise<string[]> {
    const dropped: string[] = [];
    for (const id of await activePlanIds(tx, clientId))
      dropped.push(...(await this.scheduler.replan(tx, id)));
    return dropped;
  }

  /** From identity's user.profile_updated: the projection follows, and so do the reminders. */
  async applyTimezone(tx: TransactionClient, userId: string, timezone: string): Promise<void> {
    const tz = isValidTimeZone(timezone) ? timezone : DEFAULT_TIMEZONE;
    const before = await findCareClient(tx, userId);
    if (before?.timezone === tz) return;
    await saveCareClient(tx, userId, { timezone: tz });
    // The new rows' jobs are in the job outbox; stale jobs find their rows cancelled.
    await this.replanClient(tx, userId);
  }

  async setPreferences(viewer: Viewer, raw: unknown) {
    const client = requireRole(viewer, 'CLIENT');
    const input = preferencesInput.parse(raw);
    const data = {
      quietHoursStart: input.quietHoursStart ?? null,
      quietHoursEnd: input.quietHoursEnd ?? null,
    };
    const dropped = await this.ctx.prisma.$transaction(async (tx) => {
      await saveCareClient(tx, client.userId, data);
      return this.replanClient(tx, client.userId);
    });
    await this.scheduler.removeJobs(dropped);
    return this.preferences(client.userId);
  }

  async preferences(clientId: string) {
    const { timeZone, quietHours } = await clientSettings(this.ctx.prisma, clientId);
    return { timeZone, quietHoursStart: quietHours?.start ?? null, quietHoursEnd: quietHours?.end ?? null };
  }
}
