import type { ClientAddress, TransactionClient } from '@mm/db';
import {
  badInput,
  decodeCursor,
  encodeCursor,
  forbidden,
  fromGlobalId,
  pageRequest,
  type Viewer,
} from '@mm/graphql-kit';
import { z } from 'zod';
import type { BookingContext } from '../../context.ts';
import type { ClientAddressesRepository } from '../addresses/addresses.repository.ts';
import { BookingError } from '../bookings/booking.errors.ts';
import { localDate, timeFields } from '../bookings/booking.fields.ts';
import { BASE_SEARCH_RADIUS_METERS, type CandidatesRepository } from '../dispatch/candidates.repository.ts';
import { DEFAULT_DISPATCH_POLICY } from '../dispatch/dispatch.policy.ts';
import { candidateRequirements } from '../dispatch/modifications.policy.ts';
import { quote } from '../pricing/pricing.policy.ts';
import type { PricingRepository } from '../pricing/pricing.repository.ts';
import type { SafetyService } from '../safety/safety.service.ts';
import { isIanaZone } from '../shared/timezone.ts';
import { BrowseError } from './browse.errors.ts';
import type { OutcomeSharesRepository } from './outcome-shares.repository.ts';
import { sortMatches, type TherapistMatch } from './search.policy.ts';

export const searchTherapistsArgs = z.object({
  addressId: z.string().min(1),
  timezone: z.string().refine((tz) => isIanaZone(tz), 'must be an IANA timezone'),
  startsAt: z.date(),
  durationMinutes: z.number().int(),
  modalities: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z_]{2,40}$/, 'must be a modality code'),
    )
    .min(1)
    .max(6)
    .nullish(),
  requestIntraOral: z.boolean().nullish(),
  genderPreference: z.enum(['ANY', 'FEMALE', 'MALE', 'NON_BINARY']).nullish(),
  sort: z.enum(['DISTANCE', 'OUTCOMES', 'RATING']).nullish(),
  first: z.number().int().nullish(),
  after: z.string().nullish(),
});

export interface TherapistSearchPage {
  edges: { cursor: string; node: TherapistMatch }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** The screening modifications every listed therapist would have to honour, in plain words. */
  modifications: string[];
}

/** The widest radius dispatch would ever search (its last batch's multiplier). */
const SEARCH_RADIUS_METERS =
  BASE_SEARCH_RADIUS_METERS * Math.max(...DEFAULT_DISPATCH_POLICY.radiusMultipliers);

export interface SearchDeps {
  ctx: BookingContext;
  pricing: PricingRepository;
  addresses: ClientAddressesRepository;
  safety: SafetyService;
  candidates: CandidatesRepository;
  shares: OutcomeSharesRepository;
}

/**
 * Browse before booking: the therapists dispatch could offer this booking to,
 * found by dispatch's own candidate query with the client's screening applied
 * exactly as a booking would be screened (stored nowhere), so the list never
 * shows someone the client could not book.
 */
export class TherapistSearch {
  constructor(private readonly d: SearchDeps) {}

  async search(viewer: Viewer, raw: unknown): Promise<TherapistSearchPage> {
    if (viewer.role !== 'CLIENT') throw forbidden('Only client accounts can search therapists to book.');
    const input = searchTherapistsArgs.parse(raw);
    const sort = input.sort ?? 'DISTANCE';
    const page = pageRequest(input);
    const offset = page.after ? offsetOf(input.after as string) : 0;
    const now = this.d.ctx.now();
    // The same timing rules as a request (TOO_SOON, TOO_FAR_AHEAD, INVALID_DURATION).
    const book = await this.d.pricing.activePriceBook(now);
    const q = quote(book, { ...input, bookedAt: now });
    const addressId = fromGlobalId('Address', input.addressId, 'addressId');
    const address = await this.d.addresses.findBookable(viewer.userId, addressId);
    if (!address) throw new BookingError('ADDRESS_NOT_FOUND', undefined, { addressId });
    const times = timeFields(input.startsAt, q.durationMinutes);
    const { matches, modifications } = await this.d.ctx.prisma.$transaction((tx) =>
      this.screenAndFind(tx, viewer.userId, input, address, times),
    );
    const sorted = sortMatches(matches, sort);
    const slice = sorted.slice(offset, offset + page.size);
    const edges = slice.map((node, i) => ({ cursor: encodeCursor([offset + i + 1]), node }));
    return {
      edges,
      pageInfo: { hasNextPage: sorted.length > offset + page.size, endCursor: edges.at(-1)?.cursor ?? null },
      modifications,
    };
  }

  /** The client's screening for that time (refused when it blocks booking), then dispatch's candidates. */
  private async screenAndFind(
    tx: TransactionClient,
    clientId: string,
    input: z.infer<typeof searchTherapistsArgs>,
    address: ClientAddress,
    times: ReturnType<typeof timeFields>,
  ): Promise<{ matches: TherapistMatch[]; modifications: string[] }> {
    const requestedIntraOral = input.requestIntraOral ?? false;
    const screening = await this.d.safety.previewForSearch(tx, {
      clientId,
      sessionStart: input.startsAt,
      requestedIntraOral,
    });
    if (screening.outcome === 'REFER' || screening.outcome === 'DEFER') {
      throw new BrowseError('SCREENING_BLOCKS_BOOKING', screening.guidance, {
        outcome: screening.outcome,
        guidance: screening.guidance,
        urgent: screening.urgent,
      });
    }
    const requirements = candidateRequirements({ requestedIntraOral, ...screening });
    const found = await this.d.candidates.search(
      {
        clientId,
        latitude: address.latitude,
        longitude: address.longitude,
        jurisdiction: address.jurisdiction,
        localDate: localDate({ startsAt: input.startsAt, timezone: input.timezone }),
        ...times,
        modalities: [...new Set([...(input.modalities ?? ['SWEDISH']), ...requirements.extraModalities])],
        requiresIntraOral: requirements.requiresIntraOral,
        genderPreference:
          input.genderPreference && input.genderPreference !== 'ANY' ? input.genderPreference : null,
        searchRadiusMeters: SEARCH_RADIUS_METERS,
        onlyTherapistId: null,
        excludedTherapistIds: [],
      },
      tx,
    );
    const shares = await this.d.shares.sharesOf(
      found.map((c) => c.therapistId),
      tx,
    );
    return {
      matches: found.map((c) => ({
        therapistId: c.therapistId,
        distanceMeters: c.distanceMeters,
        rating: c.stats.rating,
        responderRate: shares.get(c.therapistId) ?? null,
      })),
      modifications: screening.modifications.map((m) => m.text),
    };
  }
}

/** Cursors are positions in the sorted list: the list is recomputed (availability changes) on every call. */
function offsetOf(cursor: string): number {
  const [n] = decodeCursor(cursor);
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw badInput('The cursor is not valid; use endCursor from a previous page.', [
      { path: 'after', message: 'invalid cursor' },
    ]);
  }
  return n;
}
