/** Drops the databases globalSetup created and stops what it started. */
export default async function globalTeardown(): Promise<void> {
  const held = (globalThis as unknown as { __landports?: { stop: Array<() => Promise<void>> } }).__landports;
  for (const stop of [...(held?.stop ?? [])].reverse()) await stop();
}
