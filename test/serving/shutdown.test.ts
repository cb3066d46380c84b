/**
 * SIGTERM, on a real process (src/main.ts in a child): the server stops accepting connections,
 * lets the request in flight finish with its full answer, then closes the pool and exits 0.
 */
import net from 'node:net';
import { TEST_ENV } from '../support/env';
import { freePort } from '../support/http-server';
import { startChildServer } from '../support/child-server';

test('SIGTERM: no new connections, the request in flight completes, then the pool closes and the process exits 0', async () => {
  const port = await freePort(4640);
  const srv = await startChildServer({
    DATABASE_URL: process.env[TEST_ENV.url]!, PORT: String(port), HOST: '127.0.0.1', MIGRATE_ON_START: 'false', SEED_ON_START: 'false', DB_POOL_SIZE: '2',
  });
  // A request in flight: headers and half of the body sent, the rest held back until after SIGTERM.
  const body = JSON.stringify({ query: '{ port(code: "PORT-GYIRONG") { name chineseName } }' });
  const half = Math.floor(body.length / 2);
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let answer = '';
  socket.on('data', (c) => (answer += c.toString('utf8')));
  const closed = new Promise((r) => socket.once('close', r));
  socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
  await new Promise((r) => setTimeout(r, 200));

  srv.child.kill('SIGTERM');
  await srv.waitForLog((l) => String(l.msg).startsWith('shutting down'));
  await new Promise((r) => setTimeout(r, 200));
  // The listening socket is closed: a new connection is refused.
  const refused = await new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve('accepted'); });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
  });
  expect(refused).toBe('ECONNREFUSED');
  expect(srv.child.exitCode).toBeNull(); // still finishing the request in flight

  socket.write(body.slice(half));
  await closed;
  expect(answer).toMatch(/^HTTP\/1\.1 200 OK/);
  expect(answer).toContain('{"data":{"port":{"name":"Gyirong","chineseName":"吉隆"}}}');
  expect(await srv.exited).toBe(0);
  const order = srv.logs.map((l) => l.msg).filter((m) => /shutting down|closing the database pool|^stopped$/.test(m));
  expect(order).toEqual(['shutting down: no new requests; finishing those in flight', 'requests finished; closing the database pool', 'stopped']);
});
