/**
 * The HTTP surface over real sockets on loopback: browser-like CORS preflights from each
 * admitted origin and from a refused one, CSRF prevention, the Sandbox landing page outside
 * production, and introspection by configuration.
 */
import type { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { buildLandportsSubgraph } from '../../src/schema';
import { createRepositories } from '../../src/context';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { FIRST_EXAMPLE, RunningServer, startServer } from '../../src/server';
import { STUDIO_ORIGIN } from '../../src/http/cors';

/** Loopback port base (LANDPORTS_TEST_PORT_BASE, default 4540); this suite uses base+10 and base+11. */
const PORT_BASE = Number(process.env.LANDPORTS_TEST_PORT_BASE || 4540);
const FRONT_ENDS = ['https://app.example.org', 'http://localhost:5173'];

let ds: DataSource;
const servers: RunningServer[] = [];

async function start(env: Record<string, string>, offset: number): Promise<string> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: String(PORT_BASE + offset), ...env });
  const s = await startServer(await buildLandportsSubgraph(), ds, createRepositories(ds), config, createLogger('silent'));
  servers.push(s);
  return `http://127.0.0.1:${PORT_BASE + offset}/graphql`;
}

let dev: string;
let prod: string;

beforeAll(async () => {
  ds = await openTestDatabase();
  dev = await start({ NODE_ENV: 'development', CORS_ORIGINS: FRONT_ENDS.join(',') }, 10);
  prod = await start({ NODE_ENV: 'production' }, 11);
});
afterAll(async () => {
  for (const s of servers) await s.stop();
  await ds.destroy();
});

/** What a browser sends before a cross-origin JSON POST. */
function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,apollo-require-preflight',
    },
  });
}

describe('CORS preflight', () => {
  test.each([STUDIO_ORIGIN, ...FRONT_ENDS])('from %s: admitted', async (origin) => {
    const res = await preflight(dev, origin);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type,apollo-require-preflight');
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  test('from an origin not listed: no Access-Control-Allow-Origin, so the browser refuses', async () => {
    const res = await preflight(dev, 'https://evil.example.com');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('Studio is admitted in production too; front ends only when configured', async () => {
    expect((await preflight(prod, STUDIO_ORIGIN)).headers.get('access-control-allow-origin')).toBe(STUDIO_ORIGIN);
    expect((await preflight(prod, FRONT_ENDS[0])).headers.get('access-control-allow-origin')).toBeNull();
  });

  test('the POST that follows from an admitted origin is answered with its origin', async () => {
    const res = await fetch(dev, {
      method: 'POST',
      headers: { Origin: FRONT_ENDS[0], 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ region { code name } }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe(FRONT_ENDS[0]);
    expect(await res.json()).toEqual({ data: { region: { code: 'XZ', name: 'Xizang Autonomous Region' } } });
  });
});

describe('CSRF prevention stays on', () => {
  test('a simple request (GET without a preflight-forcing header) is refused', async () => {
    const res = await fetch(`${dev}?query=${encodeURIComponent('{ region { code } }')}`, { headers: { Origin: 'https://evil.example.com' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
  });

  test('the same GET with apollo-require-preflight is served', async () => {
    const res = await fetch(`${dev}?query=${encodeURIComponent('{ region { code } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await res.json()).toEqual({ data: { region: { code: 'XZ' } } });
  });
});

describe('landing page', () => {
  test('outside production: the embedded Sandbox, endpoint filled in from the page address, opening with the README’s first example', async () => {
    const res = await fetch(dev, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).toContain('new window.EmbeddedSandbox');
    expect(html).toContain('var initialEndpoint = window.location.href;');
    const config = JSON.parse(/var embeddedSandboxConfig = (\{.*\});/.exec(html)![1]);
    expect(config).toMatchObject({ target: '#embeddableSandbox', endpointIsEditable: false, initialState: { document: FIRST_EXAMPLE } });
  });

  test('in production: no Sandbox', async () => {
    const html = await (await fetch(prod, { headers: { accept: 'text/html' } })).text();
    expect(html).not.toContain('EmbeddedSandbox');
  });
});

describe('introspection', () => {
  const introspect = (url: string): Promise<any> =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) }).then((r) => r.json());

  test('on outside production, off in production unless INTROSPECTION turns it on', async () => {
    expect(await introspect(dev)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await introspect(prod)).errors[0].message).toMatch(/introspection is not allowed/i);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', INTROSPECTION: 'false' }).introspection).toBe(false);
  });
});
