/**
 * One chart of published figures, with everything the dashboard promises for every chart:
 * its unit and period kind in the caption; the exact published value and its source (publisher,
 * title, date, link) on hover (tooltip) and on keyboard focus (arrow keys step through the
 * figures; the selected figure is described below the chart, with its source link next in tab
 * order); reported, lower-bound and derived figures drawn apart, with a legend; a data table
 * behind a toggle; and a message instead of a chart when there is nothing to draw.
 *
 * Values stay the API's exact Decimal strings everywhere they are shown. They are turned into
 * JavaScript numbers only to give bars and points their geometry.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartFigureFragment, ObservationStatus, PeriodKind, SourceCitationFragment } from './generated/graphql';
import { escapeHtml, h } from './dom';
import { citation, PERIOD_KIND_LABEL, pct, pp, STATUS_LABEL } from './format';

echarts.use([BarChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, LegacyGridContainLabel, SVGRenderer]);

/** A growth check the API classified as beyond tolerance (reconciliation). */
export interface BeyondTolerance {
  discrepancyPp: string;
  tolerancePp: string;
}

/** One bar (and its growth points) of a chart. */
export interface ChartDatum {
  /** Unique key: the figure id, or a derived key (e.g. share-2022). */
  key: string;
  /** Axis label. */
  category: string;
  periodLabel: string;
  periodKind: PeriodKind;
  /** Exact value as the API gave it; null when none was published or derivable. */
  value: string | null;
  /** Why the value is null, when it is. */
  nullReason?: string;
  status: ObservationStatus;
  reportedGrowth?: string | null;
  computedGrowth?: string | null;
  computedGrowthNullReason?: string | null;
  discrepancyPp?: string | null;
  growthBasis?: string | null;
  beyondTolerance?: BeyondTolerance | null;
  note?: string | null;
  /** The sources the value comes from (several for a derived value). */
  sources: SourceCitationFragment[];
  /** Further columns of the data table (same headers for every datum of a chart). */
  extra?: Array<{ header: string; text: string }>;
}

/** What to draw. */
export interface ChartSpec {
  /** DOM id prefix, also the data table's `data-chart` attribute. */
  id: string;
  title: string;
  /** The value axis unit, in words. */
  unitLabel: string;
  data: ChartDatum[];
  /**
   * The categories of the x axis in order, when it should show slots without a datum (a calendar
   * year with no published figure gets an empty slot, and the growth lines break there instead of
   * joining the years either side). Every datum's category must be among them. Default: the data's
   * categories. The data table and keyboard navigation list the data only.
   */
  axis?: string[];
  /** Draw reported and computed growth as lines on a second axis. */
  growth: boolean;
  /** Whether growth checks were classified (reconciliation answered); false shows why marks are missing. */
  toleranceChecked?: boolean;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyMessage: string;
}

/** A chart on the page; dispose() releases the chart library's resources. */
export interface RenderedChart {
  element: HTMLElement;
  dispose(): void;
}

/** Maps a figure of the API to a chart datum (no computation: fields as answered). */
export function figureDatum(f: ChartFigureFragment, category = f.period.label): ChartDatum {
  return {
    key: f.id,
    category,
    periodLabel: f.period.label,
    periodKind: f.period.kind,
    value: f.value,
    nullReason: f.value === null ? 'the source gave the growth but not the value' : undefined,
    status: f.status,
    reportedGrowth: f.reportedYoyGrowthPct,
    computedGrowth: f.yoyGrowthPct,
    computedGrowthNullReason: f.yoyGrowthNullReason,
    discrepancyPp: f.growthDiscrepancyPp,
    growthBasis: f.growthBasis,
    note: f.note,
    sources: [f.source],
  };
}

const COLORS = { reported: '#1f5fa8', lowerBound: '#6b9bd1', derived: '#2f8f5b', growth: '#c2410c', computed: '#6b21a8', beyond: '#b91c1c' };

const STATUS_SERIES: Array<{ status: ObservationStatus[]; name: string; style: Record<string, unknown> }> = [
  { status: ['REPORTED', 'PROVISIONAL'], name: 'Reported value', style: { color: COLORS.reported } },
  {
    status: ['LOWER_BOUND'],
    name: 'Lower bound (at least this)',
    style: {
      color: COLORS.lowerBound,
      borderColor: COLORS.reported,
      borderWidth: 1,
      borderType: 'dashed',
      decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: 'rgba(255,255,255,0.75)' },
    },
  },
  {
    status: ['DERIVED'],
    name: 'Derived (computed here)',
    style: { color: COLORS.derived, decal: { symbol: 'circle', symbolSize: 0.5, dashArrayX: 6, dashArrayY: 6, color: 'rgba(255,255,255,0.8)' } },
  },
  {
    status: ['ESTIMATED'],
    name: 'Estimated (bound, not exact)',
    style: { color: '#a16207', decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: 'rgba(255,255,255,0.75)' } },
  },
];

