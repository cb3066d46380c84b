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
}

/** Every environment variable loadConfig reads (docker-compose.yml and the README are checked against it). */
export const CONFIG_VARIABLES = [
  'DATABASE_URL', 'PORT', 'HOST', 'NODE_ENV', 'LANDPORTS_DATA_DIR', 'DB_POOL_SIZE', 'MIGRATE_ON_START', 'SEED_ON_START',
  'LANDPORTS_SHIPPED_DATA', 'LOG_LEVEL', 'CORS_ORIGINS', 'INTROSPECTION', 'LANDPORTS_DASHBOARD_DIR', 'TOTALS_FROM_ROLLUP',
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
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
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
  });
}
