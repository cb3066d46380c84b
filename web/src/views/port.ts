/**
 * Port: one port's published figures over time, one chart per measure, unit, partner and flow,
 * each with reported and computed growth.
 */
import { query } from '../api';
import { figureDatum, renderChart } from '../chart';
import { h } from '../dom';
import { EVENT_LABEL, PORT_STATUS_LABEL, UNIT_LABEL } from '../format';
import { PortFiguresDocument, PortListDocument, type PortFiguresQuery, type PortListQuery } from '../generated/graphql';
import { emptyMessage, errorMessage, loading, type View } from './view';

type Figure = NonNullable<PortFiguresQuery['port']>['figures'][number];

const FLOW_WORD = { TOTAL: 'imports plus exports', EXPORT: 'exports', IMPORT: 'imports' } as const;

function groupKey(f: Figure): string {
  return [f.measureCode, f.unit, f.partnerCode, f.flow].join('|');
}

/** Renders the Port view for the port in the route (default the first port). */
export const portView: View = async (ctx) => {
  const heading = h('h2', {}, 'Port');
  ctx.root.replaceChildren(heading, loading('the ports'));
  let list: PortListQuery;
  try {
    list = await query(PortListDocument, {});
  } catch (err) {
    ctx.root.replaceChildren(heading, errorMessage('the list of ports', err));
    return;
  }
  const code = ctx.params[0] ?? list.ports[0]?.code;
  const picker = h(
    'nav',
    { class: 'port-picker', 'aria-label': 'Ports' },
    h('ul', {}, ...list.ports.map((p) => h('li', {}, h('a', { href: `#/port/${p.code}`, 'aria-current': p.code === code ? 'page' : false }, p.name)))),
  );
  if (!code) {
    ctx.root.replaceChildren(heading, emptyMessage('The API lists no ports.'));
    return;
  }
  ctx.root.replaceChildren(heading, picker, loading(`the figures of ${code}`));
  let data: PortFiguresQuery;
  try {
    data = await query(PortFiguresDocument, { code });
  } catch (err) {
    ctx.root.replaceChildren(heading, picker, errorMessage(`the figures of ${code}`, err));
    return;
  }
  const port = data.port;
  if (!port) {
    ctx.root.replaceChildren(heading, picker, emptyMessage(`No port has the code ${code}.`));
    return;
  }
  heading.textContent = `Port: ${port.name}`;
  const groups = new Map<string, Figure[]>();
  for (const f of port.figures) groups.set(groupKey(f), [...(groups.get(groupKey(f)) ?? []), f]);
  const charts = [...groups.values()].map((figs, i) => {
    const f0 = figs[0];
    const partner = f0.partnerCode === 'ALL' ? 'all partners' : `with ${f0.partnerCode}`;
    const seen = new Map<string, number>();
    const chart = renderChart({
      id: `port-${port.code}-${i}`,
      title: `${port.name}: ${f0.measure.name}, ${partner}, ${FLOW_WORD[f0.flow]}`,
      unitLabel: UNIT_LABEL[f0.unit],
      data: figs.map((f) => {
        const n = (seen.get(f.period.label) ?? 0) + 1;
        seen.set(f.period.label, n);
        return figureDatum(f, n > 1 ? `${f.period.label} (${n})` : f.period.label);
      }),
      growth: true,
      toleranceChecked: false,
      emptyMessage: `Only growth rates without values are published for ${f0.measure.name}.`,
    });
    ctx.charts.push(chart);
    return chart.element;
  });
  const st = port.statusOn;
  ctx.root.replaceChildren(
    heading,
    picker,
    h(
      'p',
      { class: 'muted' },
      `${port.otherNames.length ? `Also ${port.otherNames.join(', ')}. ` : ''}${PORT_STATUS_LABEL[st.status]}${st.since ? ` since ${st.since.date} (${EVENT_LABEL[st.since.event].toLowerCase()}: ${st.since.detail})` : ''}. Figures count goods cleared at the port, whoever the trader is. Each chart mixes the spans the sources published: read the period kind of each bar.`,
    ),
    ...(charts.length ? charts : [emptyMessage(`No figures are published for ${port.name} yet.`)]),
  );
};
