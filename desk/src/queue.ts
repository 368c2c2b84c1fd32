// The queue: GET /tickets in its four views with filters, order, search and cursor pages. Rows are
// kept by ticket id and updated in place, so the refresh every ten seconds never flickers, moves
// focus or scroll, and each row has a fixed height.
import type { Api, Department, Ticket } from "./api";
import { dropMissing, h, labelled, say, setAttr, setText, srOnly } from "./dom";
import { contactHandle, contactName } from "./format";
import type { Texts } from "./i18n";
import { bandFor, formatCountdown, formatMinutes, minutesSince, remainingMs, windowStateAt } from "./time";

export const VIEWS = ["open", "mine", "in-service", "all"] as const;
export type View = (typeof VIEWS)[number];

export interface QueueState {
  view: View;
  department: string;
  agent: string;
  tag: string;
  order: string;
  q: string;
}

/** The query GET /tickets takes for this state: empty filters left out (the API refuses unknown ones). */
export function ticketQuery(state: QueueState, limit: number, cursor?: string | null): URLSearchParams {
  const query = new URLSearchParams({ view: state.view });
  if (state.department) query.set("department", state.department);
  if (state.agent) query.set("agent", state.agent);
  if (state.tag.trim()) query.set("tag", state.tag.trim().toLowerCase());
  if (state.order) query.set("order", state.order);
  if (state.q.trim().length >= 2) query.set("q", state.q.trim());
  query.set("limit", String(limit));
  if (cursor) query.set("cursor", cursor);
  return query;
}

interface Row {
  item: HTMLLIElement;
  link: HTMLAnchorElement;
  name: HTMLElement;
  handle: HTMLElement;
  state: HTMLElement;
  countdown: HTMLElement;
  unanswered: HTMLElement;
  tags: HTMLElement;
  holder: HTMLElement;
  ticket: Ticket;
}

const PAGE = 25;

export class Queue {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly more: HTMLButtonElement;
  private readonly empty: HTMLElement;
  private readonly alert: HTMLElement;
  private readonly tabs = new Map<View, HTMLButtonElement>();
  private readonly rows = new Map<string, Row>();
  private state: QueueState = { view: "open", department: "", agent: "", tag: "", order: "", q: "" };
  private order: string[] = [];
  private cursor: string | null = null;
  private generation = 0;
  private selected: string | null = null;

  constructor(private readonly api: Api, private readonly t: Texts, departments: Department[],
    private readonly onOpen: (id: string) => void) {
    const names: Record<View, string> = { open: t.open, mine: t.mine, "in-service": t.inService, all: t.all };
    const tablist = h("div", { role: "tablist", "aria-label": t.views, class: "tabs" });
    for (const view of VIEWS) {
      const tab = h("button", {
        type: "button", role: "tab", id: `tab-${view}`, "aria-controls": "tickets",
        onclick: () => this.change({ view }),
        onkeydown: (event: Event) => this.arrow(event as KeyboardEvent, view),
      }, names[view]);
      this.tabs.set(view, tab);
      tablist.append(tab);
    }
    const search = h("input", { type: "search", "aria-label": t.search, placeholder: t.search, autocomplete: "off" });
    let typing: number | undefined;
    search.addEventListener("input", () => {
      clearTimeout(typing);
      typing = window.setTimeout(() => this.change({ q: search.value }), 300);
    });
    const department = h("select", { onchange: (e: Event) => this.change({ department: (e.target as HTMLSelectElement).value }) },
      h("option", { value: "" }, t.anyDepartment),
      ...departments.map((d) => h("option", { value: d.id }, d.name)));
    const agents = [...new Set(departments.flatMap((d) => d.agents))].sort();
    const agent = h("select", { onchange: (e: Event) => this.change({ agent: (e.target as HTMLSelectElement).value }) },
      h("option", { value: "" }, t.anyAgent), ...agents.map((a) => h("option", { value: a }, a)));
    const tag = h("input", { type: "text", autocomplete: "off", size: 10 });
    tag.addEventListener("change", () => this.change({ tag: tag.value }));
    const order = h("select", { onchange: (e: Event) => this.change({ order: (e.target as HTMLSelectElement).value }) },
      h("option", { value: "" }, t.recent), h("option", { value: "oldest" }, t.oldest),
      h("option", { value: "opened-recent" }, t.openedRecent), h("option", { value: "opened-oldest" }, t.openedOldest));
    this.list = h("ul", { id: "tickets", class: "tickets", "aria-label": t.tickets, role: "list" });
    this.more = h("button", { type: "button", class: "more", hidden: true, onclick: () => this.loadMore() }, t.loadMore);
    this.empty = h("p", { class: "empty", hidden: true }, t.noTickets);
    this.alert = h("p", { role: "alert", class: "error", hidden: true });
    this.element = h("section", { class: "queue", "aria-labelledby": "queue-title" },
      h("h2", { id: "queue-title", class: "sr-only" }, t.queue),
      h("nav", { "aria-label": t.views }, tablist),
      h("div", { class: "search" }, search),
      h("details", { class: "filters" }, h("summary", {}, t.filters),
        h("div", { class: "filter-grid" },
          labelled(t.department, department), labelled(t.agent, agent), labelled(t.tag, tag), labelled(t.order, order))),
      this.alert, this.list, this.empty, this.more);
    this.markTabs();
  }

