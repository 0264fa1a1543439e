import { fromGlobalId, toGlobalId } from '@mm/graphql-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, signUp, startStack, type TestUser } from '../harness/index.ts';

let stack: Stack;
let client: TestUser;
beforeAll(async () => {
  stack = await startStack({ subgraphs: ['identity'] });
  client = await signUp(stack, 'CLIENT');
});
afterAll(() => stack.close());

const ADD = `mutation($input: AddAddressInput!) { addAddress(input: $input) {
  address { id jurisdiction latitude longitude isDefault accessNotes { parking pets stairs entry } } } }`;
const ADDRESSES = `query($first: Int, $after: String) { me { addresses(first: $first, after: $after) {
  edges { cursor node { id label } } pageInfo { hasNextPage endCursor } } } }`;

const home = {
  label: 'Home',
  line1: '350 W 42nd St',
  city: 'New York',
  region: 'NY',
  postalCode: '10036',
  country: 'US',
  accessNotes: {
    parking: 'Garage on 41st',
    pets: 'A friendly cat',
    stairs: '3rd floor walk-up',
    entry: 'Buzz 3B',
  },
};

describe('client profile', () => {
  it('updates name, phone, timezone and date of birth', async () => {
    const res = await stack.gql<{ updateProfile: { profile: Record<string, string> } }>(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { profile { fullName phone timezone dateOfBirth } } }`,
      {
        input: {
          fullName: 'Ada Client',
          phone: '+12125550100',
          timezone: 'America/Chicago',
          dateOfBirth: '1980-04-02',
        },
      },
      { token: client.accessToken },
    );
    expect(res.data?.updateProfile.profile).toEqual({
      fullName: 'Ada Client',
      phone: '+12125550100',
      timezone: 'America/Chicago',
      dateOfBirth: '1980-04-02',
    });
  });

  it('refuses a phone number that is not in international format', async () => {
    const res = await stack.gql(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { profile { phone } } }`,
      {
        input: { phone: '555-0100' },
      },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'phone', message: expect.stringContaining('+1212') },
    ]);
  });
});