function sourceHtml(s: SourceCitationFragment): string {
  const cite = escapeHtml(citation(s));
  return s.url ? `${cite}<br><span class="tip-url">${escapeHtml(s.url)}</span>` : `${cite} (cited without an address)`;
}

function tooltipHtml(d: ChartDatum, unitLabel: string, growth: boolean): string {
  const lines = [
    `<strong>${escapeHtml(d.periodLabel)}</strong> · ${escapeHtml(PERIOD_KIND_LABEL[d.periodKind])}`,
    d.value === null
      ? `Value: not available (${escapeHtml(d.nullReason ?? 'none published')})`
      : `Value: <strong>${escapeHtml(d.value)}</strong> ${escapeHtml(unitLabel)}`,
    `Status: ${escapeHtml(STATUS_LABEL[d.status])}`,
  ];
  if (growth) {
    lines.push(`Reported growth: ${escapeHtml(pct(d.reportedGrowth))}${d.growthBasis === 'MULTIPLE_ROUNDED' ? ' (rounded multiple)' : ''}`);
    lines.push(`Computed growth (derived): ${escapeHtml(d.computedGrowth ? pct(d.computedGrowth) : `— ${d.computedGrowthNullReason ?? ''}`)}`);
    if (d.discrepancyPp) lines.push(`Discrepancy: ${escapeHtml(pp(d.discrepancyPp))}${d.beyondTolerance ? ` <b class="tip-beyond">beyond tolerance (±${escapeHtml(d.beyondTolerance.tolerancePp)} pp)</b>` : ''}`);
  }
  for (const e of d.extra ?? []) lines.push(`${escapeHtml(e.header)}: ${escapeHtml(e.text)}`);
  lines.push(...d.sources.map((s) => `Source: ${sourceHtml(s)}`));
  if (d.note) lines.push(`<em>${escapeHtml(d.note)}</em>`);
  return `<div class="tip">${lines.join('<br>')}</div>`;
}

function sourceNodes(sources: SourceCitationFragment[]): HTMLElement {
  return h(
    'ul',
    { class: 'sources' },
    ...sources.map((s) =>
      h(
        'li',
        {},
        s.url ? h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank', class: 'source-link' }, citation(s)) : `${citation(s)} (cited without an address)`,
      ),
    ),
  );
}

function detailsContent(d: ChartDatum, unitLabel: string, growth: boolean): HTMLElement {
  return h(
    'div',
    { class: 'details-body', 'data-figure-id': d.key },
    h(
      'p',
      {},
      h('strong', {}, d.periodLabel),
      ` (${PERIOD_KIND_LABEL[d.periodKind]}): `,
      d.value === null ? `no value (${d.nullReason ?? 'none published'})` : h('strong', { class: 'details-value' }, `${d.value}`),
      d.value === null ? '' : ` ${unitLabel}`,
      ` · ${STATUS_LABEL[d.status]}`,
    ),
    growth
      ? h(
          'p',
          {},
          `Reported growth ${pct(d.reportedGrowth)} · computed (derived) ${d.computedGrowth ? pct(d.computedGrowth) : `— (${d.computedGrowthNullReason ?? 'none'})`}`,
          d.discrepancyPp ? ` · discrepancy ${pp(d.discrepancyPp)}` : '',
          d.beyondTolerance ? h('strong', { class: 'beyond' }, ` · beyond tolerance (±${d.beyondTolerance.tolerancePp} pp)`) : '',
        )
      : null,
    ...(d.extra ?? []).map((e) => h('p', {}, `${e.header}: ${e.text}`)),
    d.note ? h('p', { class: 'note' }, d.note) : null,
    h('p', { class: 'sources-label' }, 'Source:'),
    sourceNodes(d.sources),
  );
}

