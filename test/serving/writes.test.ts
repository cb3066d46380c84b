/**
 * The importObservations mutation over HTTP, on the scratch database (reference data loaded, no
 * observation): only an editor (API key stored hashed, or a JWT signed with the configured key)
 * may write; unauthorised, forbidden and invalid attempts change nothing; the validation is the
 * import command's (same errors for the same file); every write records who and when.
 * The rows written are real rows of data/xizang-trade-figures.tsv.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import type { DataSource } from 'typeorm';
import { openEmptyScratchDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/http-server';
import { loadReferenceData } from '../../src/import/reference.service';
import { importObservationsText } from '../../src/import/import.service';
import { ImportValidationError } from '../../src/import/tsv';
import { ApiKeyNameError, ApiKeyRepository, hashApiKey } from '../../src/auth/api-key.repository';

const DATA = path.resolve(__dirname, '../../data');
const LINES = fs.readFileSync(path.join(DATA, 'xizang-trade-figures.tsv'), 'utf8').split('\n');
const HEADER = LINES[0];
/** The first three data rows of the shipped figures. */
const THREE = [HEADER, ...LINES.slice(1, 4)].join('\n') + '\n';
const BAD = fs.readFileSync(path.resolve(__dirname, '../fixtures/bad-rows.tsv'), 'utf8');
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const MUTATION = 'mutation($tsv: String, $rows: [ObservationRowInput!], $f: String) { importObservations(tsv: $tsv, rows: $rows, fileName: $f) { batchId importedBy importedAt inserted unchanged superseded } }';

let ds: DataSource;
let srv: TestServer;
let editorKey: string;
let readerKey: string;
const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

async function counts(): Promise<{ observations: number; batches: number; sources: number }> {
  const [r] = await ds.query(`SELECT (SELECT count(*)::int FROM observation) AS observations, (SELECT count(*)::int FROM import_batch) AS batches, (SELECT count(*)::int FROM source) AS sources`);
  return r;
}

function jwt(claims: Record<string, unknown>, opts: { exp?: string | number; key?: Uint8Array | crypto.KeyObject; alg?: string } = {}): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'HS256' }).setSubject(String(claims.sub ?? 'ana')).setIssuedAt()
    .setExpirationTime(opts.exp ?? '5m').sign(opts.key ?? new TextEncoder().encode(SECRET));
}

beforeAll(async () => {
  ds = await openEmptyScratchDatabase();
  await loadReferenceData(ds, DATA);
  const keys = new ApiKeyRepository(ds);
  editorKey = await keys.create('editor-bot', 'editor');
  readerKey = await keys.create('reader-bot', 'reader');
  srv = await startTestServer(ds, { JWT_SECRET: SECRET });
});
afterAll(async () => {
  await srv.stop();
  await ds.destroy();
});

