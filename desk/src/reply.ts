// What the reply box offers: free text while the customer's window is open, only a template once
// it has closed (the API's guard refuses free text then, and the page does not offer it).
import type { Ticket, TemplateChoice } from "./api";
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

/**
 * The templates to offer: the deploy's list first, then the ones already sent in this
 * conversation (the API lists none to agents), each name and language once.
 */
export function templateChoices(configured: TemplateChoice[] | undefined,
  sent: { name?: string; language?: string; parameters?: unknown[] }[]): TemplateChoice[] {
  const seen = new Map<string, TemplateChoice>();
  for (const choice of configured ?? []) seen.set(`${choice.name}|${choice.language}`, choice);
  for (const template of sent) {
    if (!template.name || !template.language) continue;
    const key = `${template.name}|${template.language}`;
    if (!seen.has(key)) {
      seen.set(key, { name: template.name, language: template.language, parameterCount: template.parameters?.length ?? 0 });
    }
  }
  return [...seen.values()];
}
