// The window and the unanswered timer as the page shows them between refreshes: the API's
// answer is the truth when it arrives, and these rules move it on second by second.

export type WindowShown = "OPEN" | "EXPIRING" | "CLOSED";
export type Band = "green" | "blue" | "orange" | "red";

export interface Window {
  state: "NONE" | "OPEN" | "EXPIRING" | "EXPIRED";
  lastInboundAt?: string | null;
  closesAt?: string | null;
}

/** The API's default janela.window.expiring-lead: a window shows EXPIRING in its last 30 minutes. */
export const EXPIRING_LEAD_MS = 30 * 60 * 1000;

const RANK: Record<WindowShown, number> = { OPEN: 0, EXPIRING: 1, CLOSED: 2 };

/**
 * The window's state at {@code now}: closed at its end exactly (as CustomerServiceWindow has it),
 * expiring from {@code lead} before. A state the API already reported further on is kept (its lead
 * may be longer than the page's), so a row never steps back between refreshes.
 */
export function windowStateAt(window: Window | null | undefined, now: number, lead = EXPIRING_LEAD_MS): WindowShown {
  if (!window || window.state === "NONE" || window.state === "EXPIRED" || !window.closesAt) {
    return "CLOSED";
  }
  const closesAt = Date.parse(window.closesAt);
  const local: WindowShown = now >= closesAt ? "CLOSED" : now >= closesAt - lead ? "EXPIRING" : "OPEN";
  const reported: WindowShown = window.state === "EXPIRING" ? "EXPIRING" : "OPEN";
  return RANK[reported] > RANK[local] ? reported : local;
}

/** Milliseconds left in the window at {@code now}, never below zero. */
export function remainingMs(window: Window | null | undefined, now: number): number {
  if (!window?.closesAt || window.state === "NONE" || window.state === "EXPIRED") {
    return 0;
  }
  return Math.max(0, Date.parse(window.closesAt) - now);
}

const two = (n: number) => String(n).padStart(2, "0");

/** A countdown of fixed width, hours:minutes:seconds ("23:59:59", "0:00:00"); seconds round down. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `${hours}:${two(minutes)}:${two(total % 60)}`;
}

/** The API's bands (green under 15 minutes, blue under 30, orange under 60, red after). */
export function bandFor(minutes: number): Band {
  if (minutes < 15) return "green";
  if (minutes < 30) return "blue";
  if (minutes < 60) return "orange";
  return "red";
}

/** Whole minutes since {@code since} at {@code now}. */
export function minutesSince(since: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(since)) / 60000));
}

/** "7 min", "1 h 05 min", "2 d 3 h". */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${two(minutes % 60)} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
