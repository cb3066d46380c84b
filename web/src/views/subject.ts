/**
 * Subject: any reporter's published figures (region, prefecture, four-port group, Nepal...),
 * charted like a port's. The Reconciliation view links every figure it lists here or to the
 * Port view.
 */
import { query } from '../api';
import { h } from '../dom';
import { SubjectFiguresDocument, type SubjectFiguresQuery } from '../generated/graphql';
import { beyondToleranceById } from './checks';
import { figureGroupCharts } from './figure-groups';
import { emptyMessage, errorMessage, loading, type View } from './view';

/** Renders the Subject view for the code in the route. */
export const subjectView: View = async (ctx) => {
  const code = ctx.params[0] ?? 'XZ';
  const heading = h('h2', {}, `Figures of ${code}`);
  ctx.root.replaceChildren(heading, loading(`the figures of ${code}`));
  let data: SubjectFiguresQuery;
  try {
    data = await query(SubjectFiguresDocument, { code });
  } catch (err) {
    ctx.root.replaceChildren(heading, errorMessage(`the figures of ${code}`, err));
    return;
  }
  const s = data.subject;
  if (!s) {
    ctx.root.replaceChildren(heading, emptyMessage(`No subject has the code ${code}.`));
    return;
  }
  heading.textContent = `Figures of ${s.name}`;
  const charts = figureGroupCharts(ctx, `subject-${s.code}`, s.name, s.figures, await beyondToleranceById());
  ctx.root.replaceChildren(
    heading,
    h('p', { class: 'muted' }, `${s.code} · ${s.kind.toLowerCase().replace(/_/g, ' ')} · statistical basis ${s.basis ? s.basis.toLowerCase().replace(/_/g, ' ') : 'unknown'}. Each chart mixes the spans the sources published: read the period kind of each bar.`),
    ...(charts.length ? charts : [emptyMessage(`No figures are published for ${s.name}.`)]),
  );
};
