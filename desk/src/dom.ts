// A few lines of DOM building instead of a UI library: the page is a handful of views whose rows
// are updated in place (keyed by id), which plain DOM does without a virtual DOM's weight.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "value" || name === "checked" || name === "selected") {
      (element as any)[name] = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** Sets text only when it changed, so nothing repaints or loses a selection for nothing. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

export function setAttr(element: Element, name: string, value: string | null): void {
  if (value === null) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

export function srOnly(text: string): HTMLSpanElement {
  return h("span", { class: "sr-only" }, text);
}

let ids = 0;
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled control: the label wraps it, so its accessible name is the label's text. */
export function labelled(text: string, control: HTMLElement, className = "field"): HTMLLabelElement {
  return h("label", { class: className }, h("span", { class: "label" }, text), control);
}

/** Shows a message in a role=alert element, hidden while there is none. */
export function say(alert: HTMLElement, message: string | null): void {
  alert.hidden = !message;
  setText(alert, message ?? "");
}

/** Removes the keyed elements whose ids are no longer listed: the rest stay, and are updated in place. */
export function dropMissing(entries: Map<string, { item: Element }>, listed: { id: string }[]): void {
  const keep = new Set(listed.map((entry) => entry.id));
  for (const [id, entry] of entries) {
    if (!keep.has(id)) {
      entry.item.remove();
      entries.delete(id);
    }
  }
}