function dataTable(spec: ChartSpec, kinds: string): HTMLElement {
  const growth = spec.growth;
  const extraHeaders = spec.data[0]?.extra?.map((e) => e.header) ?? [];
  const head = ['Period', 'Period kind', `Value (${spec.unitLabel})`, 'Status', ...extraHeaders];
  if (growth) head.push('Reported growth', 'Computed growth (derived)', 'Discrepancy');
  head.push('Source');
  const rows = spec.data.map((d) =>
    h(
      'tr',
      { id: `figure-${d.key}`, 'data-figure-id': d.key, class: `status-${d.status.toLowerCase()}${d.beyondTolerance ? ' beyond-row' : ''}` },
      h('th', { scope: 'row', 'data-col': 'period' }, d.periodLabel),
      h('td', { 'data-col': 'kind' }, d.periodKind),
      h('td', { 'data-col': 'value', class: 'num' }, d.value ?? '—'),
      h('td', { 'data-col': 'status' }, d.status),
      ...(d.extra ?? []).map((e) => h('td', { 'data-col': e.header }, e.text)),
      ...(growth
        ? [
            h('td', { 'data-col': 'reportedGrowth', class: 'num' }, d.reportedGrowth ?? '—'),
            h('td', { 'data-col': 'computedGrowth', class: 'num' }, d.computedGrowth ?? '—'),
            h('td', { 'data-col': 'discrepancy', class: 'num' }, d.discrepancyPp ?? '—', d.beyondTolerance ? ' (beyond tolerance)' : ''),
          ]
        : []),
      h('td', { 'data-col': 'source' }, sourceNodes(d.sources)),
    ),
  );
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, `Data table (${spec.data.length} ${spec.data.length === 1 ? 'row' : 'rows'})`),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { 'data-chart': spec.id },
        h('caption', {}, `${spec.title}: ${spec.unitLabel}; ${kinds}. Growth in percent, discrepancy in percentage points.`),
        h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}

let firstChartMarked = false;

