/**
 * The only reader of process.env. Every setting is read, validated and frozen here, once.
 * Errors: {@link ConfigError} names the variable and why its value is refused.
 */
import path from 'node:path';

/** A setting from the environment was refused. */
export class ConfigError extends Error {
  constructor(variable: string, reason: string) {
    super(`configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Validated, frozen configuration. */
export interface Config {
  /** `production` turns off the Sandbox landing page. From NODE_ENV. */
  readonly nodeEnv: string;
  /** HTTP port (PORT, default 4000). */
  readonly port: number;
  /** HTTP bind host (HOST, default 0.0.0.0). */
  readonly host: string;
  /** PostgreSQL URL (DATABASE_URL). Null means: start the embedded database. */
  readonly databaseUrl: string | null;
  /** Folder of the embedded database (LANDPORTS_DATA_DIR, default ./.landports-data). */
  readonly dataDir: string;
  /** pg pool size (DB_POOL_SIZE, default 8); the embedded server admits as many connections. */
  readonly dbPoolSize: number;
  /** Run pending migrations at start (MIGRATE_ON_START, default true). */
  readonly migrateOnStart: boolean;
  /** Load the shipped real data when the database holds no observation (SEED_ON_START, default true). */
  readonly seedOnStart: boolean;
  /** Folder of the shipped data files (LANDPORTS_SHIPPED_DATA, default ./data). */
  readonly shippedDataDir: string;
  /** pino level (LOG_LEVEL, default info). */
  readonly logLevel: string;
  /** Front-end origins admitted by CORS besides Apollo Studio's Sandbox (CORS_ORIGINS, comma-separated, default none). */
  readonly corsOrigins: readonly string[];
  /** Schema introspection (INTROSPECTION; default on outside production, off in production). */
  readonly introspection: boolean;
  /** Folder of the built dashboard served at / (LANDPORTS_DASHBOARD_DIR, default ./web/dist). */
  readonly dashboardDir: string;
  /** Port totals read the yearly rollup that the import refreshes (TOTALS_FROM_ROLLUP, default true); false: the observations. */
  readonly totalsFromRollup: boolean;
  /**
   * Serve the port table from memory, kept fresh by LISTEN/NOTIFY (REFERENCE_CACHE, default true;
   * only with DATABASE_URL). Turn it off behind a pooler in transaction mode, which does not deliver notifications.
   */
  readonly referenceCache: boolean;
  /** How long a new pool connection may take before the request fails as UNAVAILABLE (DB_CONNECT_TIMEOUT_MS, default 2000). */
  readonly dbConnectTimeoutMs: number;
  /** Longest a statement may run before PostgreSQL cancels it (DB_STATEMENT_TIMEOUT_MS, default 30000; 0: no limit). */
  readonly dbStatementTimeoutMs: number;
  /**
   * Prepare the serving statements under names and plan them generically (DB_PREPARED_STATEMENTS,
   * default true; only with DATABASE_URL: src/db/data-source.ts PoolOptions). Turn it off behind a
   * pooler in transaction mode that does not track prepared statements (PgBouncer before 1.21, or
   * without max_prepared_statements) or refuses the `options` startup parameter.
   */
  readonly dbPreparedStatements: boolean;
  /** Abuse limits, all enforced before any SQL runs. */
  readonly limits: Limits;
  /** Who may write (the importObservations mutation). */
  readonly auth: AuthConfig;
  /** Redis for the automatic-persisted-query cache shared by replicas (REDIS_URL); null: an in-memory cache per process. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis key Landports writes (REDIS_KEY_PREFIX, default `landports:`). */
  readonly redisKeyPrefix: string;
  /** Cache-Control max-age, in seconds, of published statistics (CACHE_MAX_AGE_S, default 300; 0 turns hints off). */
  readonly cacheMaxAgeSeconds: number;
  /** Longest, in ms, SIGTERM waits for requests in flight before closing their connections (SHUTDOWN_GRACE_MS, default 10000). */
  readonly shutdownGraceMs: number;
}

/** Abuse limits; the defaults admit every operation of the README and of test/operations. */
export interface Limits {
  /** Deepest field nesting, counted through fragments (MAX_QUERY_DEPTH, default 10). */
  readonly maxDepth: number;
  /** Most aliases in one operation (MAX_ALIASES, default 30). */
  readonly maxAliases: number;
  /** Highest estimated cost of one operation (MAX_QUERY_COST, default 10000): see src/http/limits.ts for the estimate. */
  readonly maxCost: number;
  /** Largest `first`/`last` page size a list argument may ask for (MAX_PAGE_SIZE, default 500). */
  readonly maxPageSize: number;
  /** Rows a list without a page-size argument is assumed to return in the cost estimate (COST_LIST_SIZE, default 10). */
  readonly assumedListSize: number;
  /** Operations one batched HTTP request may hold (MAX_BATCH_SIZE, default 1: batching refused). */
  readonly maxBatchSize: number;
  /** Longest GraphQL document, in bytes (MAX_DOCUMENT_BYTES, default 16384). */
  readonly maxDocumentBytes: number;
  /** Largest HTTP request body, in bytes (MAX_BODY_BYTES, default 2097152: room for an import of a few thousand rows). */
  readonly maxBodyBytes: number;
}

/** How callers of the write mutation are authenticated. API keys live hashed in the api_key table. */
export interface AuthConfig {
  /** HS256 secret for JWTs (JWT_SECRET, at least 32 characters); null: no HS256 tokens. */
  readonly jwtSecret: string | null;
  /** PEM public key (SPKI) for RS256/ES256/EdDSA JWTs (JWT_PUBLIC_KEY); null: none. */
  readonly jwtPublicKey: string | null;
  /** Required `iss` claim (JWT_ISSUER); null: not checked. */
  readonly jwtIssuer: string | null;
  /** Required `aud` claim (JWT_AUDIENCE); null: not checked. */
  readonly jwtAudience: string | null;
}

/** Every environment variable loadConfig reads (docker-compose.yml and the README are checked against it). */
export const CONFIG_VARIABLES = [
  'DATABASE_URL', 'PORT', 'HOST', 'NODE_ENV', 'LANDPORTS_DATA_DIR', 'DB_POOL_SIZE', 'MIGRATE_ON_START', 'SEED_ON_START',
  'LANDPORTS_SHIPPED_DATA', 'LOG_LEVEL', 'CORS_ORIGINS', 'INTROSPECTION', 'LANDPORTS_DASHBOARD_DIR', 'TOTALS_FROM_ROLLUP',
  'DB_CONNECT_TIMEOUT_MS', 'DB_STATEMENT_TIMEOUT_MS', 'MAX_QUERY_DEPTH', 'MAX_ALIASES', 'MAX_QUERY_COST', 'MAX_PAGE_SIZE', 'COST_LIST_SIZE',
  'MAX_BATCH_SIZE', 'MAX_DOCUMENT_BYTES', 'MAX_BODY_BYTES', 'JWT_SECRET', 'JWT_PUBLIC_KEY', 'JWT_ISSUER', 'JWT_AUDIENCE', 'REDIS_URL',
  'REDIS_KEY_PREFIX', 'CACHE_MAX_AGE_S', 'SHUTDOWN_GRACE_MS', 'REFERENCE_CACHE', 'DB_PREPARED_STATEMENTS',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false (or 1/0, yes/no, on/off), got "${raw}"`);
}

/** A comma-separated list of origins (scheme, host, optional port; no path), e.g. `https://app.example.org,http://localhost:5173`. */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((o) => o.trim()).filter((o) => o !== '').map((o) => {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)) throw new ConfigError(name, `must list origins like https://app.example.org (no path, no trailing slash), got "${o}"`);
    return o.toLowerCase();
  });
}

