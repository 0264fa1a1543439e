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
    expect(address?.latitude).toBeCloseTo(40.7596, 3);
    expect(address?.longitude).toBeCloseTo(-73.9897, 3);
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

  it('accepts coordinates from the app when both are given', async () => {
    const res = await stack.gql<{ addAddress: { address: { latitude: number; jurisdiction: string } } }>(
      ADD,
      {
        input: {
          ...home,
          label: 'Office',
          postalCode: '99999',
          region: 'NJ',
          latitude: 40.72,
          longitude: -74.04,
        },
      },
      { token: client.accessToken },
    );
    expect(res.data?.addAddress.address).toMatchObject({ latitude: 40.72, jurisdiction: 'US-NJ' });
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
      { input: { ...home, region: 'NJ', latitude: 40.7178, longitude: -74.0431 } },
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
      timezone: null,
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
