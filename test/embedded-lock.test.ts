import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { EmbeddedDatabaseBusyError, lockDataDir } from '../src/db/embedded';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landports-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a second process cannot open a data folder a live process holds; a stale lock is taken over', async () => {
  const dataDir = path.join(dir, 'pgdata');
  // A live process (a sleeping child) holds the lock.
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  try {
    fs.writeFileSync(`${dataDir}.lock`, String(child.pid));
    expect(() => lockDataDir(dataDir)).toThrow(EmbeddedDatabaseBusyError);
    expect(() => lockDataDir(dataDir)).toThrow(`the embedded database in ${dataDir} is in use by process ${child.pid}`);
  } finally {
    child.kill();
    await new Promise((r) => child.once('exit', r));
  }
  // Its process is gone: the lock is stale and taken over, then released.
  const release = lockDataDir(dataDir);
  expect(fs.readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
  release();
  expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
});
