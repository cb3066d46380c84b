/** A tiny element builder: no framework, the views are small and mostly static. */

/** A child: a node, a text, or nothing (skipped). */
export type Child = Node | string | null | undefined | false;

/** Attributes: strings, numbers and booleans become attributes (false: absent); `on*` functions become listeners. */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(name.slice(2).toLowerCase(), v);
    else if (v === true) el.setAttribute(name, '');
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(name, String(v));
  }
  append(el, ...children);
  return el;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Escapes text for the chart library's HTML tooltips. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
