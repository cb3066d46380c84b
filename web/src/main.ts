/**
 * The dashboard's entry: a hash router over the views (#/overview, #/region, #/port/CODE,
 * #/subject/CODE, #/reconciliation). Leaving a view disposes its charts. `?figure=ID` in a route opens the data
 * table holding that figure and scrolls to it (the Reconciliation view links figures that way).
 */
import './style.css';
import { overviewView } from './views/overview';
import { regionView } from './views/region';
import { portView } from './views/port';
import { reconciliationView } from './views/reconciliation';
import { subjectView } from './views/subject';
import type { View, ViewContext } from './views/view';

const VIEWS: Record<string, View> = {
  overview: overviewView,
  region: regionView,
  port: portView,
  subject: subjectView,
  reconciliation: reconciliationView,
};

const root = document.getElementById('main') as HTMLElement;
let current: ViewContext | null = null;

function highlightFigure(id: string | null): void {
  if (!id) return;
  const row = document.getElementById(`figure-${id}`);
  if (!row) return;
  const details = row.closest('details');
  if (details) details.open = true;
  row.classList.add('highlight');
  row.scrollIntoView({ block: 'center' });
}

async function route(): Promise<void> {
  const [path, qs] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...params] = (path || 'overview').split('/');
  const view = VIEWS[name] ?? overviewView;
  for (const c of current?.charts ?? []) c.dispose();
  current = { root, charts: [], params, search: new URLSearchParams(qs ?? '') };
  const navName = name === 'subject' ? '' : VIEWS[name] ? name : 'overview';
  document.querySelectorAll<HTMLAnchorElement>('.nav a').forEach((a) => {
    if (a.dataset.view === navName) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const ctx = current;
  root.setAttribute('aria-busy', 'true');
  await view(ctx);
  if (ctx !== current) return;
  root.setAttribute('aria-busy', 'false');
  root.dataset.view = VIEWS[name] ? name : 'overview';
  highlightFigure(ctx.search.get('figure'));
}

window.addEventListener('hashchange', () => void route());
void route();
