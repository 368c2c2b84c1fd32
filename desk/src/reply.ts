// What the reply box offers: free text while the customer's window is open, only a template once
// it has closed (the API's guard refuses free text then, and the page does not offer it).
import type { Template, Ticket } from "./api";
import { windowStateAt } from "./time";

export type ReplyMode = "text" | "template";

export function replyModeAt(ticket: Pick<Ticket, "window">, now: number): ReplyMode {
  return windowStateAt(ticket.window, now) === "CLOSED" ? "template" : "text";
}

/** The customer as POST /messages names them: by phone when known, else by business-scoped user id. */
export function recipientOf(ticket: Pick<Ticket, "contact">): { phoneNumberId: string; waId: string } | { phoneNumberId: string; userId: string } {
  const { phoneNumberId, waId, userId } = ticket.contact;
  if (waId) return { phoneNumberId, waId };
  if (userId) return { phoneNumberId, userId };
  throw new Error("the ticket names neither a phone nor a user id");
}

export function textMessage(ticket: Pick<Ticket, "contact">, text: string) {
  return { ...recipientOf(ticket), text };
}

/** Trailing empty parameters are dropped: the fields offer more than a template may take. */
export function templateMessage(ticket: Pick<Ticket, "contact">, name: string, language: string, parameters: string[]) {
  const kept = [...parameters];
  while (kept.length > 0 && kept[kept.length - 1].trim() === "") kept.pop();
  return { ...recipientOf(ticket), template: { name: name.trim(), language: language.trim(), parameters: kept } };
}

/** A listed template's option: its name and language, which the send names it by. */
export function templateLabel(template: Pick<Template, "name" | "language">): string {
  return `${template.name} (${template.language})`;
}

/** The template an option names (its index in the list), or none for the placeholder or a stale value. */
export function chosenTemplate<T>(listed: T[], value: string): T | undefined {
  return /^\d+$/.test(value) ? listed[Number(value)] : undefined;
}
