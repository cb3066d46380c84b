/// <reference lib="dom" />
/**
 * The dashboard end to end, in headless Chromium (Debian's package, driven by playwright-core)
 * against a gateway over the test database seeded with the shipped real data. Each view is
 * loaded; the numbers in each data table are compared with the API's answer to the same
 * operation the dashboard sends; a figure's source is reached by keyboard; a screenshot of each
 * view is saved in test-artifacts/ (and of the Region view in docs/ with UPDATE_DOCS_SCREENSHOT=1).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, ROOT, startHarness, type Harness } from './browser';
import {
  GrowthChecksDocument,
  NepalShareDocument,
  ReconciliationDocument,
  type GrowthChecksQuery,
  type NepalShareQuery,
  type ReconciliationQuery,
  OverviewDocument,
  PortFiguresDocument,
  RegionTradeDocument,
  type OverviewQuery,
  type PortFiguresQuery,
  type RegionTradeQuery,
} from '../../web/src/generated/graphql';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

async function open(view: string, width = 1280): Promise<Page> {
  const page = await harness.browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(`${harness.base}/#/${view}`);
  await page.waitForSelector('main[aria-busy="false"]', { timeout: 30_000 });
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
}

/** The rows of a chart's data table: figure id and the cells by column name. */
async function tableRows(page: Page, chartId: string): Promise<Array<Record<string, string>>> {
  return page.$$eval(`table[data-chart="${chartId}"] tbody tr`, (trs) =>
    trs.map((tr) => {
      const row: Record<string, string> = { id: (tr as HTMLElement).dataset.figureId ?? '' };
      tr.querySelectorAll<HTMLElement>('[data-col]').forEach((c) => (row[c.dataset.col as string] = (c.textContent ?? '').trim()));
      return row;
    }),
  );
}

type ApiFigure = RegionTradeQuery['region']['figures'][number];

/** What a data table row must show for a figure of the API ("—" where the API says null). */
function expectedRow(f: ApiFigure): Record<string, string> {
  return {
    id: f.id,
    period: f.period.label,
    kind: f.period.kind,
    value: f.value ?? '—',
    status: f.status,
    reportedGrowth: f.reportedYoyGrowthPct ?? '—',
    computedGrowth: f.yoyGrowthPct ?? '—',
    discrepancy: f.growthDiscrepancyPp ?? '—',
  };
}

function pick(row: Record<string, string>): Record<string, string> {
  const { id, period, kind, value, status, reportedGrowth, computedGrowth, discrepancy } = row;
  return { id, period, kind, value, status, reportedGrowth, computedGrowth, discrepancy };
}

test('Overview: the four ports with status and timeline, and the four-port Jan–Nov 2023 figures as the API gives them', async () => {
  const page = await open('overview');
  const api = await harness.api<OverviewQuery>(OverviewDocument);
  const cards = await page.$$eval('.port-card', (els) =>
    els.map((e) => ({ port: (e as HTMLElement).dataset.port, status: e.querySelector('.port-status .badge')?.textContent, events: e.querySelectorAll('.timeline li').length })),
  );
  expect(cards.map((c) => c.port)).toEqual(api.ports.map((p) => p.code));
  expect(cards).toHaveLength(4);
  for (const [i, p] of api.ports.entries()) expect(cards[i].events).toBe(p.events.length);
  // Zham: reopened 2023-09-01 for two-way passengers (data/port-events.tsv), open today.
  expect(cards.find((c) => c.port === 'PORT-ZHAM')?.status).toBe('Open');

  const tiles = await page.$$eval('.figure-tile', (els) =>
    els.map((e) => ({ id: (e as HTMLElement).dataset.figureId, value: e.querySelector('[data-col=value]')?.textContent, unit: (e.querySelector('[data-col=unit]') as HTMLElement)?.dataset.unit })),
  );
  const groupFigures = api.fourPorts!.figures.filter((f) => f.period.label === '2023-01..2023-11');
  expect(tiles).toEqual(groupFigures.map((f) => ({ id: f.id, value: f.value, unit: f.unit })));
  // The four-port totals of Jan–Nov 2023 (China News Service, 2024-01-07; README example 1).
  expect(tiles.filter((t) => t.unit === 'CNY_MN').map((t) => t.value)).toEqual(['4560', '4560']);
  expect(tiles.filter((t) => t.unit === 'TONNES').map((t) => t.value)).toEqual(['129900', '129900']);
  expect(tiles.filter((t) => t.unit === 'VEHICLE_TRIPS').map((t) => t.value)).toEqual(['11084', '11084']);
  expect((page as unknown as { errors: string[] }).errors).toEqual([]);
  await shot(page, 'overview');
  await page.close();
});

