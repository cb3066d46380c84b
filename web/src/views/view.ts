/** What every view shares: its root, the charts to dispose when leaving it, and the state messages. */
import { h } from '../dom';
import type { RenderedChart } from '../chart';
import { ApiError } from '../api';

/** The page area a view renders into, and the charts it created. */
export interface ViewContext {
  root: HTMLElement;
  charts: RenderedChart[];
  /** Route parameters after the view name, e.g. ["PORT-ZHAM"]. */
  params: string[];
  /** Query part of the route, e.g. figure=123. */
  search: URLSearchParams;
}

/** A view: renders into ctx.root. */
export type View = (ctx: ViewContext) => Promise<void>;

/** A loading message. */
export function loading(what: string): HTMLElement {
  return h('p', { class: 'state loading', role: 'status' }, `Loading ${what}…`);
}

/** An error message naming what could not be loaded and why. */
export function errorMessage(what: string, err: unknown): HTMLElement {
  const why = err instanceof ApiError ? err.message : err instanceof Error ? err.message : String(err);
  return h('p', { class: 'state error', role: 'alert' }, `Could not load ${what}: ${why}`);
}

/** A message for an empty answer. */
export function emptyMessage(text: string): HTMLElement {
  return h('p', { class: 'state empty', role: 'status' }, text);
}
