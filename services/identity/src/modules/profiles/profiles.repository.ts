import type { Address, Prisma, PrismaClient, Profile, TransactionClient } from '@mm/db';
import { newestFirstAfter } from '@mm/graphql-kit';
import { emitEvent } from '@mm/queue';

export class ProfilesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findProfiles(userIds: readonly string[]): Promise<Profile[]> {
    return this.prisma.profile.findMany({ where: { userId: { in: [...userIds] } } });
  }

  /** Updates the profile and, when the timezone changes, tells other services in the same transaction. */
  updateProfile(userId: string, data: Prisma.ProfileUpdateInput): Promise<Profile> {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.profile.findUniqueOrThrow({ where: { userId } });
      const after = await tx.profile.update({ where: { userId }, data });
      if (after.timezone !== before.timezone) {
        await emitEvent(tx, {
          type: 'user.profile_updated',
          aggregateType: 'User',
          aggregateId: userId,
          payload: { userId, timezone: after.timezone },
        });
      }
      return after;
    });
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  listAddresses(userId: string, take: number, after: unknown[] | null): Promise<Address[]> {
    return this.prisma.address.findMany({
      where: {
        userId,
        archivedAt: null,
        ...newestFirstAfter('createdAt', after),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
  }

  findAddresses(ids: readonly string[]): Promise<Address[]> {
    return this.prisma.address.findMany({ where: { id: { in: [...ids] } } });
  }

  findAddress(id: string): Promise<Address | null> {
    return this.prisma.address.findUnique({ where: { id } });
  }

  async createAddress(data: Prisma.AddressUncheckedCreateInput): Promise<Address> {
    return this.prisma.$transaction(async (tx) => {
      const count = await tx.address.count({ where: { userId: data.userId, archivedAt: null } });
      const isDefault = data.isDefault === true || count === 0;
      if (isDefault)
        await tx.address.updateMany({ where: { userId: data.userId }, data: { isDefault: false } });
      const address = await tx.address.create({ data: { ...data, isDefault } });
      await emitAddressSaved(tx, address);
      return address;
    });
  }

  /** Archived, not deleted (past bookings still point at it); booking hears of it in the same transaction. */
  archiveAddress(id: string, at: Date): Promise<Address> {
    return this.prisma.$transaction(async (tx) => {
      const address = await tx.address.update({ where: { id }, data: { archivedAt: at, isDefault: false } });
      await emitAddressSaved(tx, address);
      return address;
    });
  }

  updateAddress(id: string, data: Prisma.AddressUpdateInput): Promise<Address> {
    return this.prisma.address.update({ where: { id }, data });
  }
}

/**
 * Tells booking what it may rely on for an address: its owner, location,
 * jurisdiction (which decides the licenses that count) and time zone, all
 * from the geocode.
 */
function emitAddressSaved(tx: TransactionClient, address: Address): Promise<string> {
  return emitEvent(tx, {
    type: 'address.saved',
    aggregateType: 'Address',
    aggregateId: address.id,
    payload: {
      addressId: address.id,
      userId: address.userId,
      latitude: address.latitude,
      longitude: address.longitude,
      jurisdiction: address.jurisdiction,
      timezone: address.timezone,
      archived: address.archivedAt !== null,
    },
  });
}