test('Region: the chart and its data table show exactly the API’s yearly figures (2022: 4600 CNY mn, +14.6 % reported)', async () => {
  const page = await open('region');
  await page.waitForSelector('#region-trade .chart-canvas svg');
  const firstChartMs = await page.evaluate(() => performance.getEntriesByName('landports:first-chart')[0]?.startTime ?? null);
  expect(firstChartMs).not.toBeNull();
  fs.writeFileSync(path.join(ARTIFACTS, 'dashboard-timings.json'), JSON.stringify({ regionFirstChartMs: Math.round(firstChartMs as number) }, null, 2));
  console.log(`dashboard: first chart of the Region view drawn ${Math.round(firstChartMs as number)} ms after navigation`);

  const api = await harness.api<RegionTradeQuery>(RegionTradeDocument, { from: '2014' });
  const yearly = api.region.figures.filter((f) => f.period.kind === 'YEAR');
  const rows = await tableRows(page, 'region-trade');
  expect(rows.map(pick)).toEqual(yearly.map(expectedRow));
  // Every calendar year from 2014 to the last figure has a slot on the axis: 2016 (no annual
  // figure published) is an empty slot, so the bars and growth lines show the gap, and not a table row.
  const axis = (await page.getAttribute('#region-trade', 'data-axis'))!.split(',');
  const lastYear = Number(yearly.at(-1)!.period.label);
  expect([...new Set(axis.map((c) => c.slice(0, 4)))]).toEqual(Array.from({ length: lastYear - 2013 }, (_, i) => String(2014 + i)));
  expect(axis).toContain('2016');
  expect(rows.map((r) => r.period)).not.toContain('2016');
  // data/xizang-trade-figures.tsv: XZ 2022 total 4600 CNY_MN, +14.6 % (Xinhua); 2014: 13850, −32.96 %.
  expect(rows.find((r) => r.period === '2022')).toMatchObject({ value: '4600', reportedGrowth: '14.6' });
  expect(rows.find((r) => r.period === '2014')).toMatchObject({ value: '13850', reportedGrowth: '-32.96' });
  // 2015 against 2014: 5660 / 13850 − 1 = −59.133…% → −59.13 computed; reported −59.2; −0.07 pp.
  expect(rows.find((r) => r.period === '2015')).toMatchObject({ value: '5660', reportedGrowth: '-59.2', computedGrowth: '-59.13', discrepancy: '-0.07' });
  // The chart labels its unit and period kind, and has a legend telling reported from derived.
  const meta = await page.textContent('#region-trade .chart-meta');
  expect(meta).toBe('Unit: million yuan (CNY mn) · Period: calendar year');
  const legend = await page.textContent('#region-trade .chart-canvas');
  expect(legend).toContain('Reported value');
  expect(legend).toContain('Computed growth % (derived)');
  // Discrepancies beyond tolerance are the API's (reconciliation): marked rows are exactly those.
  const checks = await harness.api<GrowthChecksQuery>(GrowthChecksDocument);
  const beyondIds = new Set(checks.reconciliation.beyondTolerance.map((c) => c.figure.id));
  const marked = await page.$$eval('table[data-chart="region-trade"] tr.beyond-row', (trs) => trs.map((t) => (t as HTMLElement).dataset.figureId));
  expect(marked).toEqual(yearly.filter((f) => beyondIds.has(f.id)).map((f) => f.id));

  // Nepal's share per year, as the API's share query answers it.
  await page.waitForSelector('#region-nepal-share, main [role=alert]', { timeout: 45_000 });
  expect(await page.$('main [role=alert]')).toBeNull();
  const shareRows = await tableRows(page, 'region-nepal-share');
  const years = shareRows.map((r) => r.period);
  expect(years[0]).toBe('2014');
  for (const r of shareRows) {
    const { share } = await harness.api<NepalShareQuery>(NepalShareDocument, { period: r.period });
    expect(r.value).toBe(share.sharePct ?? '—');
    expect(r['Xizang–Nepal (CNY mn)']).toMatch(new RegExp(`^${(share.part.value ?? '—').replace('.', '\\.')} `));
    expect(r['Xizang, all partners (CNY mn)']).toMatch(new RegExp(`^${(share.whole.value ?? '—').replace('.', '\\.')} `));
  }
  // 2020: 1061 of 2133 (data/xizang-trade-figures.tsv, Tibet3/China Tibet Online) = 49.74 %.
  expect(shareRows.find((r) => r.period === '2020')).toMatchObject({ value: '49.74', status: 'DERIVED' });
  expect(await page.textContent('#region-nepal-share .chart-meta')).toBe('Unit: % of the region’s trade · Period: calendar year');

  await page.click('#region-trade summary');
  await shot(page, 'region');
  await page.close();
});