/** Renders a chart (or its empty-state message) with legend, focus details and data table. */
export function renderChart(spec: ChartSpec): RenderedChart {
  const kindsList = [...new Set(spec.data.map((d) => PERIOD_KIND_LABEL[d.periodKind]))];
  const kinds = kindsList.length ? `period: ${kindsList.join(', ')}` : 'no periods';
  const figureEl = h('figure', { class: 'chart', id: spec.id });
  const caption = h(
    'figcaption',
    {},
    h('span', { class: 'chart-title' }, spec.title),
    h('span', { class: 'chart-meta' }, `Unit: ${spec.unitLabel} · ${kinds[0].toUpperCase()}${kinds.slice(1)}`),
  );
  figureEl.append(caption);
  const drawable = spec.data.some((d) => d.value !== null || (spec.growth && (d.reportedGrowth || d.computedGrowth)));
  if (!drawable) {
    figureEl.append(h('p', { class: 'chart-empty', role: 'status' }, spec.emptyMessage));
    if (spec.data.length) figureEl.append(dataTable(spec, kinds));
    return { element: figureEl, dispose() {} };
  }

  const detailsId = `${spec.id}-details`;
  const canvas = h('div', { class: 'chart-canvas', 'aria-hidden': 'true' });
  const focusable = h(
    'div',
    {
      class: 'chart-focus',
      tabindex: 0,
      role: 'group',
      'aria-roledescription': 'chart',
      'aria-label': `${spec.title}. ${spec.data.length} figures. Left and right arrow keys step through them; the selected figure and its source are described below the chart.`,
      'aria-describedby': detailsId,
    },
    canvas,
  );
  const details = h(
    'div',
    { class: 'chart-details', id: detailsId, 'aria-live': 'polite' },
    h('p', { class: 'hint' }, 'Hover over a bar, or focus the chart and use the arrow keys, to see the exact value and its source here.'),
  );
  figureEl.append(focusable, details);

  // Axis slots: each holds the index of its datum, or -1 for an empty slot.
  const slots = spec.axis ?? spec.data.map((d) => d.category);
  const datumOfSlot = slots.map((c) => spec.data.findIndex((d) => d.category === c));
  const slotOfDatum = spec.data.map((d) => slots.indexOf(d.category));
  const perSlot = <T>(f: (d: ChartDatum) => T | null): Array<T | null> => datumOfSlot.map((i) => (i < 0 ? null : f(spec.data[i])));
  figureEl.dataset.axis = slots.join(',');
  const presentStatus = STATUS_SERIES.filter((s) => spec.data.some((d) => s.status.includes(d.status)));
  const num = (v: string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));
  const series: Array<Record<string, unknown>> = presentStatus.map((s) => ({
    name: s.name,
    type: 'bar',
    stack: 'value',
    barMaxWidth: 48,
    itemStyle: s.style,
    emphasis: { focus: 'none' },
    data: perSlot((d) => (s.status.includes(d.status) ? num(d.value) : null)),
  }));
  const hasBeyond = spec.data.some((d) => d.beyondTolerance);
  if (spec.growth) {
    series.push(
      {
        name: 'Reported growth %',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 8,
        connectNulls: false,
        itemStyle: { color: COLORS.growth },
        lineStyle: { width: 2 },
        data: perSlot((d) => num(d.reportedGrowth)),
      },
      {
        name: 'Computed growth % (derived)',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'emptyDiamond',
        symbolSize: 10,
        connectNulls: false,
        itemStyle: { color: COLORS.computed },
        lineStyle: { type: 'dashed', width: 2 },
        data: perSlot((d) => num(d.computedGrowth)),
      },
    );
    if (hasBeyond) {
      series.push({
        name: 'Discrepancy beyond tolerance',
        type: 'scatter',
        yAxisIndex: 1,
        symbol: 'triangle',
        symbolSize: 16,
        itemStyle: { color: COLORS.beyond },
        data: perSlot((d) => (d.beyondTolerance ? num(d.reportedGrowth) : null)),
      });
    }
  }

  // The chart is created once the page has laid its box out (the first resize observation):
  // the element is built before it is attached, and the chart library needs its size.
  const chart = echarts.init(canvas, undefined, { renderer: 'svg', width: 1, height: 1 });
  const narrow = () => canvas.clientWidth < 520;
  chart.setOption({
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
    legend: { type: 'plain', top: 0, left: 0, itemGap: 12, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 8, top: narrow() ? 72 : 48, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = Array.isArray(params) ? params[0] : params;
        const slot = (p as { dataIndex: number }).dataIndex;
        const d = spec.data[datumOfSlot[slot] ?? -1];
        return d ? tooltipHtml(d, spec.unitLabel, spec.growth) : `<strong>${escapeHtml(slots[slot] ?? '')}</strong><br>No figure.`;
      },
    },
    xAxis: { type: 'category', data: slots, axisLabel: { hideOverlap: true, rotate: slots.length > 6 ? 30 : 0 } },
    yAxis: [
      { type: 'value', name: spec.unitLabel, nameTextStyle: { align: 'left' }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
      ...(spec.growth ? [{ type: 'value', name: 'growth %', position: 'right', splitLine: { show: false } }] : []),
    ],
    series,
  });
  chart.on('finished', () => {
    if (firstChartMarked) return;
    firstChartMarked = true;
    performance.mark('landports:first-chart');
  });

  let selected = -1;
  const select = (i: number, showTip: boolean) => {
    if (i < 0 || i >= spec.data.length) return;
    selected = i;
    const d = spec.data[i];
    details.replaceChildren(detailsContent(d, spec.unitLabel, spec.growth));
    if (showTip) {
      const slot = slotOfDatum[i];
      const s = series.findIndex((se) => (se.data as Array<number | null>)[slot] !== null);
      if (s >= 0) chart.dispatchAction({ type: 'showTip', seriesIndex: s, dataIndex: slot });
    }
  };
  chart.on('updateAxisPointer', (e: unknown) => {
    const info = (e as { axesInfo?: Array<{ axisDim: string; value: number }> }).axesInfo?.find((a) => a.axisDim === 'x');
    const i = info && typeof info.value === 'number' ? (datumOfSlot[info.value] ?? -1) : -1;
    if (i >= 0 && i !== selected) select(i, false);
  });
  focusable.addEventListener('focus', () => select(selected < 0 ? 0 : selected, true));
  focusable.addEventListener('blur', () => chart.dispatchAction({ type: 'hideTip' }));
  focusable.addEventListener('keydown', (ev) => {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowDown: selected + 1, ArrowLeft: selected - 1, ArrowUp: selected - 1, Home: 0, End: spec.data.length - 1 };
    if (!(ev.key in moves)) return;
    ev.preventDefault();
    select(Math.max(0, Math.min(spec.data.length - 1, moves[ev.key])), true);
  });

  const legendNote = h(
    'p',
    { class: 'chart-legend-note' },
    'Solid bars: reported values. Hatched bars: lower bounds (the source said “more than”). Dotted green bars: derived (computed by Landports from reported figures). ',
    spec.growth ? 'Solid line: growth as the source reported it; dashed line: growth Landports computed from the stored prior-year figure (derived). ' : '',
    spec.growth
      ? spec.toleranceChecked
        ? hasBeyond
          ? 'Red triangles: reported and computed growth differ beyond tolerance.'
          : 'No discrepancy beyond tolerance in this chart.'
        : 'Tolerance checks were not available from the API, so no discrepancy is marked.'
      : '',
  );
  figureEl.append(legendNote, dataTable(spec, kinds));

  const ro = new ResizeObserver(() => {
    if (!canvas.clientWidth) return;
    chart.resize({ width: 'auto', height: 'auto' });
    chart.setOption({ grid: { top: narrow() ? 72 : 48 } });
  });
  ro.observe(canvas);
  return {
    element: figureEl,
    dispose() {
      ro.disconnect();
      chart.dispose();
    },
  };
}
