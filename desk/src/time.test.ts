import { describe, expect, it } from "vitest";
import { bandFor, formatCountdown, formatMinutes, minutesSince, remainingMs, windowStateAt } from "./time";

const closesAt = "2026-12-04T12:00:00Z";
const end = Date.parse(closesAt);
const open = { state: "OPEN" as const, lastInboundAt: "2026-12-03T12:00:00Z", closesAt };

describe("the window as the page shows it", () => {
  it("is open until thirty minutes before its end", () => {
    expect(windowStateAt(open, end - 30 * 60_000 - 1)).toBe("OPEN");
  });
  it("is expiring from exactly thirty minutes before its end", () => {
    expect(windowStateAt(open, end - 30 * 60_000)).toBe("EXPIRING");
    expect(windowStateAt(open, end - 1)).toBe("EXPIRING");
  });
  it("has closed at its end exactly", () => {
    expect(windowStateAt(open, end)).toBe("CLOSED");
    expect(remainingMs(open, end)).toBe(0);
  });
  it("keeps the API's EXPIRING when the desk's lead is longer than the page's", () => {
    expect(windowStateAt({ ...open, state: "EXPIRING" }, end - 3 * 3600_000)).toBe("EXPIRING");
  });
  it("shows no window and an expired one as closed", () => {
    expect(windowStateAt({ state: "NONE", closesAt: null }, end - 3600_000)).toBe("CLOSED");
    expect(windowStateAt({ ...open, state: "EXPIRED" }, end - 3600_000)).toBe("CLOSED");
    expect(windowStateAt(null, 0)).toBe("CLOSED");
  });
});

describe("the countdown", () => {
  it("shows hours, minutes and seconds at a fixed width", () => {
    expect(formatCountdown(24 * 3600_000)).toBe("24:00:00");
    expect(formatCountdown(23 * 3600_000 + 59 * 60_000 + 59_999)).toBe("23:59:59");
    expect(formatCountdown(29 * 60_000 + 5_000)).toBe("0:29:05");
  });
  it("rounds down, so it reads zero only once the window has closed", () => {
    expect(formatCountdown(999)).toBe("0:00:00");
    expect(formatCountdown(1000)).toBe("0:00:01");
    expect(formatCountdown(-5000)).toBe("0:00:00");
  });
});

describe("the unanswered time's colour band", () => {
  it.each([
    [0, "green"], [14, "green"], [15, "blue"], [29, "blue"], [30, "orange"], [59, "orange"], [60, "red"], [600, "red"],
  ])("%i minutes is %s", (minutes, band) => {
    expect(bandFor(minutes)).toBe(band);
  });
  it("counts whole minutes since the first unanswered message", () => {
    const since = "2026-12-04T10:00:00Z";
    expect(minutesSince(since, Date.parse(since) + 14 * 60_000 + 59_999)).toBe(14);
    expect(minutesSince(since, Date.parse(since) + 15 * 60_000)).toBe(15);
  });
  it("reads as minutes, hours or days", () => {
    expect(formatMinutes(7)).toBe("7 min");
    expect(formatMinutes(65)).toBe("1 h 05 min");
    expect(formatMinutes(51 * 60)).toBe("2 d 3 h");
  });
});
