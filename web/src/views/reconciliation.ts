/**
 * Reconciliation: the API's growth checks (reported growth against growth computed from the
 * stored prior-year figure, with the tolerance per growth basis) and the figures whose sources
 * disagree. Every figure involved links to the chart that shows it (Port view for a port, else
 * the Subject view) with its row highlighted, and to its source.
 */
import { query } from '../api';
import { h } from '../dom';
import { citation, pct, pp, STATUS_LABEL, UNIT_LABEL } from '../format';
import { ReconciliationDocument, type CheckFragment, type ReconFigureFragment, type ReconciliationQuery } from '../generated/graphql';
import { emptyMessage, errorMessage, loading, type View } from './view';

/** Where a figure is charted: the Port view for a port, the Subject view otherwise. */
export function figureHref(f: Pick<ReconFigureFragment, 'id' | 'subjectCode'>): string {
  return f.subjectCode.startsWith('PORT-') ? `#/port/${f.subjectCode}?figure=${f.id}` : `#/subject/${f.subjectCode}?figure=${f.id}`;
}

function figureLine(f: ReconFigureFragment, role: string): HTMLElement {
  return h(
    'li',
    { 'data-figure-id': f.id },
    `${role}: `,
    h('a', { href: figureHref(f), class: 'figure-link' }, `${f.subject.name}, ${f.measure.name}, ${f.partnerCode === 'ALL' ? 'all partners' : f.partnerCode}, ${f.flow.toLowerCase()}, ${f.period.label}`),
    ': ',
    h('strong', { 'data-col': 'value' }, f.value ?? '—'),
    ` ${UNIT_LABEL[f.unit]}${f.status === 'REPORTED' ? '' : ` (${STATUS_LABEL[f.status]})`} · `,
    f.source.url ? h('a', { href: f.source.url, rel: 'noopener noreferrer', target: '_blank', class: 'source-link' }, citation(f.source)) : `${citation(f.source)} (cited without an address)`,
  );
}

function checkItem(c: CheckFragment): HTMLElement {
  const f = c.figure;
  return h(
    'li',
    { class: `recon-item check-${c.classification.toLowerCase()}`, 'data-figure-id': f.id },
    h('h4', {}, `${f.subject.name}: ${f.measure.name}, ${f.period.label}`),
    h(
      'p',
      {},
      `Reported ${pct(c.reportedYoyGrowthPct)}${c.growthBasis === 'MULTIPLE_ROUNDED' ? ' (rounded multiple)' : ''} · computed (derived) ${c.yoyGrowthPct ? pct(c.yoyGrowthPct) : `— (${c.uncheckableReason ?? 'none'})`}`,
      c.discrepancyPp ? ` · discrepancy ${pp(c.discrepancyPp)}` : '',
      c.tolerancePp ? ` · tolerance ±${c.tolerancePp} pp` : '',
    ),
    h('ul', { class: 'sources' }, figureLine(f, 'Figure'), f.priorFigure ? figureLine(f.priorFigure, 'Prior-year figure used') : null),
  );
}

function conflictItem(c: ReconciliationQuery['reconciliation']['conflicts'][number]): HTMLElement {
  const f = c.preferred;
  return h(
    'li',
    { class: 'recon-item conflict', 'data-figure-id': f.id },
    h('h4', {}, `${f.subject.name}: ${f.measure.name}, ${f.partnerCode === 'ALL' ? 'all partners' : f.partnerCode}, ${f.period.label}`),
    h('p', {}, `Sources differ by ${c.spreadAbs ?? '—'} ${UNIT_LABEL[f.unit]}${c.spreadRelPct ? ` (${c.spreadRelPct} % of the preferred value)` : ''}.`),
    h('ul', { class: 'sources' }, figureLine(f, 'Preferred'), ...c.alternatives.map((a) => figureLine(a, 'Other source'))),
  );
}

function section(id: string, title: string, items: HTMLElement[], empty: string, open = true): HTMLElement {
  const body = items.length ? h('ol', { class: 'recon-list', 'data-list': id }, ...items) : emptyMessage(empty);
  return open
    ? h('section', { 'aria-labelledby': `${id}-h`, id }, h('h3', { id: `${id}-h`, class: 'section-title' }, title), body)
    : h('section', { id }, h('details', {}, h('summary', {}, title), body));
}

/** Renders the Reconciliation view. */
export const reconciliationView: View = async (ctx) => {
  const heading = h('h2', {}, 'Reconciliation');
  ctx.root.replaceChildren(heading, loading('the reconciliation'));
  let data: ReconciliationQuery;
  try {
    data = await query(ReconciliationDocument, {});
  } catch (err) {
    ctx.root.replaceChildren(heading, errorMessage('the reconciliation', err));
    return;
  }
  const r = data.reconciliation;
  const n = r.counts;
  ctx.root.replaceChildren(
    heading,
    h(
      'p',
      { class: 'muted', id: 'recon-summary' },
      `Of ${n.reported} figures with a reported growth, ${n.beyondTolerance} differ from the growth computed from the stored prior-year figure by more than the tolerance (±${r.tolerance.percentPp} pp for a percent, ±${r.tolerance.multipleRoundedPp} pp for a rounded multiple such as “增长1.2倍”), ${n.withinTolerance} agree within it and ${n.uncheckable} cannot be checked. ${n.conflicts} figures are published with different values by different sources.`,
    ),
    section('beyond', `Growth beyond tolerance (${n.beyondTolerance})`, r.beyondTolerance.map(checkItem), 'No reported growth differs from the computed growth beyond tolerance.'),
    section('conflicts', `Conflicting sources (${n.conflicts})`, r.conflicts.map(conflictItem), 'No two sources give different values for the same figure.'),
    section('within', `Growth within tolerance (${n.withinTolerance})`, r.withinTolerance.map(checkItem), 'None.', false),
    section('uncheckable', `Growth that cannot be checked (${n.uncheckable})`, r.uncheckable.map(checkItem), 'None.', false),
  );
};
