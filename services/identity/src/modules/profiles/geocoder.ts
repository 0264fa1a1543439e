import { LRUCache } from 'lru-cache';
import type NodeGeocoder from 'node-geocoder';

// The data packages and the HTTP client load on first use: they cost a
// second or more of a restart, which must stay short (kill -9 recovery).
let postalData: Promise<[typeof import('zipcodes'), typeof import('zipcode-to-timezone')]> | undefined;
const loadPostalData = () =>
  (postalData ??= Promise.all([
    import('zipcodes').then((m) => m.default),
    import('zipcode-to-timezone').then((m) => m.default),
  ]));

export interface GeocodeQuery {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface GeocodeResult {
  latitude: number;
  longitude: number;
  /** ISO 3166-2 subdivision of the postal code (e.g. US-NY): licensing eligibility follows it. */
  jurisdiction: string;
  /** IANA time zone of the postal code, when known. */
  timeZone: string | null;
  source: string;
}

/** Places an address; null when it cannot be placed. */
export interface Geocoder {
  geocode(query: GeocodeQuery): Promise<GeocodeResult | null>;
}

const usZip = (q: GeocodeQuery) =>
  q.country.toUpperCase() === 'US' ? /^\d{5}/.exec(q.postalCode.trim())?.[0] : undefined;

/**
 * The embedded default, offline: every US postal code's centroid and state
 * from the `zipcodes` data package, its time zone from `zipcode-to-timezone`.
 * Good to a few kilometres, which matching by travel radius needs.
 */
export class PostalCodeGazetteer implements Geocoder {
  async geocode(q: GeocodeQuery): Promise<GeocodeResult | null> {
    const zip = usZip(q);
    if (!zip) return null;
    const [zipcodes, zipToTimeZone] = await loadPostalData();
    const hit = zipcodes.lookup(zip);
    if (!hit) return null;
    return {
      latitude: hit.latitude,
      longitude: hit.longitude,
      jurisdiction: `US-${hit.state}`,
      timeZone: zipToTimeZone.lookup(zip) ?? null,
      source: 'gazetteer',
    };
  }
}

export interface HttpGeocoderOptions {
  /** A node-geocoder provider: openstreetmap (Nominatim), mapbox, google… */
  provider: string;
  /** The provider's server (e.g. your own Nominatim); default: the provider's public one. */
  url?: string;
  apiKey?: string;
}

/**
 * Street-level coordinates from a geocoding service over HTTP (node-geocoder).
 * The jurisdiction and time zone still come from the postal code, so a
 * provider's spelling of a state can never decide licensing.
 */
export class HttpGeocoder implements Geocoder {
  private client: Promise<NodeGeocoder.Geocoder> | undefined;

  constructor(
    private readonly opts: HttpGeocoderOptions,
    private readonly postalCodes: Geocoder = new PostalCodeGazetteer(),
  ) {}

  private http(): Promise<NodeGeocoder.Geocoder> {
    const { provider, url, apiKey } = this.opts;
    this.client ??= import('node-geocoder').then(({ default: NodeGeocoder }) =>
      NodeGeocoder({
        provider: provider as 'openstreetmap',
        ...(url ? { osmServer: url } : {}),
        ...(apiKey ? { apiKey } : {}),
      } as NodeGeocoder.Options),
    );
    return this.client;
  }

  async geocode(q: GeocodeQuery): Promise<GeocodeResult | null> {
    const area = await this.postalCodes.geocode(q);
    if (!area) return null;
    const [hit] = await (await this.http()).geocode({
      address: `${q.line1}, ${q.city}, ${q.region} ${q.postalCode}`,
      countrycode: q.country.toLowerCase(),
      limit: 1,
    } as NodeGeocoder.Query);
    // Nothing street-level (or another country): the postal code's centroid will do.
    if (
      !hit?.latitude ||
      !hit.longitude ||
      (hit.countryCode && hit.countryCode.toUpperCase() !== q.country.toUpperCase())
    ) {
      return area;
    }
    return { ...area, latitude: hit.latitude, longitude: hit.longitude, source: 'http' };
  }
}

/** Remembers answers (not failures) so the same address is looked up once. */
export class CachedGeocoder implements Geocoder {
  private readonly cache: LRUCache<string, GeocodeResult>;

  constructor(
    private readonly inner: Geocoder,
    options: { max?: number; ttlMs?: number } = {},
  ) {
    this.cache = new LRUCache({ max: options.max ?? 10_000, ttl: options.ttlMs ?? 24 * 3600_000 });
  }

  async geocode(q: GeocodeQuery): Promise<GeocodeResult | null> {
    const key = [q.line1, q.city, q.region, q.postalCode, q.country]
      .map((p) => p.trim().toUpperCase())
      .join('|');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = await this.inner.geocode(q);
    if (result) this.cache.set(key, result);
    return result;
  }
}

/** GEOCODER=gazetteer (default, offline) or a node-geocoder provider name with GEOCODER_URL / GEOCODER_API_KEY. */
export function geocoderFor(config: {
  GEOCODER: string;
  GEOCODER_URL?: string | undefined;
  GEOCODER_API_KEY?: string | undefined;
}): Geocoder {
  if (config.GEOCODER === 'gazetteer') return new PostalCodeGazetteer();
  return new CachedGeocoder(
    new HttpGeocoder({
      provider: config.GEOCODER,
      ...(config.GEOCODER_URL ? { url: config.GEOCODER_URL } : {}),
      ...(config.GEOCODER_API_KEY ? { apiKey: config.GEOCODER_API_KEY } : {}),
    }),
  );
}
