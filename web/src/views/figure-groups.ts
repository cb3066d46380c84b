/**
 * Charts of a subject's figures: one per measure, unit, partner and flow, each with reported and
 * computed growth and the checks beyond tolerance marked. Used by the Port and Subject views.
 */
import { figureDatum, renderChart, type BeyondTolerance } from '../chart';
import { UNIT_LABEL } from '../format';
import type { ChartFigureFragment } from '../generated/graphql';
import type { ViewContext } from './view';

const FLOW_WORD = { TOTAL: 'imports plus exports', EXPORT: 'exports', IMPORT: 'imports' } as const;

/** Renders the charts; returns their elements (none when there are no figures). */
export function figureGroupCharts(ctx: ViewContext, idPrefix: string, ownerName: string, figures: ChartFigureFragment[], beyond: Map<string, BeyondTolerance> | null): HTMLElement[] {
  const groups = new Map<string, ChartFigureFragment[]>();
  for (const f of figures) {
    const key = [f.measureCode, f.unit, f.partnerCode, f.flow].join('|');
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map((figs, i) => {
    const f0 = figs[0];
    const partner = f0.partnerCode === 'ALL' ? 'all partners' : `with ${f0.partnerCode}`;
    const seen = new Map<string, number>();
    const chart = renderChart({
      id: `${idPrefix}-${i}`,
      title: `${ownerName}: ${f0.measure.name}, ${partner}, ${FLOW_WORD[f0.flow]}`,
      unitLabel: UNIT_LABEL[f0.unit],
      data: figs.map((f) => {
        const n = (seen.get(f.period.label) ?? 0) + 1;
        seen.set(f.period.label, n);
        return { ...figureDatum(f, n > 1 ? `${f.period.label} (${n})` : f.period.label), beyondTolerance: beyond?.get(f.id) ?? null };
      }),
      growth: true,
      toleranceChecked: beyond !== null,
      emptyMessage: `Only growth rates without values are published for ${f0.measure.name}.`,
    });
    ctx.charts.push(chart);
    return chart.element;
  });
}
