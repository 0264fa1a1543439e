import type { PrismaClient, TransactionClient } from '@mm/db';
import { badInput, fromGlobalId, notFound, type Viewer } from '@mm/graphql-kit';
import { findCareClient, hasCompletedSessionWith } from './clients.repository.ts';

type Db = PrismaClient | TransactionClient;

/** True when the therapist has completed at least one session with the client. */
export const isTherapistOfClient = hasCompletedSessionWith;

/**
 * Whose care data the viewer is asking for. A client sees only their own; a therapist
 * only clients they have a completed session with; an admin anyone. Someone else's
 * client is NOT_FOUND, never FORBIDDEN: whether they are a client here is private.
 */
export async function resolveClientScope(
  db: Db,
  viewer: Viewer,
  clientGlobalId: string | null | undefined,
): Promise<string> {
  const requested = clientGlobalId ? fromGlobalId('User', clientGlobalId, 'clientId') : null;
  if (viewer.role === 'CLIENT') {
    if (requested && requested !== viewer.userId) throw notFound('This client');
    return viewer.userId;
  }
  if (!requested) {
    throw badInput('Say whose care data you want: clientId is required for therapists and admins.', [
      { path: 'clientId', message: 'required' },
    ]);
  }
  if (viewer.role === 'THERAPIST' && !(await isTherapistOfClient(db, viewer.userId, requested))) {
    throw notFound('This client');
  }
  return requested;
}

/** May this viewer read the client's care data (plans, logs, outcomes)? */
export async function canSeeClient(db: Db, viewer: Viewer, clientId: string): Promise<boolean> {
  if (viewer.role === 'ADMIN') return true;
  if (viewer.role === 'CLIENT') return viewer.userId === clientId;
  return isTherapistOfClient(db, viewer.userId, clientId);
}

export const DEFAULT_TIMEZONE = 'America/New_York';

/** The client's timezone and quiet hours (projection; defaults until identity tells us otherwise). */
export async function clientSettings(db: Db, clientId: string) {
  const row = await findCareClient(db, clientId);
  const quietHours =
    row === null
      ? { start: '21:00', end: '08:00' }
      : row.quietHoursStart && row.quietHoursEnd
        ? { start: row.quietHoursStart, end: row.quietHoursEnd }
        : null;
  return { timeZone: row?.timezone ?? DEFAULT_TIMEZONE, quietHours };
}
