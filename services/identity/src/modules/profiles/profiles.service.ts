import type { Address, Profile } from '@mm/db';
import {
  badInput,
  type Connection,
  forbidden,
  notFound,
  pageRequest,
  toConnection,
  type Viewer,
} from '@mm/graphql-kit';
import { z } from 'zod';
import { timezone } from '../accounts/accounts.service.ts';
import type { Geocoder } from './geocoder.ts';
import { ProfilesError } from './profiles.errors.ts';
import type { ProfilesRepository } from './profiles.repository.ts';

const note = z.string().trim().max(500).nullish();
const accessNotes = z.object({ parking: note, pets: note, stairs: note, entry: note });

const updateProfileInput = z.object({
  fullName: z.string().trim().min(1, 'is required').max(120).nullish(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be in international format, e.g. +12125550100')
    .nullish(),
  timezone: timezone.nullish(),
  locale: z
    .string()
    .refine((tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        return false;
      }
    }, 'must be a language tag such as en-US')
    .nullish(),
  dateOfBirth: z.iso.date('must be a date as YYYY-MM-DD').nullish(),
});

const addAddressInput = z
  .object({
    label: z.string().trim().min(1).max(60),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).nullish(),
    city: z.string().trim().min(1).max(100),
    region: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{1,3}$/, 'must be a state or province code such as NY'),
    postalCode: z.string().trim().min(3).max(12),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be an ISO country code such as US'),
    accessNotes: accessNotes.nullish(),
    isDefault: z.boolean().nullish(),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
  })
  .refine((a) => (a.latitude == null) === (a.longitude == null), {
    message: 'give both latitude and longitude, or neither',
    path: ['latitude'],
  });

export class ProfilesService {
  constructor(
    private readonly repo: ProfilesRepository,
    private readonly geocoder: Geocoder,
  ) {}

  async updateProfile(viewer: Viewer, raw: unknown): Promise<Profile> {
    const input = updateProfileInput.parse(raw);
    return this.repo.updateProfile(viewer.userId, {
      ...(input.fullName != null ? { fullName: input.fullName } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.timezone != null ? { timezone: input.timezone } : {}),
      ...(input.locale != null ? { locale: Intl.getCanonicalLocales(input.locale)[0] } : {}),
      ...(input.dateOfBirth !== undefined
        ? { dateOfBirth: input.dateOfBirth ? new Date(`${input.dateOfBirth}T00:00:00Z`) : null }
        : {}),
    });
  }

  async addAddress(viewer: Viewer, raw: unknown): Promise<Address> {
    const input = addAddressInput.parse(raw);
    // Always geocoded, even with the app's own pin: the jurisdiction (which decides
    // license eligibility) comes from the geocode, never from the request.
    const place = await this.geocoder.geocode(input);
    if (!place) {
      throw new ProfilesError(
        'ADDRESS_NOT_GEOCODABLE',
        `We could not locate postal code ${input.postalCode} in ${input.country}. Check it and the country.`,
      );
    }
    if (place.jurisdiction !== `${input.country}-${input.region}`) {
      throw badInput(
        `Postal code ${input.postalCode} is in ${place.jurisdiction.slice(3)}, not ${input.region}.`,
        [{ path: 'region', message: `postal code ${input.postalCode} is in ${place.jurisdiction.slice(3)}` }],
      );
    }
    const point =
      input.latitude != null && input.longitude != null
        ? { latitude: input.latitude, longitude: input.longitude, source: 'client' }
        : place;
    return this.repo.createAddress({
      userId: viewer.userId,
      label: input.label,
      line1: input.line1,
      line2: input.line2 ?? null,
      city: input.city,
      jurisdiction: place.jurisdiction,
      postalCode: input.postalCode,
      country: input.country,
      latitude: point.latitude,
      longitude: point.longitude,
      geocodedBy: point.source,
      timezone: place.timeZone,
      parking: input.accessNotes?.parking ?? null,
      pets: input.accessNotes?.pets ?? null,
      stairs: input.accessNotes?.stairs ?? null,
      entry: input.accessNotes?.entry ?? null,
      isDefault: input.isDefault ?? false,
    });
  }

  async updateAccessNotes(viewer: Viewer, addressId: string, raw: unknown): Promise<Address> {
    await this.ownAddress(viewer, addressId);
    const notes = accessNotes.parse(raw);
    return this.repo.updateAddress(addressId, notes);
  }

  async removeAddress(viewer: Viewer, addressId: string): Promise<string> {
    await this.ownAddress(viewer, addressId);
    // Archived, not deleted: past bookings still point at it.
    await this.repo.archiveAddress(addressId, new Date());
    return addressId;
  }

  async addresses(viewer: Viewer, userId: string, args: { first?: number | null; after?: string | null }) {
    if (viewer.userId !== userId && viewer.role !== 'ADMIN')
      throw forbidden('You can only see your own addresses.');
    const page = pageRequest(args);
    const rows = await this.repo.listAddresses(userId, page.take, page.after);
    return toConnection(rows, page.size, (a) => [
      a.createdAt.toISOString(),
      a.id,
    ]) satisfies Connection<Address>;
  }

  private async ownAddress(viewer: Viewer, addressId: string): Promise<Address> {
    const address = await this.repo.findAddress(addressId);
    if (!address || address.archivedAt || address.userId !== viewer.userId) throw notFound('The address');
    return address;
  }
}
