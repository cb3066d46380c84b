/**
 * `npm run api-key -- create NAME [editor|reader]`: creates an API key and prints it (the only
 * time it is shown; only its SHA-256 is stored). `npm run api-key -- revoke NAME` revokes it;
 * `npm run api-key -- list` lists names, roles and dates. Uses DATABASE_URL (or the embedded database).
 */
import 'reflect-metadata';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openDatabase } from '../db/database';
import { API_KEY_NAME, ApiKeyNameError, ApiKeyRepository, Role, ROLES } from './api-key.repository';

const USAGE = 'usage: npm run api-key -- create NAME [editor|reader] | revoke NAME | list';

async function run(argv: string[]): Promise<number> {
  const [command, name, role = 'editor'] = argv;
  const arity = command === 'create' ? [2, 3] : command === 'revoke' ? [2, 2] : [1, 1];
  if (!['create', 'revoke', 'list'].includes(command) || argv.length < arity[0] || argv.length > arity[1] || !ROLES.includes(role as Role)) {
    console.error(USAGE);
    return 2;
  }
  if (command !== 'list' && !API_KEY_NAME.test(name)) {
    console.error(`the name must be 1 to 64 letters, digits, ".", "_", "@" or "-"`);
    console.error(USAGE);
    return 2;
  }
  const db = await openDatabase({ ...loadConfig(), seedOnStart: false }, createLogger('warn'));
  try {
    const keys = new ApiKeyRepository(db.ds);
    if (command === 'create') {
      let key: string;
      try {
        key = await keys.create(name, role as Role);
      } catch (e) {
        if (!(e instanceof ApiKeyNameError)) throw e;
        console.error(e.message);
        return 1;
      }
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
