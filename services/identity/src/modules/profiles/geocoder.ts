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
  source: string;
}

/** A geocoding provider (Mapbox, Google…) plugs in here; the default needs no network. */
export interface Geocoder {
  geocode(query: GeocodeQuery): Promise<GeocodeResult | null>;
}

// Postal-code centroids for the launch area (New York City and Jersey City).
// Good to a few hundred metres, which is what matching needs.
const CENTROIDS: Record<string, [number, number]> = {
  'US-10001': [40.7506, -73.9972],
  'US-10002': [40.7157, -73.9863],
  'US-10003': [40.7317, -73.9891],
  'US-10009': [40.7264, -73.9787],
  'US-10010': [40.739, -73.9826],
  'US-10011': [40.7419, -74.0002],
  'US-10012': [40.7258, -73.9981],
  'US-10013': [40.7201, -74.0049],
  'US-10014': [40.7341, -74.0065],
  'US-10016': [40.7452, -73.9781],
  'US-10017': [40.7524, -73.9726],
  'US-10018': [40.7552, -73.9932],
  'US-10019': [40.7657, -73.9855],
  'US-10021': [40.7693, -73.9588],
  'US-10022': [40.7584, -73.968],
  'US-10023': [40.7764, -73.9827],
  'US-10024': [40.7863, -73.9767],
  'US-10025': [40.799, -73.968],
  'US-10028': [40.7762, -73.9534],
  'US-10036': [40.7596, -73.9897],
  'US-11101': [40.7447, -73.9485],
  'US-11201': [40.695, -73.9896],
  'US-11211': [40.7123, -73.9535],
  'US-11215': [40.6671, -73.9864],
  'US-11217': [40.6822, -73.979],
  'US-11238': [40.6794, -73.9636],
  'US-07302': [40.7196, -74.0466],
  'US-07310': [40.7282, -74.0321],
};

export class GazetteerGeocoder implements Geocoder {
  async geocode(q: GeocodeQuery): Promise<GeocodeResult | null> {
    const hit = CENTROIDS[`${q.country.toUpperCase()}-${q.postalCode.trim().slice(0, 5)}`];
    return hit ? { latitude: hit[0], longitude: hit[1], source: 'gazetteer' } : null;
  }
}