describe('API keys', () => {
  test('only the SHA-256 of a key is stored', async () => {
    const rows: { key_hash: string }[] = await ds.query(`SELECT key_hash FROM api_key WHERE name = 'editor-bot'`);
    expect(rows[0].key_hash).toBe(hashApiKey(editorKey));
    expect(JSON.stringify(await ds.query('SELECT * FROM api_key'))).not.toContain(editorKey);
  });

  test('a name outside the rule, or one already used (even by a revoked key), is refused in words before any write (it was a constraint violation)', async () => {
    const keys = new ApiKeyRepository(ds);
    const count = async () => (await ds.query('SELECT count(*)::int AS n FROM api_key'))[0].n as number;
    const before = await count();
    await expect(keys.create('   ', 'reader')).rejects.toThrow('the name must be 1 to 64 letters, digits, ".", "_", "@" or "-", got "   "');
    await expect(keys.create('a\tb', 'reader')).rejects.toBeInstanceOf(ApiKeyNameError);
    await expect(keys.create('x'.repeat(65), 'reader')).rejects.toThrow(/got "x{40}…"/);
    await expect(keys.create('editor-bot', 'reader')).rejects.toThrow('an API key named "editor-bot" already exists (active); names are never reused, so choose another');
    await keys.create('rotated', 'reader');
    await keys.revoke('rotated');
    await expect(keys.create('rotated', 'reader')).rejects.toThrow(/^an API key named "rotated" already exists \(revoked 20\d\d-/);
    expect(await count()).toBe(before + 1);
  });
});

describe('refused writes change nothing', () => {
  test.each([
    ['no Authorization header', {}, 401, 'UNAUTHENTICATED'],
    ['a malformed header', { authorization: 'Basic abc' }, 401, 'UNAUTHENTICATED'],
    ['an unknown API key', { authorization: 'Bearer lpk_unknown' }, 401, 'UNAUTHENTICATED'],
    ['a reader key', () => ({ authorization: `Bearer ${readerKey}` }), 403, 'FORBIDDEN'],
  ] as const)('%s is refused', async (_what, headers, status, code) => {
    const before = await counts();
    const r = await srv.post({ query: MUTATION, variables: { tsv: THREE } }, typeof headers === 'function' ? headers() : headers);
    expect(r.status).toBe(status);
    expect(r.body.data).toBeNull();
    expect(r.body.errors[0].extensions.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  test('an editor’s import whose Accept admits no JSON answer is refused with 406 before it runs: nothing is written', async () => {
    const before = await counts();
    const r = await srv.post({ query: MUTATION, variables: { tsv: THREE } }, { authorization: `Bearer ${editorKey}`, accept: 'text/html' });
    expect(r.status).toBe(406);
    expect(r.body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(await counts()).toEqual(before);
  });

  test('an editor’s import of no rows is refused naming "rows", and writes nothing', async () => {
    const before = await counts();
    const r = await srv.post({ query: MUTATION, variables: { rows: [] } }, { authorization: `Bearer ${editorKey}` });
    expect(r.body.errors[0]).toMatchObject({ message: 'argument "rows": is empty: give at least one row', extensions: { code: 'BAD_USER_INPUT', argument: 'rows' } });
    expect(await counts()).toEqual(before);
  });

  test('JWTs: a bad signature, an expired token and a reader role are refused', async () => {
    const before = await counts();
    const wrongKey = await jwt({ roles: ['editor'] }, { key: new TextEncoder().encode('another-secret-of-at-least-32-characters') });
    const expired = await jwt({ roles: ['editor'] }, { exp: Math.floor(Date.now() / 1000) - 60 });
    const reader = await jwt({ roles: ['reader'] });
    for (const [token, status, code] of [[wrongKey, 401, 'UNAUTHENTICATED'], [expired, 401, 'UNAUTHENTICATED'], [reader, 403, 'FORBIDDEN']] as const) {
      const r = await srv.post({ query: MUTATION, variables: { tsv: THREE } }, { authorization: `Bearer ${token}` });
      expect([r.status, r.body.errors[0].extensions.code]).toEqual([status, code]);
    }
    expect(await counts()).toEqual(before);
  });

  test('a revoked key is refused', async () => {
    const keys = new ApiKeyRepository(ds);
    const key = await keys.create('short-lived', 'editor');
    expect(await keys.revoke('short-lived')).toBe(true);
    const r = await srv.post({ query: MUTATION, variables: { tsv: THREE } }, { authorization: `Bearer ${key}` });
    expect([r.status, r.body.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  test('an editor with a bad file gets exactly the import command\'s errors, and nothing is written', async () => {
    const before = await counts();
    let expected: ImportValidationError | undefined;
    try {
      await importObservationsText(ds, BAD, 'bad-rows.tsv');
    } catch (e) {
      expected = e as ImportValidationError;
    }
    expect(expected).toBeInstanceOf(ImportValidationError);
    const r = await srv.post({ query: MUTATION, variables: { tsv: BAD } }, { authorization: `Bearer ${editorKey}` });
    expect(r.body.data).toBeNull();
    expect(r.body.errors[0].extensions).toMatchObject({ code: 'IMPORT_REJECTED', argument: 'tsv' });
    expect(r.body.errors[0].extensions.errors).toEqual(expected!.errors);
    expect(r.body.errors[0].message).toContain('row 3, column measure: unknown measure code "trade_vallue"');
    expect(await counts()).toEqual(before);
  });

  test('structured rows are checked by the same validator; errors name the row and the field', async () => {
    const before = await counts();
    const rows = [{ measure: 'trade_value', subject: 'XZ', partner: 'ALL', flow: 'total', periodStart: '2023-02-30', periodEnd: '2023-11-30', value: '1,200', unit: 'CNY_MN', sourcePublisher: 'p', sourceTitle: 't' }];
    const r = await srv.post({ query: MUTATION, variables: { rows } }, { authorization: `Bearer ${editorKey}` });
    expect(r.body.errors[0].extensions.code).toBe('IMPORT_REJECTED');
    expect(r.body.errors[0].extensions.errors).toEqual([
      { row: 1, column: 'periodStart', message: '"2023-02-30" is not a real date of the form YYYY-MM-DD' },
      { row: 1, column: 'value', message: expect.stringMatching(/not a plain decimal/) },
    ]);
    expect(await counts()).toEqual(before);
  });

  test('giving both tsv and rows (or neither) is refused naming the argument', async () => {
    const r = await srv.post({ query: MUTATION, variables: {} }, { authorization: `Bearer ${editorKey}` });
    expect(r.body.errors[0]).toMatchObject({ message: 'argument "tsv": give exactly one of "tsv" and "rows"', extensions: { code: 'BAD_USER_INPUT', argument: 'tsv' } });
  });
});

describe('authorised writes record who and when', () => {
  test('an editor API key imports three real rows; the batch records apikey:editor-bot and the time', async () => {
    const before = await counts();
    const t0 = Date.now();
    const r = await srv.post({ query: MUTATION, variables: { tsv: THREE, f: 'three.tsv' } }, { authorization: `Bearer ${editorKey}` });
    expect(r.status).toBe(200);
    const res = r.body.data.importObservations;
    expect(res).toMatchObject({ importedBy: 'apikey:editor-bot', inserted: 3, unchanged: 0, superseded: 0 });
    expect(Math.abs(Date.parse(res.importedAt) - t0)).toBeLessThan(60000);
    const [batch] = await ds.query('SELECT file_name, imported_by, imported_at FROM import_batch WHERE id = $1', [res.batchId]);
    expect(batch).toMatchObject({ file_name: 'three.tsv', imported_by: 'apikey:editor-bot' });
    expect(new Date(batch.imported_at).toISOString()).toBe(res.importedAt);
    expect((await counts()).observations).toBe(before.observations + 3);
    // The first shipped row, as stored.
    const [first] = LINES[1].split('\t');
    const stored = await ds.query('SELECT measure_code, value::text AS value FROM observation WHERE import_batch_id = $1 ORDER BY id', [res.batchId]);
    expect(stored[0].measure_code).toBe(first);
    expect(stored.map((s: { value: string }) => s.value)).toEqual(LINES.slice(1, 4).map((l) => l.split('\t')[6] || null));
  });

  test('a JWT editor (HS256) imports the same rows as structured rows: nothing new, recorded as jwt:ana', async () => {
    const cells = LINES.slice(1, 4).map((l) => l.split('\t'));
    const cols = HEADER.split('\t');
    const camel = (c: string) => c.replace(/_([a-z])/g, (_m, x: string) => x.toUpperCase());
    const rows = cells.map((row) => Object.fromEntries(cols.map((c, i) => [camel(c), row[i].replace(/^"|"$/g, '')])));
    const token = await jwt({ sub: 'ana', roles: ['editor'] });
    const r = await srv.post({ query: MUTATION, variables: { rows } }, { authorization: `Bearer ${token}` });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.importObservations).toMatchObject({ importedBy: 'jwt:ana', inserted: 0, unchanged: 3 });
  });

  test('a JWT signed with a configured public key (ES256) is accepted', async () => {
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const s2 = await startTestServer(ds, { JWT_PUBLIC_KEY: pem });
    try {
      const token = await jwt({ sub: 'ben', role: 'editor' }, { key: privateKey, alg: 'ES256' });
      const r = await s2.post({ query: MUTATION, variables: { tsv: THREE } }, { authorization: `Bearer ${token}` });
      expect(r.body.data.importObservations).toMatchObject({ importedBy: 'jwt:ben', inserted: 0, unchanged: 3 });
      // An HS256 token is not accepted where only the public key is configured.
      const hs = await jwt({ sub: 'ana', roles: ['editor'] });
      expect((await s2.post({ query: MUTATION, variables: { tsv: THREE } }, { authorization: `Bearer ${hs}` })).status).toBe(401);
    } finally {
      await s2.stop();
    }
  });

  test('reads stay public: no token needed', async () => {
    const r = await srv.post({ query: '{ measures { code } }' });
    expect(r.status).toBe(200);
    expect(r.body.data.measures.length).toBeGreaterThan(0);
  });

  test('no token ever reaches the log', () => {
    expect(srv.logs.text()).not.toContain(editorKey);
    expect(srv.logs.text()).not.toContain(readerKey);
  });
});
