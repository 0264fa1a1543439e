import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

describe('loadConfig', () => {
  it('fills development defaults so a fresh clone starts', () => {
    const config = loadConfig({});
    expect(config.GATEWAY_PORT).toBe(4000);
    expect(config.DATABASE_URL).toContain('postgresql://');
    expect(config.NODE_ENV).toBe('development');
  });

  it('names every bad variable in one readable error', () => {
    let error: unknown;
    try {
      loadConfig({ GATEWAY_PORT: 'eighty', REDIS_URL: 'not a url', JWT_SECRET: 'short' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
    expect(problems).toEqual(['GATEWAY_PORT', 'JWT_SECRET', 'REDIS_URL']);
    expect((error as ConfigError).message).toMatch(/JWT_SECRET: at least 32 characters/);
  });

  it('refuses development secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
  });

  it('accepts a rotated key ring for health data', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ HEALTH_DATA_KEYS: `k2:${key},k1:${key}` }).HEALTH_DATA_KEYS).toContain('k2:');
    expect(() => loadConfig({ HEALTH_DATA_KEYS: 'k1:tooshort' })).toThrow(/HEALTH_DATA_KEYS/);
  });

  it('reads TRUST_PROXY as none, a hop count or a list of addresses and CIDRs', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('reads CORS_ORIGINS as a list of URLs', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(loadConfig({ CORS_ORIGINS: '' }).CORS_ORIGINS).toEqual([]);
    expect(() => loadConfig({ CORS_ORIGINS: 'not an origin' })).toThrow(/CORS_ORIGINS/);
  });
});
