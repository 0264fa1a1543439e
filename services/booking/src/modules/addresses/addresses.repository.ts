import type { ClientAddress, PrismaClient, TransactionClient } from '@mm/db';
import type { PlatformEvents } from '@mm/queue';

type Db = PrismaClient | TransactionClient;

/**
 * Booking's projection of the clients' saved addresses, fed by identity's
 * `address.saved`. A booking's coordinates and jurisdiction come from here
 * only: the jurisdiction decides which therapist licenses count, so the client
 * cannot name it.
 */
export class ClientAddressesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Applies one `address.saved` in one statement, so concurrent deliveries
   * cannot race. An event older than the one already applied changes nothing,
   * and an archived address stays archived (identity never restores one).
   */
  async apply(tx: Db, fact: PlatformEvents['address.saved'], occurredAt: Date): Promise<boolean> {
    const archivedAt = fact.archived ? occurredAt : null;
    const changed = await tx.$executeRaw`
      INSERT INTO booking.client_addresses
        (address_id, client_id, latitude, longitude, jurisdiction, archived_at, updated_at)
      VALUES (${fact.addressId}::uuid, ${fact.userId}::uuid, ${fact.latitude}::float8, ${fact.longitude}::float8,
              ${fact.jurisdiction}, ${archivedAt}::timestamptz, ${occurredAt}::timestamptz)
      ON CONFLICT (address_id) DO UPDATE SET
        latitude = EXCLUDED.latitude,
        longitude = EXCLUDED.longitude,
        jurisdiction = EXCLUDED.jurisdiction,
        archived_at = COALESCE(client_addresses.archived_at, EXCLUDED.archived_at),
        updated_at = EXCLUDED.updated_at
      WHERE client_addresses.client_id = EXCLUDED.client_id
        AND (client_addresses.updated_at < EXCLUDED.updated_at
          OR (client_addresses.updated_at = EXCLUDED.updated_at
            AND client_addresses.archived_at IS NULL AND EXCLUDED.archived_at IS NOT NULL))`;
    return changed > 0;
  }

  /** The client's own address if it can be booked: unknown, someone else's and archived ones are null. */
  async findBookable(
    clientId: string,
    addressId: string,
    db: Db = this.prisma,
  ): Promise<ClientAddress | null> {
    const row = await db.clientAddress.findUnique({ where: { addressId } });
    if (!row || row.clientId !== clientId || row.archivedAt !== null) return null;
    return row;
  }
}
