// One ticket: its conversation, notes and actions, and the reply box that knows the window.
import type { Api, Department, Message, Note, TeamMember, Template, Ticket } from "./api";
import { dropMissing, h, labelled, say, setAttr, setText, srOnly } from "./dom";
import { clock, contactHandle, contactName } from "./format";
import type { Lang, Texts } from "./i18n";
import { type ReplyMode, chosenTemplate, replyModeAt, templateLabel, templateMessage, textMessage } from "./reply";
import { transferTargets } from "./team";
import { formatCountdown, remainingMs, windowStateAt } from "./time";

const STATUS_TEXT: Record<string, keyof Texts> = {
  accepted: "Accepted", sent: "Sent", delivered: "Delivered", read: "Read", failed: "Failed",
};
const TICKS: Record<string, string> = { accepted: "🕓", sent: "✓", delivered: "✓✓", read: "✓✓", failed: "!" };

/** The customers write Portuguese: a typed template's language unless the agent says otherwise. */
const DEFAULT_TEMPLATE_LANGUAGE = "pt_BR";

/** A datetime-local input's value for an instant, in the browser's time zone. */
export function localInputValue(at: number): string {
  const date = new Date(at - new Date(at).getTimezoneOffset() * 60000);
  return date.toISOString().slice(0, 16);
}

export class Conversation {
  readonly element: HTMLElement;
  private ticket: Ticket | null = null;
  private id: string | null = null;
  private generation = 0;
  private readonly messageItems = new Map<string, { item: HTMLLIElement; status: HTMLElement | null; key: string }>();
  private readonly media = new Map<string, Promise<string>>();
  private mode: ReplyMode | null = null;
  /** GET /templates?usable=true, read again for each ticket opened. */
  private templates: Template[] = [];
  private parts!: ReturnType<Conversation["skeleton"]>;

  constructor(private readonly api: Api, private readonly t: Texts, private readonly lang: Lang,
    private readonly me: string, private readonly departments: Department[], private readonly team: TeamMember[],
    private readonly onChanged: () => void) {
    this.element = h("section", { class: "conversation", "aria-label": t.conversation },
      h("p", { class: "empty" }, t.pickTicket));
  }

  get current(): string | null {
    return this.id;
  }

  async open(id: string): Promise<void> {
    this.id = id;
    this.ticket = null;
    this.messageItems.clear();
    this.mode = null;
    this.templates = [];
    this.parts = this.skeleton();
    this.element.replaceChildren(...this.parts.root);
    await this.refresh();
    this.api.markRead(id).catch(() => undefined);
    if (window.matchMedia("(max-width: 760px)").matches) this.element.scrollIntoView({ block: "start" });
  }

  close(): void {
    this.id = null;
    this.element.replaceChildren(h("p", { class: "empty" }, this.t.pickTicket));
  }

  async refresh(): Promise<void> {
    const id = this.id;
    if (!id) return;
    const generation = ++this.generation;
    try {
      const firstRead = this.ticket === null;
      const [ticket, messages, notes, templates] = await Promise.all([this.api.ticket(id), this.allMessages(id),
        this.api.notes(id), firstRead ? this.api.usableTemplates().catch(() => [] as Template[]) : this.templates]);
      if (generation !== this.generation || id !== this.id) return;
      if (templates !== this.templates) {
        this.templates = templates;
        this.mode = null; // the reply box is laid out again with the list
      }
      this.ticket = ticket;
      this.showTicket(ticket);
      this.showMessages(messages);
      this.showNotes(notes.notes);
      this.tick(Date.now());
    } catch (error) {
      if (generation === this.generation) say(this.parts.actionAlert, (error as Error).message);
    }
  }

  private async allMessages(id: string): Promise<Message[]> {
    const all: Message[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer = await this.api.messages(id, cursor);
      all.push(...answer.messages);
      cursor = answer.cursor;
      if (!cursor) break;
    }
    return all;
  }

