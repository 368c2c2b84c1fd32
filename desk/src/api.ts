// The API as the page calls it: the same public routes in local mode and in AWS, with the caller
// named by X-Janela-Agent locally or by the ID token in AWS.
import type { Window } from "./time";

export interface Config {
  mode: "local" | "oidc";
  api: string;
  issuer?: string;
  clientId?: string;
  redirectUri?: string;
}

/** A template as GET /templates lists it; `sendable` is the send gate's own verdict. */
export interface Template {
  name: string;
  language: string;
  category: string | null;
  parameterCount: number;
  enabled: boolean;
  status: string | null;
  sendable: boolean;
}

/** An agent as GET /agents lists the team. */
export interface TeamMember {
  email: string;
  name: string;
  status: "ONLINE" | "AWAY" | "OFFLINE";
  statusAt: string | null;
  canSendActiveMessages: boolean;
  departments: string[];
}

/** The most pages the page reads of one list: 20 of the API's 100 each. */
export const MAX_PAGES = 20;

/** Every item of a listed route, following its cursors (at most `MAX_PAGES` pages). */
export async function allPages<T>(page: (cursor: string | null) => Promise<{ items: T[]; cursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const answer = await page(cursor);
    all.push(...answer.items);
    cursor = answer.cursor;
    if (!cursor) break;
  }
  return all;
}

export interface Contact {
  phoneNumberId: string;
  contactKey?: string | null;
  waId: string | null;
  userId: string | null;
  username: string | null;
  name: string | null;
}

export interface Ticket {
  id: string;
  protocol?: string;
  status: string;
  contact: Contact;
  openedAt?: string;
  lastInboundAt?: string | null;
  window: Window;
  agent: string | null;
  department: string | null;
  reservedFor?: string | null;
  tags: string[];
  unanswered: { since: string; minutes: number; band: string } | null;
  scheduledClose: { at: string; cancelOnReply: boolean; message: string | null; requestedBy: string; requestedAt: string } | null;
  closing: { reason: string; at: string; by: string | null; message: string } | null;
}

export interface Message {
  id: string;
  direction: "inbound" | "outbound";
  at: string;
  kind: string;
  content: Record<string, any>;
  from: { kind: string; agent?: string; campaign?: string };
  status?: string;
  errors?: { code: number; title?: string; message?: string; details?: string }[];
  reactions?: { id: string; emoji: string; at: string }[];
}

export interface Note {
  id: string;
  at: string;
  by: string;
  text: string;
}

export interface Department {
  id: string;
  name: string;
  agents: string[];
}

/** A refusal as the API words it: its stable code and its sentence for people. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** The API's own sentence when it gave one, else its code, else the HTTP status. */
export function refusalOf(status: number, body: unknown): ApiError {
  const answer = (body && typeof body === "object" ? body : {}) as { error?: unknown; message?: unknown };
  const code = typeof answer.error === "string" ? answer.error : `http_${status}`;
  const message = typeof answer.message === "string" && answer.message.trim() !== ""
    ? answer.message : typeof answer.error === "string" ? answer.error : `HTTP ${status}`;
  return new ApiError(status, code, message);
}

export type Credentials = { header: string; value: string };

export class Api {
  /** {@code onUnauthenticated}: what to do when the API no longer takes the credentials (an expired token). */
  constructor(private readonly base: string, private readonly credentials: () => Credentials | null,
    private readonly onUnauthenticated: () => void = () => undefined) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const credentials = this.credentials();
    return credentials ? { ...extra, [credentials.header]: credentials.value } : extra;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await fetch(this.base + path, {
      method,
      headers: this.headers(body === undefined ? {} : { "Content-Type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    const json = text ? safeJson(text) : null;
    if (answer.status === 401) this.onUnauthenticated();
    if (!answer.ok) throw refusalOf(answer.status, json);
    return json as T;
  }

  async blob(path: string): Promise<Blob> {
    const answer = await fetch(this.base + path, { headers: this.headers() });
    if (!answer.ok) throw refusalOf(answer.status, safeJson(await answer.text()));
    return answer.blob();
  }

  departments = () => this.call<{ departments: Department[] }>("GET", "/departments");
  /** The templates the send gate lets an agent send now, every page. */
  usableTemplates = () => allPages(async (cursor) => {
    const page = await this.call<{ templates: Template[]; cursor: string | null }>("GET",
      `/templates?usable=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    return { items: page.templates, cursor: page.cursor };
  });
  /** The whole team, every page. */
  agents = () => allPages(async (cursor) => {
    const page = await this.call<{ agents: TeamMember[]; cursor: string | null }>("GET",
      `/agents${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`);
    return { items: page.agents, cursor: page.cursor };
  });
  tickets = (query: URLSearchParams) => this.call<{ tickets: Ticket[]; cursor: string | null }>("GET", `/tickets?${query}`);
  ticket = (id: string) => this.call<Ticket>("GET", `/tickets/${enc(id)}`);
  messages = (id: string, cursor?: string | null) =>
    this.call<{ messages: Message[]; cursor: string | null }>("GET",
      `/tickets/${enc(id)}/messages?order=oldest&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
  notes = (id: string) => this.call<{ notes: Note[] }>("GET", `/tickets/${enc(id)}/notes`);
  markRead = (id: string) => this.call<unknown>("POST", `/tickets/${enc(id)}/read`);
  send = (body: unknown) => this.call<{ id: string }>("POST", "/messages", body);
  assign = (id: string, to: { agent: string } | { department: string }) =>
    this.call<Ticket>("POST", `/tickets/${enc(id)}/assign`, to);
  close = (id: string, body: { at?: string; cancelOnReply?: boolean; message?: string }) =>
    this.call<Ticket>("POST", `/tickets/${enc(id)}/close`, body);
  cancelClose = (id: string) => this.call<Ticket>("DELETE", `/tickets/${enc(id)}/scheduled-close`);
  tags = (id: string, change: { add?: string[]; remove?: string[] }) =>
    this.call<Ticket>("POST", `/tickets/${enc(id)}/tags`, change);
  addNote = (id: string, text: string) => this.call<Note>("POST", `/tickets/${enc(id)}/notes`, { text });
  setStatus = (email: string, status: string) => this.call<unknown>("PUT", `/agents/${enc(email)}/status`, { status });
}

const enc = encodeURIComponent;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
