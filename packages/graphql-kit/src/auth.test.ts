import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cachedGatewayAssertion,
  signAccessToken,
  verifyAccessToken,
  verifyGatewayAssertion,
} from './auth.ts';

const secret = 'an-assertion-secret-for-the-unit-test-0123456789';
const client = { userId: '0b6c4a1e-2a6f-4c55-9a4e-2f1d5a3b7c01', role: 'CLIENT' as const };
const admin = { userId: '7f0e8c2d-5b3a-4e1f-8d6c-9a2b1c3d4e5f', role: 'ADMIN' as const };

describe('cachedGatewayAssertion', () => {
  it('reuses one assertion per viewer for half its 60 s life, then signs a fresh one', () => {
    const t0 = 1_000_000;
    const first = cachedGatewayAssertion(client, secret, t0);
    expect(cachedGatewayAssertion(client, secret, t0 + 29_999)).toBe(first);
    const renewed = cachedGatewayAssertion(client, secret, t0 + 30_000);
    expect(cachedGatewayAssertion(client, secret, t0 + 30_001)).toBe(renewed);
    expect(verifyGatewayAssertion(renewed, secret)).toEqual(client);
  });

  it('never hands one viewer’s assertion to another, to anonymous, or under another secret', () => {
    const t0 = 2_000_000;
    const forClient = cachedGatewayAssertion(client, secret, t0);
    const forAdmin = cachedGatewayAssertion(admin, secret, t0);
    const anonymous = cachedGatewayAssertion(null, secret, t0);
    const sameRoleOtherAccount = cachedGatewayAssertion({ ...admin, role: 'CLIENT' }, secret, t0);
    expect(verifyGatewayAssertion(forClient, secret)).toEqual(client);
    expect(verifyGatewayAssertion(forAdmin, secret)).toEqual(admin);
    expect(verifyGatewayAssertion(anonymous, secret)).toBeNull();
    expect(verifyGatewayAssertion(sameRoleOtherAccount, secret)).toEqual({ ...admin, role: 'CLIENT' });
    const otherSecret = `${secret}-rotated`;
    const rotated = cachedGatewayAssertion(client, otherSecret, t0);
    expect(() => verifyGatewayAssertion(rotated, secret)).toThrow(/not valid/);
    expect(verifyGatewayAssertion(rotated, otherSecret)).toEqual(client);
  });
});

describe('verifyAccessToken with its cache of verified tokens', () => {
  it('answers a repeated token the same, and still refuses a forged or foreign one', () => {
    const token = signAccessToken({ ...client, sessionId: 's1' }, secret, 900);
    expect(verifyAccessToken(token, secret)).toEqual({ ...client, sessionId: 's1' });
    expect(verifyAccessToken(token, secret)).toEqual({ ...client, sessionId: 's1' });
    const [header, payload] = token.split('.');
    expect(() => verifyAccessToken(`${header}.${payload}.forged`, secret)).toThrow(/not valid/);
    // The cache is per secret: the same token under another secret is checked, and refused.
    expect(() => verifyAccessToken(token, `${secret}-other`)).toThrow(/not valid/);
  });
});

describe('verified tokens are kept by their text, never past their exp', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a token once it expired, though it was verified (and kept) before', () => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00.000Z'), toFake: ['Date'] });
    const token = signAccessToken(client, secret, 2);
    expect(verifyAccessToken(token, secret)).toEqual(client);
    vi.setSystemTime(new Date('2030-01-01T00:00:01.500Z'));
    expect(verifyAccessToken(token, secret)).toEqual(client);
    vi.setSystemTime(new Date('2030-01-01T00:00:02.500Z'));
    expect(() => verifyAccessToken(token, secret)).toThrow(/expired/);
  });

  it('refuses an assertion once it expired (60 s), though it was verified before', () => {
    vi.useFakeTimers({ now: new Date('2030-02-01T00:00:00.000Z'), toFake: ['Date'] });
    const assertion = cachedGatewayAssertion(admin, `${secret}-exp`);
    expect(verifyGatewayAssertion(assertion, `${secret}-exp`)).toEqual(admin);
    vi.setSystemTime(new Date('2030-02-01T00:01:00.500Z'));
    expect(() => verifyGatewayAssertion(assertion, `${secret}-exp`)).toThrow(/not valid/);
  });
});
