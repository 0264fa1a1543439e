import { createServer } from 'node:http';
import {
  CachedGeocoder,
  type GeocodeQuery,
  HttpGeocoder,
  PostalCodeGazetteer,
} from '@mm/identity/src/modules/profiles/geocoder.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A Nominatim-shaped server on loopback stands in for OpenStreetMap: tests never reach the network.
const requests: URL[] = [];
let answer: unknown[] = [];
const nominatim = createServer((req, res) => {
  requests.push(new URL(req.url ?? '/', 'http://x'));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => nominatim.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(nominatim.address() as { port: number }).port}`;
});
afterAll(() => nominatim.close());

const chicago: GeocodeQuery = {
  line1: '233 S Wacker Dr',
  city: 'Chicago',
  region: 'IL',
  postalCode: '60606',
  country: 'US',
};

describe('PostalCodeGazetteer (the offline default)', () => {
  it('places any US postal code with its state and time zone, ZIP+4 too', async () => {
    const gazetteer = new PostalCodeGazetteer();
    expect(await gazetteer.geocode({ ...chicago, postalCode: '60606-6306' })).toMatchObject({
      jurisdiction: 'US-IL',
      timeZone: 'America/Chicago',
      source: 'gazetteer',
    });
    expect(await gazetteer.geocode({ ...chicago, postalCode: '99999' })).toBeNull();
    expect(await gazetteer.geocode({ ...chicago, country: 'CA', postalCode: 'M5V 2T6' })).toBeNull();
  });
});

describe('HttpGeocoder (node-geocoder, Nominatim)', () => {
  it("takes the provider's street-level point, and the jurisdiction and zone from the postal code", async () => {
    answer = [
      {
        lat: '41.8789',
        lon: '-87.6359',
        display_name: 'Willis Tower',
        address: { country_code: 'us', state: 'Illinois' },
      },
    ];
    const geocoder = new HttpGeocoder({ provider: 'openstreetmap', url });
    const hit = await geocoder.geocode(chicago);
    expect(hit).toEqual({
      latitude: 41.8789,
      longitude: -87.6359,
      jurisdiction: 'US-IL',
      timeZone: 'America/Chicago',
      source: 'http',
    });
    expect(requests.at(-1)?.pathname).toBe('/search');
    expect([...(requests.at(-1)?.searchParams.values() ?? [])].join(' ')).toContain('233 S Wacker Dr');
  });

  it('falls back to the postal code centroid when the provider finds nothing, and refuses an unknown postal code', async () => {
    answer = [];
    const geocoder = new HttpGeocoder({ provider: 'openstreetmap', url });
    expect(await geocoder.geocode(chicago)).toMatchObject({ jurisdiction: 'US-IL', source: 'gazetteer' });
    const before = requests.length;
    expect(await geocoder.geocode({ ...chicago, postalCode: '99999' })).toBeNull();
    expect(requests.length).toBe(before);
  });
});

describe('CachedGeocoder', () => {
  it('asks the provider once per address, and again after a miss', async () => {
    answer = [{ lat: '41.88', lon: '-87.63', address: { country_code: 'us' } }];
    const geocoder = new CachedGeocoder(new HttpGeocoder({ provider: 'openstreetmap', url }));
    const before = requests.length;
    const [a, b] = await Promise.all([
      geocoder.geocode(chicago),
      geocoder.geocode({ ...chicago, city: ' chicago ' }),
    ]);
    const c = await geocoder.geocode(chicago);
    expect(a).toEqual(c);
    expect(b).toEqual(c);
    expect(requests.length - before).toBeLessThanOrEqual(2);
    await geocoder.geocode(chicago);
    expect(requests.length - before).toBeLessThanOrEqual(2);
    expect(await geocoder.geocode({ ...chicago, postalCode: '99999' })).toBeNull();
  });
});
