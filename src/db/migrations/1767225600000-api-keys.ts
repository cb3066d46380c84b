import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys of the callers allowed to write. Only the SHA-256 of a key is stored (keys are 256
 * random bits, so a fast hash is enough); the key itself is shown once, when it is created.
 */
export class ApiKeys1767225600000 implements MigrationInterface {
  name = 'ApiKeys1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
        key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        role text NOT NULL CHECK (role IN ('editor', 'reader')),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS api_key');
  }
}