test('Region: the exact value and source of a figure are shown on hover and reached by keyboard', async () => {
  const page = await open('region');
  await page.waitForSelector('#region-trade .chart-canvas svg');
  const api = await harness.api<RegionTradeQuery>(RegionTradeDocument, { from: '2014' });
  const f2015 = api.region.figures.find((f) => f.period.label === '2015')!;

  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.classList.contains('chart-focus'))) break;
  }
  expect(await page.evaluate(() => document.activeElement?.closest('figure')?.id)).toBe('region-trade');
  await page.keyboard.press('ArrowRight'); // from 2014 to 2015
  const details = await page.textContent('#region-trade-details');
  expect(details).toContain('5660');
  expect(details).toContain(f2015.source.publisher);
  expect(details).toContain(f2015.source.title);
  // The tooltip shows the same figure next to the chart.
  expect(await page.textContent('#region-trade .chart-canvas')).toContain('5660');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName, href: document.activeElement?.getAttribute('href'), text: document.activeElement?.textContent }));
  expect(focused.tag).toBe('A');
  expect(focused.href).toBe(f2015.source.url);
  expect(focused.text).toContain(f2015.source.publisher);

  // Hover over the 2022 bar: the tooltip shows its exact value and source.
  const box = (await page.$('#region-trade .chart-canvas'))!;
  const b = (await box.boundingBox())!;
  // The axis has a slot for every year (data-axis), figures or not.
  const axis = (await page.getAttribute('#region-trade', 'data-axis'))!.split(',');
  const n = axis.length;
  const i2022 = axis.indexOf('2022');
  // The plot area spans nearly the whole width; aim at the middle of the 2022 category.
  await page.mouse.move(b.x + 60 + ((b.width - 120) * (i2022 + 0.5)) / n, b.y + b.height - 60);
  await page.waitForFunction(() => document.querySelector('#region-trade-details')?.textContent?.includes('4600'));
  expect(await page.textContent('#region-trade .chart-canvas')).toContain('Tibet sees foreign trade up 14.6 pct in 2022');
  await page.close();
});

test('Port: every chart’s data table shows exactly the port’s figures from the API; a port without figures says so', async () => {
  const page = await open('port/PORT-GYIRONG');
  const api = await harness.api<PortFiguresQuery>(PortFiguresDocument, { code: 'PORT-GYIRONG' });
  const tables = await page.$$eval('table[data-chart]', (ts) => ts.map((t) => (t as HTMLElement).dataset.chart as string));
  expect(tables.length).toBeGreaterThan(1);
  const shown: Array<Record<string, string>> = [];
  for (const t of tables) shown.push(...(await tableRows(page, t)));
  const byId = new Map(api.port!.figures.map((f) => [f.id, f]));
  expect(shown.map((r) => r.id).sort()).toEqual([...byId.keys()].sort());
  for (const r of shown) expect(pick(r)).toEqual(expectedRow(byId.get(r.id)!));
  // data/xizang-trade-figures.tsv: Gyirong 2018 trade 3405 CNY_MN, +21.6 % (China Tibet News).
  expect(shown.find((r) => r.period === '2018')).toMatchObject({ value: '3405', reportedGrowth: '21.6' });
  // Metas name unit and period kinds.
  const metas = await page.$$eval('.chart-meta', (els) => els.map((e) => e.textContent));
  expect(metas).toContain('Unit: tonnes · Period: quarter'); // Gyirong cargo, Q1 2017: 26100 t
  await shot(page, 'port-gyirong');
  await page.close();

  const empty = await open('port/PORT-BURANG');
  expect(await empty.textContent('main .state.empty')).toBe('No figures are published for Burang yet.');
  await empty.close();
  const unknown = await open('port/PORT-NOWHERE');
  expect(await unknown.textContent('main .state.empty')).toBe('No port has the code PORT-NOWHERE.');
  await unknown.close();
});

