/**
 * `npm run api-key -- create NAME [editor|reader]`: creates an API key and prints it (the only
 * time it is shown; only its SHA-256 is stored). `npm run api-key -- revoke NAME` revokes it;
 * `npm run api-key -- list` lists names, roles and dates. Uses DATABASE_URL (or the embedded database).
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openDatabase } from '../db/database';
import { ApiKeyRepository, Role, ROLES } from './api-key.repository';

const USAGE = 'usage: npm run api-key -- create NAME [editor|reader] | revoke NAME | list';

async function run([command, name, role = 'editor']: string[]): Promise<number> {
  if (!['create', 'revoke', 'list'].includes(command) || (command !== 'list' && !name) || !ROLES.includes(role as Role)) {
    console.error(USAGE);
    return 2;
  }
  const db = await openDatabase({ ...loadConfig(), seedOnStart: false }, createLogger('warn'));
  try {
    const keys = new ApiKeyRepository(db.ds);
    if (command === 'create') {
      const key = await keys.create(name, role as Role);
      console.log(`API key for ${name} (${role}); shown once, store it now:\n${key}`);
    } else if (command === 'revoke') {
      if (!(await keys.revoke(name))) {
        console.error(`no active API key named "${name}"`);
        return 1;
      }
      console.log(`revoked the API key of ${name}`);
    } else {
      for (const k of await keys.list()) console.log([k.name, k.role, k.createdAt, k.revokedAt ?? 'active'].join('\t'));
    }
    return 0;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