  private skeleton() {
    const t = this.t;
    const title = h("h2", { class: "contact" });
    const handle = h("p", { class: "handle" });
    const state = h("span", { class: "state" });
    const countdown = h("span", { class: "countdown" });
    const holder = h("p", { class: "holder" });
    const scheduled = h("p", { class: "scheduled", hidden: true });
    const tagList = h("ul", { class: "chips", "aria-label": t.tags });
    const actionAlert = h("p", { role: "alert", class: "error", hidden: true });
    const goodbye = h("input", { type: "text", maxlength: 4096 });
    const closeAt = h("input", { type: "datetime-local" });
    const cancelOnReply = h("input", { type: "checkbox", checked: true });
    const scheduleForm = h("form", { class: "schedule", hidden: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void this.scheduleClose(closeAt.value, cancelOnReply.checked, goodbye.value).then((ok) => {
          if (!ok) return;
          scheduleForm.hidden = true;
          scheduleToggle.setAttribute("aria-expanded", "false");
          goodbye.value = "";
        });
      } },
      labelled(t.closeAt, closeAt),
      h("label", { class: "check" }, cancelOnReply, t.cancelOnReply),
      labelled(t.goodbye, goodbye),
      h("button", { type: "submit" }, t.schedule));
    const take = h("button", { type: "button", onclick: () => this.act(() => this.api.assign(this.id!, { agent: this.me })) }, t.take);
    // the goodbye is typed in the close form; "Close now" sends it too when the form is open
    const closeNow = h("button", { type: "button", onclick: () => this.act(() =>
      this.api.close(this.id!, !scheduleForm.hidden && goodbye.value.trim() ? { message: goodbye.value.trim() } : {})) }, t.closeNow);
    const scheduleToggle = h("button", { type: "button", "aria-expanded": "false", onclick: () => {
      scheduleForm.hidden = !scheduleForm.hidden;
      scheduleToggle.setAttribute("aria-expanded", String(!scheduleForm.hidden));
      if (!scheduleForm.hidden && !closeAt.value) closeAt.value = this.defaultCloseAt();
    } }, t.scheduleClose);
    const closeButtons = h("span", { class: "buttons" }, closeNow, scheduleToggle);
    const cancelScheduled = h("button", { type: "button", hidden: true,
      onclick: () => this.act(() => this.api.cancelClose(this.id!)) }, t.cancelScheduledClose);
    const newTag = h("input", { type: "text", maxlength: 40, autocomplete: "off" });
    const tagForm = h("form", { class: "inline", onsubmit: (e: Event) => {
      e.preventDefault();
      const tag = newTag.value.trim();
      if (tag) void this.act(() => this.api.tags(this.id!, { add: [tag] })).then((ok) => { if (ok) newTag.value = ""; });
    } }, labelled(t.newTag, newTag), h("button", { type: "submit" }, t.addTag));
    const transferTo = h("select", {},
      h("optgroup", { label: t.agents }, ...transferTargets(this.team)
        .map((agent) => h("option", { value: `agent:${agent.email}` }, agent.label))),
      h("optgroup", { label: t.departments }, ...this.departments.map((d) => h("option", { value: `department:${d.id}` }, d.name))));
    const transferForm = h("form", { class: "inline", onsubmit: (e: Event) => {
      e.preventDefault();
      const [kind, ...rest] = transferTo.value.split(":");
      const target = rest.join(":");
      if (target) void this.act(() => this.api.assign(this.id!, kind === "agent" ? { agent: target } : { department: target }));
    } }, labelled(t.transferTo, transferTo), h("button", { type: "submit" }, t.transfer));
    const messages = h("ul", { class: "messages", "aria-label": t.messages, role: "list" });
    const scroller = h("div", { class: "scroller" }, messages);
    const reply = h("form", { class: "reply" });
    const replyAlert = h("p", { role: "alert", class: "error", hidden: true });
    const replyStatus = h("p", { role: "status", class: "hint" });
    const notes = h("ul", { class: "notes", "aria-label": t.notes, role: "list" });
    const noteText = h("textarea", { rows: 2, maxlength: 4096 });
    const noteForm = h("form", { class: "note-form", onsubmit: (e: Event) => {
      e.preventDefault();
      const text = noteText.value.trim();
      if (text) void this.act(() => this.api.addNote(this.id!, text)).then((ok) => { if (ok) noteText.value = ""; });
    } }, labelled(t.note, noteText), h("button", { type: "submit" }, t.addNote));
    const root = [
      h("header", { class: "ticket-head" }, title, handle,
        h("p", { class: "window" }, state, " ", srOnly(t.windowClosesIn), countdown), holder, scheduled),
      h("div", { class: "actions", role: "group", "aria-label": t.actions },
        actionAlert,
        h("div", { class: "buttons" }, take, closeButtons, cancelScheduled),
        scheduleForm,
        h("div", { class: "tagbox" }, tagList, tagForm), transferForm),
      scroller,
      h("div", { class: "replybox" }, replyAlert, reply, replyStatus),
      h("section", { class: "notes-box", "aria-label": t.notes }, h("h3", {}, t.notes), notes, noteForm),
    ];
    return { root, title, handle, state, countdown, holder, scheduled, tagList, actionAlert, take, cancelScheduled,
      closeButtons, transfer: transferForm,
      messages, scroller, reply, replyAlert, replyStatus, notes, closeAt };
  }

  private defaultCloseAt(): string {
    const now = Date.now();
    const end = this.ticket?.window.closesAt ? Date.parse(this.ticket.window.closesAt) - 60000 : now + 3600000;
    return localInputValue(Math.max(now + 60000, Math.min(now + 15 * 60000, end)));
  }

  /** Runs an action; a refusal is shown in the API's words, a success reloads the ticket and the queue. */
  private async act(action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      say(this.parts.actionAlert, null);
      await this.refresh();
      this.onChanged();
      return true;
    } catch (error) {
      say(this.parts.actionAlert, (error as Error).message);
      return false;
    }
  }

  private async scheduleClose(local: string, cancelOnReply: boolean, goodbye: string): Promise<boolean> {
    const at = new Date(local);
    if (!local || Number.isNaN(at.getTime())) return false;
    const body: { at: string; cancelOnReply: boolean; message?: string } = { at: at.toISOString(), cancelOnReply };
    if (goodbye.trim()) body.message = goodbye.trim();
    return this.act(() => this.api.close(this.id!, body));
  }

  private showTicket(ticket: Ticket): void {
    const { t, parts } = this;
    setText(parts.title, contactName(ticket.contact));
    setText(parts.handle, [contactHandle(ticket.contact), ticket.protocol ? `${t.protocol} ${ticket.protocol}` : ""]
      .filter(Boolean).join(" · "));
    setText(parts.holder, ticket.status === "CLOSED"
      ? `${t.ticketClosed}${ticket.closing ? ` · ${clock(ticket.closing.at, this.lang)}${ticket.closing.by ? ` · ${ticket.closing.by}` : ""}` : ""}`
      : [ticket.agent ? `${t.heldBy} ${ticket.agent}` : t.waiting, ticket.department ?? ""].filter(Boolean).join(" · "));
    const scheduled = ticket.scheduledClose;
    parts.scheduled.hidden = !scheduled;
    parts.cancelScheduled.hidden = !scheduled;
    if (scheduled) {
      setText(parts.scheduled, `${t.scheduledClose} ${clock(scheduled.at, this.lang)} · ${t.requestedBy} ${scheduled.requestedBy}`
        + (scheduled.cancelOnReply ? ` · ${t.cancelledIfCustomerWrites}` : "") + (scheduled.message ? ` · “${scheduled.message}”` : ""));
    }
    const closed = ticket.status === "CLOSED";
    parts.take.hidden = ticket.agent === this.me || closed;
    parts.closeButtons.hidden = closed;
    parts.transfer.hidden = closed;
    const chips = ticket.tags.map((tag) => h("li", {}, `#${tag}`, h("button", { type: "button", class: "chip-x",
      "aria-label": `${t.removeTag} ${tag}`, onclick: () => this.act(() => this.api.tags(this.id!, { remove: [tag] })) }, "×")));
    const same = parts.tagList.dataset.tags === ticket.tags.join(",");
    if (!same) {
      parts.tagList.replaceChildren(...chips);
      parts.tagList.dataset.tags = ticket.tags.join(",");
    }
  }

  private showMessages(messages: Message[]): void {
    const { scroller, messages: list } = this.parts;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
    dropMissing(this.messageItems, messages);
    messages.forEach((message, index) => {
      const key = JSON.stringify([message.status, message.errors, message.reactions, message.content]);
      let entry = this.messageItems.get(message.id);
      if (entry && entry.key !== key) {
        const fresh = this.messageItem(message);
        entry.item.replaceWith(fresh.item);
        entry = { ...fresh, key };
        this.messageItems.set(message.id, entry);
      } else if (!entry) {
        entry = { ...this.messageItem(message), key };
        this.messageItems.set(message.id, entry);
      }
      const at = list.children[index];
      if (at !== entry.item) list.insertBefore(entry.item, at ?? null);
    });
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
  }

  private who(message: Message): [string, string] {
    const t = this.t;
    switch (message.from.kind) {
      case "customer": return [contactName(this.ticket!.contact), t.customer];
      case "agent": return [message.from.agent ?? "", t.agent];
      case "campaign": return [message.from.campaign ?? "", t.campaign];
      case "sweeper": return [t.janela, ""];
      default: return [t.unknownSender, ""];
    }
  }

  private messageItem(message: Message): { item: HTMLLIElement; status: HTMLElement | null } {
    const [name, role] = this.who(message);
    const status = message.direction === "outbound" ? this.status(message) : null;
    const reactions = (message.reactions ?? []).filter((r) => r.emoji).map((r) => r.emoji).join(" ");
    const item = h("li", { class: `msg ${message.direction}` },
      h("p", { class: "meta" }, h("span", { class: "who" }, name), role ? h("span", { class: "role" }, role) : null,
        h("time", { datetime: message.at }, clock(message.at, this.lang))),
      this.content(message),
      reactions ? h("p", { class: "reactions" }, reactions) : null,
      status);
    return { item, status };
  }

  private status(message: Message): HTMLElement {
    const status = message.status ?? "accepted";
    const text = this.t[STATUS_TEXT[status] ?? "Sent"];
    const element = h("p", { class: `status ${status}` }, h("span", { "aria-hidden": "true", class: "ticks" }, TICKS[status] ?? "✓"),
      " ", h("span", { class: status === "failed" ? "" : "sr-only" }, text));
    if (status === "failed") {
      const reasons = (message.errors ?? []).map((e) => [e.title, e.details ?? e.message].filter(Boolean).join(": ") + ` (${e.code})`);
      if (reasons.length) element.append(": ", reasons.join("; "));
    }
    return element;
  }

  private content(message: Message): HTMLElement {
    const c = message.content ?? {};
    const t = this.t;
    switch (message.kind) {
      case "text": return h("p", { class: "body" }, String(c.body ?? ""));
      case "image":
      case "sticker": {
        const img = h("img", { alt: c.caption || t.image, class: "media", width: 240, height: 180 });
        if (c.mediaId) this.mediaUrl(c.mediaId).then((url) => { img.src = url; }).catch(() => { img.alt = `${t.image} (${t.failedToLoad})`; });
        return h("figure", { class: "body" }, img, c.caption ? h("figcaption", {}, c.caption) : null);
      }
      case "video":
      case "audio":
      case "document": {
        const link = h("a", { href: "#", class: "file" }, `${t.openFile} ${c.filename || message.kind}${c.mimeType ? ` (${c.mimeType})` : ""}`);
        link.addEventListener("click", async (event) => {
          event.preventDefault();
          if (c.mediaId) window.open(await this.mediaUrl(c.mediaId), "_blank", "noopener");
        });
        return h("p", { class: "body" }, link, c.caption ? ` ${c.caption}` : "");
      }
      case "reaction": return h("p", { class: "body" }, c.emoji ? `${t.reacted} ${c.emoji}` : t.reactionRemoved);
      case "location": return h("p", { class: "body" }, `${t.location}: ${[c.name, c.address].filter(Boolean).join(", ") || ""} (${c.latitude}, ${c.longitude})`);
      case "contacts": return h("p", { class: "body" }, `${t.contactCard}: ${(c.cards ?? []).map((card: any) => [card.name, ...(card.phones ?? [])].join(" ")).join("; ")}`);
      case "interactive": return h("p", { class: "body" }, String(c.title ?? c.id ?? ""));
      case "button": return h("p", { class: "body" }, String(c.text ?? c.payload ?? ""));
      case "template": return h("p", { class: "body template" }, `${t.template} ${c.name} (${c.language})${(c.parameters ?? []).length ? `: ${(c.parameters as string[]).join(" · ")}` : ""}`);
      default: return h("p", { class: "body" }, `[${message.kind}]`);
    }
  }

  private mediaUrl(mediaId: string): Promise<string> {
    let url = this.media.get(mediaId);
    if (!url) {
      url = this.api.blob(`/media/${encodeURIComponent(mediaId)}`).then((blob) => URL.createObjectURL(blob));
      url.catch(() => this.media.delete(mediaId));
      this.media.set(mediaId, url);
    }
    return url;
  }

  private showNotes(notes: Note[]): void {
    const key = notes.map((n) => n.id).join(",");
    if (this.parts.notes.dataset.key === key) return;
    this.parts.notes.dataset.key = key;
    this.parts.notes.replaceChildren(...(notes.length ? notes.map((note) => h("li", { class: "note" },
      h("p", { class: "meta" }, h("span", { class: "who" }, note.by), h("time", { datetime: note.at }, clock(note.at, this.lang))),
      h("p", { class: "body" }, note.text))) : [h("li", { class: "empty" }, this.t.noNotes)]));
  }

  /** Moves the window's countdown on, and turns the reply box to templates the moment the window closes. */
  tick(now: number): void {
    const ticket = this.ticket;
    if (!ticket || !this.parts) return;
    const state = windowStateAt(ticket.window, now);
    setText(this.parts.state, state);
    setAttr(this.parts.state, "data-state", state);
    setText(this.parts.countdown, formatCountdown(remainingMs(ticket.window, now)));
    const mode = replyModeAt(ticket, now);
    if (mode !== this.mode) {
      this.mode = mode;
      this.renderReply(mode);
    }
  }

  private renderReply(mode: ReplyMode): void {
    const { t, parts } = this;
    const ticket = this.ticket!;
    say(parts.replyAlert, null);
    setText(parts.replyStatus, "");
    if (mode === "text") {
      const text = h("textarea", { rows: 3, maxlength: 4096, required: true });
      text.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) parts.reply.requestSubmit();
      });
      parts.reply.replaceChildren(labelled(t.message, text), h("button", { type: "submit" }, t.send));
      parts.reply.onsubmit = (e) => {
        e.preventDefault();
        if (text.value.trim()) void this.sendReply(textMessage(ticket, text.value), () => { text.value = ""; });
      };
      return;
    }
    const parameters = h("div", { class: "parameters" });
    const addParameter = () => {
      const n = parameters.children.length + 1;
      parameters.append(labelled(`${t.parameter} ${n}`, h("input", { type: "text", maxlength: 1024 })));
    };
    const setParameters = (count: number) => {
      parameters.replaceChildren();
      for (let i = 0; i < count; i++) addParameter();
    };
    const listed = this.templates;
    let chosen: () => { name: string; language: string } | undefined;
    if (listed.length > 0) {
      // the templates the gate lets an agent send: pick one, and fill exactly its parameters
      const picker = h("select", { required: true },
        h("option", { value: "" }, t.chooseTemplate),
        ...listed.map((template, index) => h("option", { value: String(index) }, templateLabel(template))));
      picker.addEventListener("change", () => setParameters(chosenTemplate(listed, picker.value)?.parameterCount ?? 0));
      chosen = () => chosenTemplate(listed, picker.value);
      parts.reply.replaceChildren(
        h("p", { class: "hint" }, t.windowClosedReply),
        labelled(t.template, picker), parameters,
        h("div", { class: "buttons" }, h("button", { type: "submit" }, t.sendTemplate)));
    } else {
      // nothing listed (none approved and enabled yet, or the list could not be read): a name may be typed
      const name = h("input", { type: "text", autocomplete: "off", required: true });
      const language = h("input", { type: "text", value: DEFAULT_TEMPLATE_LANGUAGE, size: 6, required: true });
      setParameters(1);
      chosen = () => ({ name: name.value, language: language.value });
      parts.reply.replaceChildren(
        h("p", { class: "hint" }, t.windowClosedReply),
        labelled(t.template, name), labelled(t.language, language), parameters,
        h("div", { class: "buttons" }, h("button", { type: "button", onclick: addParameter }, t.addParameter),
          h("button", { type: "submit" }, t.sendTemplate)));
    }
    parts.reply.onsubmit = (e) => {
      e.preventDefault();
      const template = chosen();
      if (!template) return;
      const values = [...parameters.querySelectorAll("input")].map((input) => input.value);
      void this.sendReply(templateMessage(ticket, template.name, template.language, values), () => {
        // an active message to a closed ticket's contact lands on no ticket yet: say it went
        setText(parts.replyStatus, t.templateSent);
      });
    };
  }

  private async sendReply(body: unknown, sent: () => void): Promise<void> {
    try {
      await this.api.send(body);
      say(this.parts.replyAlert, null);
      sent();
      await this.refresh();
      this.onChanged();
    } catch (error) {
      say(this.parts.replyAlert, (error as Error).message);
    }
  }
}
