/**
 * Overview: the four land ports, each with its current status and its timeline of openings,
 * closures and reopenings (with sources); beside them, the four-port group's latest published
 * figures (those of the latest period the API has for the group, e.g. Jan–Nov 2023).
 */
import { query } from '../api';
import { h } from '../dom';
import { citation, EVENT_LABEL, PERIOD_KIND_LABEL, pct, PORT_STATUS_LABEL, STATUS_LABEL, UNIT_LABEL } from '../format';
import { OverviewDocument, type OverviewQuery } from '../generated/graphql';
import { emptyMessage, errorMessage, loading, type View } from './view';

type Port = OverviewQuery['ports'][number];
type Figure = NonNullable<OverviewQuery['fourPorts']>['figures'][number];

function sourceLink(s: Port['events'][number]['source']): HTMLElement | string {
  return s.url ? h('a', { href: s.url, rel: 'noopener noreferrer', target: '_blank', class: 'source-link' }, citation(s)) : `${citation(s)} (cited without an address)`;
}

function portCard(p: Port): HTMLElement {
  const st = p.statusOn;
  return h(
    'article',
    { class: 'port-card', 'data-port': p.code },
    h('h3', {}, p.name, ' ', h('span', { lang: 'zh', class: 'zh' }, p.chineseName)),
    p.otherNames.length ? h('p', { class: 'muted' }, `Also: ${p.otherNames.join(', ')} · ${p.county} · faces ${p.counterpartCrossing}`) : null,
    h(
      'p',
      { class: 'port-status' },
      h('span', { class: `badge status-${st.status.toLowerCase()}` }, PORT_STATUS_LABEL[st.status]),
      ` on ${st.date}`,
      st.since ? ` since ${st.since.date} (${EVENT_LABEL[st.since.event].toLowerCase()}: ${st.since.detail})` : '',
    ),
    h('h4', {}, 'Timeline'),
    p.events.length
      ? h(
          'ol',
          { class: 'timeline' },
          ...p.events.map((e) =>
            h(
              'li',
              { class: `event event-${e.event.toLowerCase()}` },
              h('time', { datetime: e.date }, e.date),
              ' ',
              h('span', { class: `badge event-${e.event.toLowerCase()}` }, EVENT_LABEL[e.event]),
              ` ${e.detail}. `,
              h('span', { class: 'event-source' }, 'Source: ', sourceLink(e.source)),
            ),
          ),
        )
      : emptyMessage('No openings or closures are recorded for this port.'),
  );
}

function figureTile(f: Figure): HTMLElement {
  return h(
    'article',
    { class: `figure-tile status-${f.status.toLowerCase()}`, 'data-figure-id': f.id, id: `figure-${f.id}` },
    h('h4', {}, f.measure.name),
    h('p', { class: 'tile-value' }, h('span', { 'data-col': 'value' }, f.value ?? '—'), ' ', h('span', { class: 'unit', 'data-col': 'unit', 'data-unit': f.unit }, UNIT_LABEL[f.unit])),
    h('p', { class: 'muted' }, `${f.period.label} (${PERIOD_KIND_LABEL[f.period.kind]}) · ${STATUS_LABEL[f.status]}`),
    h(
      'p',
      {},
      `Reported growth ${pct(f.reportedYoyGrowthPct)}`,
      f.impliedPriorValue ? ` · implied prior-year value ${f.impliedPriorValue} (derived)` : '',
      ` · computed growth ${f.yoyGrowthPct ? pct(f.yoyGrowthPct) : `— (${f.yoyGrowthNullReason ?? 'none'})`}`,
    ),
    h('p', { class: 'event-source' }, 'Source: ', sourceLink(f.source)),
  );
}

/** Renders the Overview. */
export const overviewView: View = async (ctx) => {
  ctx.root.replaceChildren(h('h2', {}, 'Overview'), loading('the ports and the latest figures'));
  let data: OverviewQuery;
  try {
    data = await query(OverviewDocument, {});
  } catch (err) {
    ctx.root.replaceChildren(h('h2', {}, 'Overview'), errorMessage('the overview', err));
    return;
  }
  const group = data.fourPorts;
  const figures = group?.figures ?? [];
  const latestEnd = figures.reduce((m, f) => (f.period.end > m ? f.period.end : m), '');
  const latest = figures.filter((f) => f.period.end === latestEnd);
  const label = latest[0]?.period.label;
  ctx.root.replaceChildren(
    h('h2', {}, 'Overview'),
    h(
      'div',
      { class: 'overview-grid' },
      h(
        'section',
        { class: 'ports', 'aria-labelledby': 'ports-h' },
        h('h3', { id: 'ports-h', class: 'section-title' }, 'The four land ports'),
        data.ports.length ? h('div', { class: 'port-cards' }, ...data.ports.map(portCard)) : emptyMessage('The API lists no ports.'),
      ),
      h(
        'section',
        { class: 'latest', 'aria-labelledby': 'latest-h' },
        h('h3', { id: 'latest-h', class: 'section-title' }, `Latest published figures: ${group?.name ?? 'four land ports'}${label ? `, ${label}` : ''}`),
        h('p', { class: 'muted' }, 'Counted where goods are cleared (port-of-clearance basis): not comparable with the region’s own trade. Where two sources published the same figure, both are shown.'),
        latest.length ? h('div', { class: 'tiles' }, ...latest.map(figureTile)) : emptyMessage('No figures are published for the four ports.'),
      ),
    ),
  );
};
