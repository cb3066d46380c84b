import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Roles a caller may hold. Only `editor` may write. */
export type Role = 'editor' | 'reader';
/** Every role, for validation. */
export const ROLES: readonly Role[] = ['editor', 'reader'];

/** Prefix of every API key, so that a key is told from a JWT without trying to decode it. */
export const API_KEY_PREFIX = 'lpk_';

/** The SHA-256 (hex) under which a key is stored. */
export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key: the prefix and 32 random bytes in base64url (256 bits). */
export function newApiKey(): string {
  return API_KEY_PREFIX + crypto.randomBytes(32).toString('base64url');
}

/** A stored key's owner, as the write path sees it. */
export interface ApiKeyOwner {
  name: string;
  role: Role;
}

/** A stored key as listed (never the key or its hash). */
export interface ApiKeyListing extends ApiKeyOwner {
  createdAt: string;
  revokedAt: string | null;
}

/** What an API key's name may be (the table's CHECK constraint says the same). */
export const API_KEY_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** A name {@link ApiKeyRepository.create} refuses; the message says why. */
export class ApiKeyNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiKeyNameError';
  }
}

/** The api_key table. All SQL is parameterised. */
export class ApiKeyRepository {
  constructor(private readonly ds: DataSource) {}

  /** The owner of an unrevoked key with this hash, or null (one statement). */
  async findActive(keyHash: string): Promise<ApiKeyOwner | null> {
    const rows: ApiKeyOwner[] = await this.ds.query('SELECT name, role FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL', [keyHash]);
    return rows[0] ?? null;
  }

  /**
   * Creates a key for `name` and returns it: the only time the key itself is seen.
   * @throws ApiKeyNameError, before any write, for a name outside {@link API_KEY_NAME} or one
   *   already used (by an active or a revoked key: a name is never reused, so that the name an
   *   import batch records stays one caller's).
   */
  async create(name: string, role: Role): Promise<string> {
    if (!API_KEY_NAME.test(name)) throw new ApiKeyNameError(`the name must be 1 to 64 letters, digits, ".", "_", "@" or "-", got ${JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name)}`);
    const [used]: { revokedAt: string | null }[] = await this.ds.query('SELECT revoked_at::text AS "revokedAt" FROM api_key WHERE name = $1', [name]);
    if (used) throw new ApiKeyNameError(`an API key named "${name}" already exists (${used.revokedAt ? `revoked ${used.revokedAt}` : 'active'}); names are never reused, so choose another`);
    const key = newApiKey();
    await this.ds.query('INSERT INTO api_key (name, key_hash, role) VALUES ($1, $2, $3)', [name, hashApiKey(key), role]);
    return key;
  }

  /** Revokes the key of `name`; false when no unrevoked key has that name. */
  async revoke(name: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query('UPDATE api_key SET revoked_at = now() WHERE name = $1 AND revoked_at IS NULL RETURNING id', [name]);
    return (Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows).length > 0;
  }

  /** Every key's name, role and dates. */
  async list(): Promise<ApiKeyListing[]> {
    return this.ds.query(`SELECT name, role, created_at::text AS "createdAt", revoked_at::text AS "revokedAt" FROM api_key ORDER BY name`);
  }
}
