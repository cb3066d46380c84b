import fs from 'node:fs';
import { buildLandportsSchema, printLandportsSchema, SCHEMA_FILE } from '../src/schema';

test('schema.graphql is the schema the code emits (run `npm run emit-schema` after changing it)', async () => {
  const emitted = printLandportsSchema(await buildLandportsSchema());
  expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(emitted);
});

test('money and weights are exact Decimal strings, never Int or Float', async () => {
  const sdl = fs.readFileSync(SCHEMA_FILE, 'utf8');
  expect(sdl).toMatch(/^scalar Decimal @specifiedBy/m);
  for (const field of ['value', 'reportedYoyGrowthPct', 'yoyGrowthPct', 'impliedPriorValue', 'growthDiscrepancyPp']) {
    const m = new RegExp(`^\\s+${field}(\\([^)]*\\))?: (\\w+)`, 'm').exec(sdl.slice(sdl.indexOf('type Figure {')));
    expect([field, m?.[2]]).toEqual([field, 'Decimal']);
  }
  expect(sdl).not.toMatch(/: Float/);
});
