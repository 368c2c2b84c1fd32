import { describe, expect, it } from "vitest";
import { refusalOf } from "./api";
import { chosenTemplate, recipientOf, replyModeAt, templateLabel, templateMessage, textMessage } from "./reply";

const closesAt = "2026-12-04T12:00:00Z";
const end = Date.parse(closesAt);
const contact = { phoneNumberId: "106540352242922", waId: "5511987654321", userId: null, username: null, name: "Ana" };
const ticket = { contact, window: { state: "OPEN" as const, closesAt } };

describe("the reply box", () => {
  it("takes free text while the window is open", () => {
    expect(replyModeAt(ticket, end - 3600_000)).toBe("text");
  });
  it("still takes free text while the window is expiring", () => {
    expect(replyModeAt(ticket, end - 1000)).toBe("text");
  });
  it("offers only a template once the window has closed, at its end exactly", () => {
    expect(replyModeAt(ticket, end)).toBe("template");
    expect(replyModeAt({ window: { state: "EXPIRED", closesAt } }, end - 3600_000)).toBe("template");
    expect(replyModeAt({ window: { state: "NONE", closesAt: null } }, 0)).toBe("template");
  });
});

describe("what the reply box sends", () => {
  it("names the customer by phone when known, else by user id", () => {
    expect(recipientOf({ contact })).toEqual({ phoneNumberId: "106540352242922", waId: "5511987654321" });
    expect(recipientOf({ contact: { ...contact, waId: null, userId: "US.134912" } }))
      .toEqual({ phoneNumberId: "106540352242922", userId: "US.134912" });
  });
  it("sends text as text", () => {
    expect(textMessage({ contact }, "Oi")).toEqual({ phoneNumberId: "106540352242922", waId: "5511987654321", text: "Oi" });
  });
  it("drops the template's trailing empty parameters and keeps the inner ones", () => {
    expect(templateMessage({ contact }, " pedido_status ", "pt_BR", ["Ana", "", "42", "", ""]).template)
      .toEqual({ name: "pedido_status", language: "pt_BR", parameters: ["Ana", "", "42"] });
  });
  it("names a listed template by name and language", () => {
    expect(templateLabel({ name: "pedido_status", language: "pt_BR" })).toBe("pedido_status (pt_BR)");
  });
  it("takes the listed template the picker names, and none for its placeholder or a value past the list", () => {
    const listed = [{ name: "a", language: "pt_BR", parameterCount: 1 }, { name: "a", language: "en", parameterCount: 2 }];
    expect(chosenTemplate(listed, "1")).toEqual({ name: "a", language: "en", parameterCount: 2 });
    expect(chosenTemplate(listed, "")).toBeUndefined();
    expect(chosenTemplate(listed, "2")).toBeUndefined();
    expect(chosenTemplate(listed, "-1")).toBeUndefined();
  });
});

describe("the guard's refusal", () => {
  it("is shown in the API's own words", () => {
    const refusal = refusalOf(409, { error: "window_closed", message: "The customer's window closed at 12:00" });
    expect(refusal.code).toBe("window_closed");
    expect(refusal.message).toBe("The customer's window closed at 12:00");
    expect(refusal.status).toBe(409);
  });
  it("falls back to the code, then to the status, when no sentence came", () => {
    expect(refusalOf(403, { error: "agent_not_permitted" }).message).toBe("agent_not_permitted");
    expect(refusalOf(502, null).message).toBe("HTTP 502");
  });
});