  select(id: string | null): void {
    this.selected = id;
    for (const [rowId, row] of this.rows) setAttr(row.link, "aria-current", rowId === id ? "true" : null);
  }

  private arrow(event: KeyboardEvent, view: View): void {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length];
    this.tabs.get(next)!.focus();
    this.change({ view: next });
  }

  private markTabs(): void {
    for (const [view, tab] of this.tabs) {
      tab.setAttribute("aria-selected", String(view === this.state.view));
      tab.tabIndex = view === this.state.view ? 0 : -1;
    }
  }

  private change(part: Partial<QueueState>): void {
    this.state = { ...this.state, ...part };
    this.markTabs();
    this.order = [];
    this.cursor = null;
    void this.refresh(true);
  }

  /** Reads the first pages again, as many tickets as are shown (a fresh filter: one page). */
  async refresh(reset = false): Promise<void> {
    const generation = ++this.generation;
    const limit = reset ? PAGE : Math.min(100, Math.max(PAGE, this.order.length));
    try {
      const page = await this.api.tickets(ticketQuery(this.state, limit));
      if (generation !== this.generation) return;
      say(this.alert, null);
      this.cursor = page.cursor;
      this.show(page.tickets);
    } catch (error) {
      if (generation === this.generation) say(this.alert, (error as Error).message);
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.cursor) return;
    const generation = ++this.generation;
    try {
      const page = await this.api.tickets(ticketQuery(this.state, PAGE, this.cursor));
      if (generation !== this.generation) return;
      this.cursor = page.cursor;
      const known = new Set(this.order);
      this.show([...this.order.map((id) => this.rows.get(id)!.ticket),
        ...page.tickets.filter((ticket) => !known.has(ticket.id))]);
    } catch (error) {
      say(this.alert, (error as Error).message);
    }
  }

  private show(tickets: Ticket[]): void {
    const active = document.activeElement;
    dropMissing(this.rows, tickets);
    tickets.forEach((ticket, index) => {
      let row = this.rows.get(ticket.id);
      if (!row) {
        row = this.row(ticket);
        this.rows.set(ticket.id, row);
      }
      row.ticket = ticket;
      this.fill(row);
      const at = this.list.children[index];
      if (at !== row.item) this.list.insertBefore(row.item, at ?? null);
    });
    this.order = tickets.map((ticket) => ticket.id);
    this.empty.hidden = tickets.length > 0;
    this.more.hidden = !this.cursor;
    if (active instanceof HTMLElement && active !== document.activeElement && active.isConnected) active.focus({ preventScroll: true });
    this.tick(Date.now());
  }

  private row(ticket: Ticket): Row {
    const name = h("span", { class: "name" });
    const handle = h("span", { class: "handle" });
    const state = h("span", { class: "state" });
    const countdown = h("span", { class: "countdown" });
    const unanswered = h("span", { class: "unanswered" });
    const tags = h("span", { class: "tags" });
    const holder = h("span", { class: "holder" });
    const link = h("a", { href: `#/t/${encodeURIComponent(ticket.id)}`, class: "row",
      onclick: (event: Event) => { event.preventDefault(); this.onOpen(ticket.id); } },
      h("span", { class: "line" }, name, handle, h("span", { class: "window" }, state, srOnly(this.t.windowClosesIn), countdown)),
      h("span", { class: "line" }, unanswered, tags, holder));
    return { item: h("li", {}, link), link, name, handle, state, countdown, unanswered, tags, holder, ticket };
  }

  private fill(row: Row): void {
    const { ticket, t } = { ticket: row.ticket, t: this.t };
    setText(row.name, contactName(ticket.contact));
    setText(row.handle, ticket.contact.name ? contactHandle(ticket.contact) : "");
    setText(row.tags, ticket.tags.map((tag) => `#${tag}`).join(" "));
    setText(row.holder, ticket.status === "CLOSED" ? t.ticketClosed
      : ticket.agent ? `${t.heldBy} ${ticket.agent}` : `${t.waiting}${ticket.department ? ` · ${ticket.department}` : ""}`);
    setAttr(row.link, "aria-current", ticket.id === this.selected ? "true" : null);
  }

  /** Moves every row's countdown and unanswered time on: text only, nothing re-laid. */
  tick(now: number): void {
    for (const row of this.rows.values()) {
      const { window, unanswered } = row.ticket;
      const state = windowStateAt(window, now);
      setText(row.state, state);
      setAttr(row.state, "data-state", state);
      setText(row.countdown, formatCountdown(remainingMs(window, now)));
      if (unanswered) {
        const minutes = minutesSince(unanswered.since, now);
        const band = bandFor(minutes);
        setText(row.unanswered, `${this.t.unanswered} ${formatMinutes(minutes)}`);
        setAttr(row.unanswered, "data-band", band);
      } else {
        setText(row.unanswered, row.ticket.status === "CLOSED" ? "" : this.t.answered);
        setAttr(row.unanswered, "data-band", null);
      }
    }
  }
}
