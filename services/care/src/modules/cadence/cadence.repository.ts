import type { CadenceSuggestion, CareBooking, Prisma, TransactionClient } from '@mm/db';

/** The client's completed sessions, oldest first (the cadence plan is computed from them). */
export function completedSessions(tx: TransactionClient, clientId: string): Promise<CareBooking[]> {
  return tx.careBooking.findMany({ where: { clientId, status: 'COMPLETED' }, orderBy: { startsAt: 'asc' } });
}

export function openSuggestions(tx: TransactionClient, clientId: string): Promise<CadenceSuggestion[]> {
  return tx.cadenceSuggestion.findMany({ where: { clientId, status: 'OPEN' }, orderBy: { position: 'asc' } });
}

/** Replaces the open suggestions with `next` (the old ones are kept, SUPERSEDED). */
export async function replaceSuggestions(
  tx: TransactionClient,
  clientId: string,
  next: Prisma.CadenceSuggestionCreateManyInput[],
): Promise<void> {
  await tx.cadenceSuggestion.updateMany({
    where: { clientId, status: 'OPEN' },
    data: { status: 'SUPERSEDED' },
  });
  await tx.cadenceSuggestion.createMany({ data: next });
}

/** Marks the client's open suggestion BOOKED; false when it was not open (booked, superseded or not theirs). */
export async function markBooked(
  tx: TransactionClient,
  id: string,
  clientId: string,
  at: Date,
): Promise<boolean> {
  const { count } = await tx.cadenceSuggestion.updateMany({
    where: { id, clientId, status: 'OPEN' },
    data: { status: 'BOOKED', bookedAt: at },
  });
  return count > 0;
}

export function findSuggestion(tx: TransactionClient, id: string): Promise<CadenceSuggestion | null> {
  return tx.cadenceSuggestion.findUnique({ where: { id } });
}
