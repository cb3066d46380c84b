/**
 * Region: Xizang's yearly foreign trade (all partners, total, million yuan) from 2014, as bars,
 * with reported growth and computed (derived) growth as lines and the API's growth checks beyond
 * tolerance marked; and Nepal's share of Xizang's trade per calendar year, as the API's `share`
 * query answers it (both on the regional basis; nothing is computed in the browser).
 */
import { query } from '../api';
import { renderChart, figureDatum } from '../chart';
import { h } from '../dom';
import { UNIT_LABEL } from '../format';
import { NepalShareDocument, RegionTradeDocument, type NepalShareQuery, type RegionTradeQuery, type ShareTermFragment } from '../generated/graphql';
import { beyondToleranceById } from './checks';
import { errorMessage, loading, type View } from './view';

/** The first year the Region view shows. */
export const REGION_FROM_YEAR = '2014';

/** Renders the Region view. */
export const regionView: View = async (ctx) => {
  const title = h('h2', {}, 'Region: Xizang’s foreign trade');
  ctx.root.replaceChildren(title, loading('the region’s trade'));
  let data: RegionTradeQuery;
  try {
    data = await query(RegionTradeDocument, { from: REGION_FROM_YEAR });
  } catch (err) {
    ctx.root.replaceChildren(title, errorMessage('the region’s trade', err));
    return;
  }
  const beyond = await beyondToleranceById();
  const yearly = data.region.figures.filter((f) => f.period.kind === 'YEAR');
  const seen = new Map<string, number>();
  const points = yearly.map((f) => {
    const n = (seen.get(f.period.label) ?? 0) + 1;
    seen.set(f.period.label, n);
    return { ...figureDatum(f, n > 1 ? `${f.period.label} (${n})` : f.period.label), beyondTolerance: beyond?.get(f.id) ?? null };
  });
  // Every calendar year from the first to the last figure gets a slot on the axis, so a year
  // without a published figure shows as a gap (and the growth lines break there).
  const years = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => String(from + i));
  const labels = points.map((p) => p.periodLabel);
  const axis = labels.length
    ? years(Number(labels[0]), Number(labels[labels.length - 1])).flatMap((y) => {
        const here = points.filter((p) => p.periodLabel === y).map((p) => p.category);
        return here.length ? here : [y];
      })
    : undefined;
  const chart = renderChart({
    id: 'region-trade',
    axis,
    title: `${data.region.name}: foreign trade by calendar year, all partners, imports plus exports`,
    unitLabel: UNIT_LABEL.CNY_MN,
    data: points,
    growth: true,
    toleranceChecked: beyond !== null,
    emptyMessage: `No yearly foreign-trade figure is published for ${data.region.name} since ${REGION_FROM_YEAR}.`,
  });
  ctx.charts.push(chart);
  ctx.root.replaceChildren(
    title,
    h(
      'p',
      { class: 'muted' },
      'Trade by firms located in Xizang (regional basis). Years without a bar have no published annual figure. Computed growth needs the stored figure of the year before.',
    ),
    chart.element,
    loading('Nepal’s share'),
  );
  const lastYear = Number(yearly.reduce((m, f) => (f.period.end > m ? f.period.end : m), `${REGION_FROM_YEAR}`).slice(0, 4));
  let shares: NepalShareQuery['share'][];
  try {
    shares = await Promise.all(years(Number(REGION_FROM_YEAR), lastYear).map(async (period) => (await query(NepalShareDocument, { period })).share));
  } catch (err) {
    ctx.root.lastElementChild?.replaceWith(errorMessage('Nepal’s share', err));
    return;
  }
  const shareChart = renderChart({
    id: 'region-nepal-share',
    title: `Nepal’s share of ${data.region.name}’s foreign trade, by calendar year (both counted by firms in Xizang)`,
    unitLabel: '% of the region’s trade',
    data: shares.map((sh) => ({
      key: `share-${sh.period.label}`,
      category: sh.period.label,
      periodLabel: sh.period.label,
      periodKind: sh.period.kind,
      value: sh.sharePct,
      nullReason: sh.sharePct === null ? whyNoShare(sh.part, sh.whole) : undefined,
      status: sh.status ?? 'DERIVED',
      sources: [...new Map([...sh.part.inputs, ...sh.whole.inputs].map((f) => [f.source.id, f.source])).values()],
      extra: [
        { header: 'Xizang–Nepal (CNY mn)', text: term(sh.part) },
        { header: 'Xizang, all partners (CNY mn)', text: term(sh.whole) },
      ],
    })),
    growth: false,
    emptyMessage: `No year since ${REGION_FROM_YEAR} has both a Xizang–Nepal and a Xizang total figure, so no share can be given.`,
  });
  ctx.charts.push(shareChart);
  ctx.root.lastElementChild?.replaceWith(shareChart.element);
};

/** "1061 (reported)", "— (NOT_DERIVABLE)". */
function term(t: ShareTermFragment): string {
  return t.value === null ? `— (${t.nullReason ?? 'no value'})` : `${t.value} (${t.method.toLowerCase()})`;
}

function whyNoShare(part: ShareTermFragment, whole: ShareTermFragment): string {
  const missing = [part.value === null ? 'Xizang–Nepal' : null, whole.value === null ? 'Xizang total' : null].filter(Boolean);
  return missing.length ? `no ${missing.join(' and no ')} figure for the year` : 'the whole is zero';
}
