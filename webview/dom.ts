/**
 * Tiny DOM builder. Text always goes in through textContent: layer names and file paths come
 * from model files and must never be parsed as HTML.
 */
export interface ElementProps {
  id?: string;
  className?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: ElementProps, children?: Array<Node | string | null | undefined>): HTMLElementTagNameMap[K];
export function el(tag: string, props?: ElementProps, children?: Array<Node | string | null | undefined>): HTMLElement;
export function el(tag: string, props: ElementProps = {}, children: Array<Node | string | null | undefined> = []): HTMLElement {
  const e = document.createElement(tag);
  if (props.id) e.id = props.id;
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) {
    if (v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

/** A number shown as text, with the exact value in data-value for end-to-end checks. */
export function numberEl(id: string, value: number | null, text: string, tag: 'span' | 'td' | 'dd' = 'span'): HTMLElement {
  return el(tag, { id, text, attrs: { 'data-value': value === null ? 'null' : String(value) } });
}