describe('addresses', () => {
  it('geocodes a new address, derives its jurisdiction and keeps access notes', async () => {
    const res = await stack.gql<{ addAddress: { address: Record<string, unknown> } }>(
      ADD,
      { input: home },
      { token: client.accessToken },
    );
    const address = res.data?.addAddress.address;
    expect(address?.jurisdiction).toBe('US-NY');
    // The 10036 centroid in the `zipcodes` data package.
    expect(address?.latitude).toBeCloseTo(40.7597, 3);
    expect(address?.longitude).toBeCloseTo(-73.9918, 3);
    expect(address?.isDefault).toBe(true); // the first address becomes the default
    expect(address?.accessNotes).toEqual(home.accessNotes);
  });

  it('refuses an address it cannot locate, and saves nothing', async () => {
    const before = await stack.prisma.address.count();
    const res = await stack.gql(
      ADD,
      { input: { ...home, postalCode: '99999' } },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_GEOCODABLE');
    expect(res.errors?.[0]?.message).toContain('99999');
    expect(await stack.prisma.address.count()).toBe(before);
  });

  it('accepts coordinates from the app, but the jurisdiction comes from the postal code', async () => {
    const office = { ...home, label: 'Office', city: 'Jersey City', latitude: 40.72, longitude: -74.04 };
    const res = await stack.gql<{ addAddress: { address: { latitude: number; jurisdiction: string } } }>(
      ADD,
      { input: { ...office, postalCode: '07302', region: 'NJ' } },
      { token: client.accessToken },
    );
    expect(res.data?.addAddress.address).toMatchObject({ latitude: 40.72, jurisdiction: 'US-NJ' });
    // A pin does not make an unknown postal code placeable, nor a request's region the jurisdiction.
    const unknown = await stack.gql(
      ADD,
      { input: { ...office, postalCode: '99999', region: 'NJ' } },
      { token: client.accessToken },
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_GEOCODABLE');
    const claimed = await stack.gql(
      ADD,
      { input: { ...office, postalCode: '10036', region: 'NJ' } },
      { token: client.accessToken },
    );
    expect(claimed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(claimed.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'region', message: expect.stringContaining('NY') },
    ]);
  });

  it('pages addresses with opaque cursors', async () => {
    for (const label of ['A', 'B', 'C']) {
      await stack.gql(ADD, { input: { ...home, label } }, { token: client.accessToken });
    }
    type Page = {
      me: {
        addresses: {
          edges: { node: { label: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const first = await stack.gql<Page>(ADDRESSES, { first: 2 }, { token: client.accessToken });
    const p1 = first.data!.me.addresses;
    expect(p1.edges.map((e) => e.node.label)).toEqual(['C', 'B']);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const second = await stack.gql<Page>(
      ADDRESSES,
      { first: 2, after: p1.pageInfo.endCursor },
      { token: client.accessToken },
    );
    expect(second.data!.me.addresses.edges.map((e) => e.node.label)).toEqual(['A', 'Office']);

    const bad = await stack.gql(ADDRESSES, { first: 2, after: 'garbage' }, { token: client.accessToken });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await stack.gql(ADDRESSES, { first: 1000 }, { token: client.accessToken });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('places addresses anywhere in the US, with the time zone of the postal code', async () => {
    const places = [
      { city: 'San Francisco', region: 'CA', postalCode: '94103', zone: 'America/Los_Angeles' },
      { city: 'Anchorage', region: 'AK', postalCode: '99501', zone: 'America/Anchorage' },
      { city: 'Honolulu', region: 'HI', postalCode: '96813', zone: 'Pacific/Honolulu' },
      { city: 'Chicago', region: 'IL', postalCode: '60601', zone: 'America/Chicago' },
    ];
    const traveller = await signUp(stack, 'CLIENT');
    for (const p of places) {
      const res = await stack.gql<{ addAddress: { address: { id: string; jurisdiction: string } } }>(
        ADD,
        { input: { ...home, label: p.city, city: p.city, region: p.region, postalCode: p.postalCode } },
        { token: traveller.accessToken },
      );
      expect(res.data?.addAddress.address.jurisdiction, res.raw).toBe(`US-${p.region}`);
      const row = await stack.prisma.address.findUniqueOrThrow({
        where: { id: fromGlobalId('Address', res.data!.addAddress.address.id) },
      });
      expect(row.timezone).toBe(p.zone);
    }
  });

  it('never lets another account change or remove someone else’s address', async () => {
    const res = await stack.gql<{ addAddress: { address: { id: string } } }>(
      ADD,
      { input: home },
      { token: client.accessToken },
    );
    const id = res.data!.addAddress.address.id;
    const intruder = await signUp(stack, 'CLIENT');
    const remove = await stack.gql(
      `mutation($input: RemoveAddressInput!) { removeAddress(input: $input) { removedAddressId } }`,
      {
        input: { addressId: id },
      },
      { token: intruder.accessToken },
    );
    expect(remove.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const notes = await stack.gql(
      `mutation($input: UpdateAccessNotesInput!) { updateAccessNotes(input: $input) { address { id } } }`,
      {
        input: { addressId: id, accessNotes: { entry: 'changed' } },
      },
      { token: intruder.accessToken },
    );
    expect(notes.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const row = await stack.prisma.address.findFirstOrThrow({
      where: { archivedAt: null, label: 'Home', entry: 'Buzz 3B' },
    });
    expect(row.archivedAt).toBeNull();
  });

  it('tells booking of each saved and archived address: exactly one address.saved per change, in its transaction', async () => {
    const owner = await signUp(stack, 'CLIENT');
    const events = (addressId: string) =>
      stack.prisma.outboxEvent.findMany({
        where: { aggregateId: addressId, type: 'address.saved' },
        orderBy: { occurredAt: 'asc' },
      });
    const before = await stack.prisma.outboxEvent.count({ where: { type: 'address.saved' } });
    const refused = await stack.gql(
      ADD,
      { input: { ...home, postalCode: '99999' } },
      { token: owner.accessToken },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('ADDRESS_NOT_GEOCODABLE');
    expect(await stack.prisma.outboxEvent.count({ where: { type: 'address.saved' } })).toBe(before);

    const res = await stack.gql<{ addAddress: { address: { id: string } } }>(
      ADD,
      {
        input: {
          ...home,
          city: 'Jersey City',
          region: 'NJ',
          postalCode: '07302',
          latitude: 40.7178,
          longitude: -74.0431,
        },
      },
      { token: owner.accessToken },
    );
    const globalId = res.data!.addAddress.address.id;
    const row = await stack.prisma.address.findFirstOrThrow({
      where: { userId: fromGlobalId('User', owner.id) },
    });
    expect(toGlobalId('Address', row.id)).toBe(globalId);
    const saved = {
      addressId: row.id,
      userId: row.userId,
      latitude: 40.7178,
      longitude: -74.0431,
      jurisdiction: 'US-NJ',
      timezone: 'America/New_York',
    };
    const created = await events(row.id);
    expect(created.map((e) => [e.aggregateType, e.payload])).toEqual([
      ['Address', { ...saved, archived: false }],
    ]);

    // Editing access notes changes nothing booking relies on: no event.
    const notes = await stack.gql(
      `mutation($input: UpdateAccessNotesInput!) { updateAccessNotes(input: $input) { address { id } } }`,
      { input: { addressId: globalId, accessNotes: { entry: 'Code 1234' } } },
      { token: owner.accessToken },
    );
    expect(notes.errors).toBeUndefined();
    expect(await events(row.id)).toHaveLength(1);

    const REMOVE = `mutation($input: RemoveAddressInput!) { removeAddress(input: $input) { removedAddressId } }`;
    const removed = await stack.gql(REMOVE, { input: { addressId: globalId } }, { token: owner.accessToken });
    expect(removed.errors).toBeUndefined();
    const archived = await stack.prisma.address.findUniqueOrThrow({ where: { id: row.id } });
    expect(archived.archivedAt).not.toBeNull();
    const after = await events(row.id);
    expect(after.map((e) => e.payload)).toEqual([
      { ...saved, archived: false },
      { ...saved, archived: true },
    ]);

    // Removing it again is refused and announces nothing.
    const again = await stack.gql(REMOVE, { input: { addressId: globalId } }, { token: owner.accessToken });
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await events(row.id)).toHaveLength(2);
  });

  it('refuses an ID of the wrong type', async () => {
    const res = await stack.gql(
      `mutation($input: RemoveAddressInput!) { removeAddress(input: $input) { removedAddressId } }`,
      {
        input: { addressId: client.id },
      },
      { token: client.accessToken },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe('addressId is not a valid Address ID.');
  });
});
