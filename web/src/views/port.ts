/**
 * Port: one port's published figures over time, one chart per measure, unit, partner and flow,
 * each with reported and computed growth.
 */
import { query } from '../api';
import { figureGroupCharts } from './figure-groups';
import { beyondToleranceById } from './checks';
import { h } from '../dom';
import { EVENT_LABEL, PORT_STATUS_LABEL } from '../format';
import { PortFiguresDocument, PortListDocument, type PortFiguresQuery, type PortListQuery } from '../generated/graphql';
import { emptyMessage, errorMessage, loading, type View } from './view';


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
  const charts = figureGroupCharts(ctx, `port-${port.code}`, port.name, port.figures, await beyondToleranceById());
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
