import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

test('defaults: port 4000, embedded database in ./.landports-data, migrate and seed on start', () => {
  const c = loadConfig({});
  expect(c).toMatchObject({ port: 4000, databaseUrl: null, dbPoolSize: 8, migrateOnStart: true, seedOnStart: true, logLevel: 'info' });
  expect(c.dataDir).toBe(path.resolve('.landports-data'));
  expect(Object.isFrozen(c)).toBe(true);
});

test.each([
  [{ PORT: 'abc' }, 'configuration: PORT must be a whole number, got "abc"'],
  [{ PORT: '70000' }, 'configuration: PORT must be between 0 and 65535, got 70000'],
  [{ DATABASE_URL: 'mysql://x' }, 'configuration: DATABASE_URL must start with postgres:// or postgresql://'],
  [{ SEED_ON_START: 'maybe' }, 'configuration: SEED_ON_START must be true or false (or 1/0, yes/no, on/off), got "maybe"'],
  [{ LOG_LEVEL: 'loud' }, 'configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
  [{ MAX_QUERY_DEPTH: 'deep' }, 'configuration: MAX_QUERY_DEPTH must be a whole number, got "deep"'],
  [{ MAX_BATCH_SIZE: '0' }, 'configuration: MAX_BATCH_SIZE must be between 1 and 1000, got 0'],
  [{ REDIS_URL: 'http://cache' }, 'configuration: REDIS_URL must start with redis:// or rediss://'],
  [{ JWT_SECRET: 'short' }, 'configuration: JWT_SECRET must be at least 32 characters'],
  [{ JWT_PUBLIC_KEY: 'not a key' }, 'configuration: JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)'],
])('%p is refused with a message naming the variable', (env, message) => {
  expect(() => loadConfig(env)).toThrow(new ConfigError('', '').constructor as typeof ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});

test('CORS_ORIGINS: a comma-separated list of origins, lower-cased; a path or a bare host is refused', () => {
  expect(loadConfig({ CORS_ORIGINS: ' https://App.example.org , http://localhost:5173,' }).corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
  expect(loadConfig({}).corsOrigins).toEqual([]);
  expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.org/' })).toThrow('configuration: CORS_ORIGINS must list origins like https://app.example.org (no path, no trailing slash), got "https://app.example.org/"');
  expect(() => loadConfig({ CORS_ORIGINS: 'app.example.org' })).toThrow('CORS_ORIGINS must list origins');
});

test('INTROSPECTION: on outside production, off in production unless set', () => {
  expect(loadConfig({}).introspection).toBe(true);
  expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
  expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'on' }).introspection).toBe(true);
  expect(() => loadConfig({ INTROSPECTION: 'sometimes' })).toThrow('configuration: INTROSPECTION must be true or false (or 1/0, yes/no, on/off), got "sometimes"');
});

test('serving defaults: limits, no Redis, no JWT key, 300 s cache hints', () => {
  const c = loadConfig({});
  expect(c.limits).toEqual({ maxDepth: 10, maxAliases: 30, maxCost: 10000, maxPageSize: 500, assumedListSize: 10, maxBatchSize: 1, maxDocumentBytes: 16384, maxBodyBytes: 2097152 });
  expect(c).toMatchObject({ redisUrl: null, redisKeyPrefix: 'landports:', cacheMaxAgeSeconds: 300, shutdownGraceMs: 10000, auth: { jwtSecret: null, jwtPublicKey: null } });
});
