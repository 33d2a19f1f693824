/**
 * Server-side HTML for the dashboard's first view (issue 19), built the way the page script builds
 * its DOM (`h(tag, attrs, ...kids)`): every string is text and is escaped; only what `el` returns is
 * markup. No template holes, so a name or message from the cluster cannot inject markup.
 */
export class Html {
  constructor(readonly markup: string) {}
}

export type Child = Html | string | number | null | undefined | false | readonly Child[];

type AttrValue = string | number | boolean | null | undefined;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const VOID = new Set(['input', 'br', 'meta', 'link']);

/** `<tag attrs>kids</tag>`; attributes that are false, null or undefined are left out, `true` is bare. */
export function el(tag: string, attrs: Record<string, AttrValue>, ...kids: Child[]): Html {
  let open = `<${tag}`;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    open += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  if (VOID.has(tag)) return new Html(`${open}>`);
  return new Html(`${open}>${render(kids)}</${tag}>`);
}

/** The children as markup: text escaped, nested arrays flattened, empty values dropped. */
export function render(kids: readonly Child[]): string {
  let out = '';
  for (const kid of kids) {
    if (kid === null || kid === undefined || kid === false) continue;
    if (kid instanceof Html) out += kid.markup;
    else if (Array.isArray(kid)) out += render(kid as readonly Child[]);
    else out += escapeHtml(String(kid));
  }
  return out;
}