/**
 * Reads and validates the configuration.
 * @param env the environment to read (default process.env); tests pass their own.
 * @throws ConfigError on any invalid value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must start with postgres:// or postgresql://');
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const root = process.cwd();
  const nodeEnv = env.NODE_ENV || 'development';
  const redisUrl = env.REDIS_URL && env.REDIS_URL.trim() !== '' ? env.REDIS_URL.trim() : null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL', 'must start with redis:// or rediss://');
  const jwtSecret = env.JWT_SECRET || null;
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  const jwtPublicKey = env.JWT_PUBLIC_KEY ? env.JWT_PUBLIC_KEY.replace(/\\n/g, '\n') : null;
  if (jwtPublicKey && !jwtPublicKey.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new ConfigError('JWT_PUBLIC_KEY', 'must be a PEM public key (-----BEGIN PUBLIC KEY-----)');
  }
  return Object.freeze({
    nodeEnv,
    port: int(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(root, env.LANDPORTS_DATA_DIR || '.landports-data'),
    dbPoolSize: int(env, 'DB_POOL_SIZE', 8, 1, 100),
    migrateOnStart: bool(env, 'MIGRATE_ON_START', true),
    seedOnStart: bool(env, 'SEED_ON_START', true),
    shippedDataDir: path.resolve(root, env.LANDPORTS_SHIPPED_DATA || 'data'),
    logLevel,
    corsOrigins: Object.freeze(origins(env, 'CORS_ORIGINS')),
    introspection: bool(env, 'INTROSPECTION', nodeEnv !== 'production'),
    dashboardDir: path.resolve(root, env.LANDPORTS_DASHBOARD_DIR || path.join('web', 'dist')),
    totalsFromRollup: bool(env, 'TOTALS_FROM_ROLLUP', true),
    referenceCache: bool(env, 'REFERENCE_CACHE', true),
    dbConnectTimeoutMs: int(env, 'DB_CONNECT_TIMEOUT_MS', 2000, 100, 600000),
    dbStatementTimeoutMs: int(env, 'DB_STATEMENT_TIMEOUT_MS', 30000, 0, 3600000),
    dbPreparedStatements: bool(env, 'DB_PREPARED_STATEMENTS', true),
    limits: Object.freeze({
      maxDepth: int(env, 'MAX_QUERY_DEPTH', 10, 1, 1000),
      maxAliases: int(env, 'MAX_ALIASES', 30, 0, 100000),
      maxCost: int(env, 'MAX_QUERY_COST', 10000, 1, 100000000),
      maxPageSize: int(env, 'MAX_PAGE_SIZE', 500, 1, 1000000),
      assumedListSize: int(env, 'COST_LIST_SIZE', 10, 1, 100000),
      maxBatchSize: int(env, 'MAX_BATCH_SIZE', 1, 1, 1000),
      maxDocumentBytes: int(env, 'MAX_DOCUMENT_BYTES', 16384, 256, 10485760),
      maxBodyBytes: int(env, 'MAX_BODY_BYTES', 2097152, 1024, 104857600),
    }),
    auth: Object.freeze({
      jwtSecret,
      jwtPublicKey,
      jwtIssuer: env.JWT_ISSUER || null,
      jwtAudience: env.JWT_AUDIENCE || null,
    }),
    redisUrl,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'landports:',
    cacheMaxAgeSeconds: int(env, 'CACHE_MAX_AGE_S', 300, 0, 31536000),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10000, 0, 600000),
  });
}
