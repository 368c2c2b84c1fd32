import { describe, expect, it } from "vitest";
import { TEXTS, pickLanguage } from "./i18n";

describe("the page's language", () => {
  it("is Portuguese for a Brazilian or Portuguese browser", () => {
    expect(pickLanguage(["pt-BR", "en-US"])).toBe("pt");
    expect(pickLanguage(["pt_PT"])).toBe("pt");
  });
  it("is the first language the page speaks, in the browser's order", () => {
    expect(pickLanguage(["en-US", "pt-BR"])).toBe("en");
    expect(pickLanguage(["de-DE", "pt-BR", "en"])).toBe("pt");
  });
  it("is English when the browser names none the page speaks", () => {
    expect(pickLanguage(["de-DE", "fr"])).toBe("en");
    expect(pickLanguage([])).toBe("en");
    expect(pickLanguage(undefined)).toBe("en");
  });
  it("has every text in both languages", () => {
    expect(Object.keys(TEXTS.pt).sort()).toEqual(Object.keys(TEXTS.en).sort());
    expect(Object.values(TEXTS.pt).every((text) => text.length > 0)).toBe(true);
  });
  it("names the controls in English as the end-to-end tests expect", () => {
    const en = TEXTS.en;
    expect([en.agent, en.signIn, en.open, en.mine, en.inService, en.all, en.search, en.tickets]).toEqual(
      ["Agent", "Sign in", "Open", "Mine", "In service", "All", "Search", "Tickets"]);
    expect([en.message, en.send, en.template, en.sendTemplate, en.take, en.closeNow, en.scheduleClose]).toEqual(
      ["Message", "Send", "Template", "Send template", "Take", "Close now", "Schedule close"]);
    expect([en.closeAt, en.cancelOnReply, en.goodbye, en.schedule, en.cancelScheduledClose, en.addTag, en.addNote,
      en.transfer, en.myStatus]).toEqual(["Close at", "Cancel if the customer writes", "Goodbye message", "Schedule",
      "Cancel scheduled close", "Add tag", "Add note", "Transfer", "My status"]);
  });
});
