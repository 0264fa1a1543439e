import type { Address, Prisma, PrismaClient, Profile } from '@mm/db';

export class ProfilesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  findProfiles(userIds: readonly string[]): Promise<Profile[]> {
    return this.prisma.profile.findMany({ where: { userId: { in: [...userIds] } } });
  }

  updateProfile(userId: string, data: Prisma.ProfileUpdateInput): Promise<Profile> {
    return this.prisma.profile.update({ where: { userId }, data });
  }

  /** Newest first, keyset-paginated on (createdAt, id). */
  listAddresses(
    userId: string,
    take: number,
    after: { createdAt: Date; id: string } | null,
  ): Promise<Address[]> {
    return this.prisma.address.findMany({
      where: {
        userId,
        archivedAt: null,
        ...(after
          ? {
              OR: [
                { createdAt: { lt: after.createdAt } },
                { createdAt: after.createdAt, id: { lt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take,
    });
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
      return tx.address.create({ data: { ...data, isDefault } });
    });
  }

  updateAddress(id: string, data: Prisma.AddressUpdateInput): Promise<Address> {
    return this.prisma.address.update({ where: { id }, data });
  }
}