test('Reconciliation: the API’s checks and conflicts, each linking to its figures in their charts', async () => {
  const page = await open('reconciliation');
  const api = await harness.api<ReconciliationQuery>(ReconciliationDocument);
  const r = api.reconciliation;
  const listed = async (id: string) => page.$$eval(`[data-list="${id}"] > li`, (lis) => lis.map((l) => (l as HTMLElement).dataset.figureId));
  expect(await listed('beyond')).toEqual(r.beyondTolerance.map((c) => c.figure.id));
  expect(await listed('conflicts')).toEqual(r.conflicts.map((c) => c.preferred.id));
  expect(await listed('within')).toEqual(r.withinTolerance.map((c) => c.figure.id));
  expect(await listed('uncheckable')).toEqual(r.uncheckable.map((c) => c.figure.id));
  // On the shipped data (issue 3's goldens): 96 reported growths, none beyond tolerance, 5 within, 3 conflicts.
  expect(r.counts).toMatchObject({ reported: 96, beyondTolerance: 0, withinTolerance: 5, conflicts: 3 });
  expect(await page.textContent('[data-list="beyond"], #beyond .state')).toBe('No reported growth differs from the computed growth beyond tolerance.');
  await shot(page, 'reconciliation');

  // Follow the first check within tolerance to its figure: the chart's table row is highlighted.
  const first = r.withinTolerance[0];
  await page.click('#within summary');
  await page.click(`[data-list="within"] > li:first-child a.figure-link`);
  await page.waitForSelector(`tr#figure-${first.figure.id}.highlight`, { timeout: 30_000 });
  expect(await page.textContent(`tr#figure-${first.figure.id} [data-col=value]`)).toBe(first.figure.value ?? '—');
  expect(await page.textContent(`tr#figure-${first.figure.id} [data-col=discrepancy]`)).toBe(first.discrepancyPp ?? '—');
  // And a conflict's alternative source.
  await page.goto(`${harness.base}/#/reconciliation`);
  await page.waitForSelector('main[aria-busy="false"] [data-list="conflicts"]');
  const alt = r.conflicts[0].alternatives[0];
  await page.click(`[data-list="conflicts"] > li:first-child li[data-figure-id="${alt.id}"] a.figure-link`);
  await page.waitForSelector(`tr#figure-${alt.id}.highlight`, { timeout: 30_000 });
  expect(await page.textContent(`tr#figure-${alt.id} [data-col=value]`)).toBe(alt.value ?? '—');
  await page.close();
});

test('an API failure shows an error message, not a blank chart', async () => {
  const page = await harness.browser.newPage();
  await page.route('**/graphql', (route) => route.fulfill({ status: 503, contentType: 'text/plain', body: 'unavailable' }));
  await page.goto(`${harness.base}/#/region`);
  await page.waitForSelector('main[aria-busy="false"]');
  expect(await page.textContent('main [role=alert]')).toMatch(/^Could not load the region’s trade: /);
  await page.close();
});

test('a 375 px wide phone: the Region view fits the width, and its table scrolls inside its box', async () => {
  const page = await open('region', 375);
  await page.waitForSelector('#region-trade .chart-canvas svg');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await page.click('#region-trade summary');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await shot(page, 'region-375px');
  await page.close();
});

afterAll(() => {
  if (process.env.UPDATE_DOCS_SCREENSHOT === '1') {
    fs.copyFileSync(path.join(ARTIFACTS, 'dashboard-region.png'), path.join(ROOT, 'docs', 'dashboard-region.png'));
  }
});
