type Attrs = Record<string, string | number | boolean | undefined | null>;
type Child = Node | string | null | undefined | false;

/**
 * Returns a new element with attributes and children. Strings become text nodes, so data text is
 * never parsed as markup. `class`, `aria-*`, `data-*` and other attributes are set as given; a
 * boolean true sets an empty attribute, false/null/undefined omits it. `style` goes through the
 * CSSOM, which a strict Content-Security-Policy allows.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'style') {
      node.style.cssText = String(v);
      continue;
    }
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** Replaces an element's children. */
export function fill(node: Element, ...children: Child[]): void {
  node.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
}

/** Adds an event listener and returns the function that removes it. */
export function listen<K extends keyof HTMLElementEventMap>(
  target: HTMLElement | Document | Window,
  type: K,
  fn: (e: HTMLElementEventMap[K]) => void,
  opts?: AddEventListenerOptions,
): () => void {
  target.addEventListener(type, fn as EventListener, opts);
  return () => target.removeEventListener(type, fn as EventListener, opts);
}

/**
 * Returns buttons as an inline list, "a, b, c". Each comma goes inside its button, out of its name
 * (aria-hidden) and its underline (an inline-block), held to the name's last word by a span that does
 * not wrap: a comma after a button (an atomic box) could wrap onto a line of its own, and so could an
 * inline-block comma after a name that ends a line.
 */
export function commaList(items: readonly HTMLElement[]): (Node | string)[] {
  return items.flatMap((item, i) => {
    if (i < items.length - 1) glueAfterLastWord(item, el('span', { class: 'comma', 'aria-hidden': 'true' }, ','));
    return i ? [' ', item] : [item];
  });
}

/** Appends `mark` to `item` held to its last word (both in a `.nowrap` span), or at its end where it has no text. */
function glueAfterLastWord(item: HTMLElement, mark: HTMLElement): void {
  const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) if (n.data.trim()) last = n;
  const word = last ? /\S+\s*$/.exec(last.data) : null;
  if (!last || !word) return void item.append(mark);
  const tail = last.splitText(word.index);
  const glue = el('span', { class: 'nowrap' });
  tail.replaceWith(glue);
  glue.append(tail, mark);
}
