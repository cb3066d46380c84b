/**
 * Region: Xizang's yearly foreign trade (all partners, total, million yuan) from 2014, as bars,
 * with reported growth and computed (derived) growth as lines.
 */
import { query } from '../api';
import { renderChart, figureDatum } from '../chart';
import { h } from '../dom';
import { UNIT_LABEL } from '../format';
import { RegionTradeDocument, type RegionTradeQuery } from '../generated/graphql';
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
  const yearly = data.region.figures.filter((f) => f.period.kind === 'YEAR');
  const seen = new Map<string, number>();
  const points = yearly.map((f) => {
    const n = (seen.get(f.period.label) ?? 0) + 1;
    seen.set(f.period.label, n);
    return figureDatum(f, n > 1 ? `${f.period.label} (${n})` : f.period.label);
  });
  const chart = renderChart({
    id: 'region-trade',
    title: `${data.region.name}: foreign trade by calendar year, all partners, imports plus exports`,
    unitLabel: UNIT_LABEL.CNY_MN,
    data: points,
    growth: true,
    toleranceChecked: false,
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
  );
};
