import type { Contact, Ticket } from "./api";

/** Phone with a plus, or the WhatsApp @username, or the user id. */
export function contactHandle(contact: Contact): string {
  if (contact.waId) return `+${contact.waId}`;
  if (contact.username) return contact.username.startsWith("@") ? contact.username : `@${contact.username}`;
  return contact.userId ?? "";
}

export function contactName(contact: Contact): string {
  return contact.name?.trim() || contactHandle(contact) || "?";
}

export function holderOf(ticket: Ticket): string | null {
  return ticket.agent ?? null;
}

export function clock(iso: string, lang: string): string {
  const date = new Date(iso);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return date.toLocaleString(lang === "pt" ? "pt-BR" : "en-GB", sameDay
    ? { hour: "2-digit", minute: "2-digit" }
    : { day: "2-digit", month: "short", hour: "2-digit", minute: "2-digit" });
}
