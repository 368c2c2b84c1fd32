import { describe, expect, it } from "vitest";
import { ticketQuery } from "./queue";

const none = { view: "open" as const, department: "", agent: "", tag: "", order: "", q: "" };

describe("the queue's query", () => {
  it("names the view and the page size, and leaves empty filters out", () => {
    expect(ticketQuery(none, 25).toString()).toBe("view=open&limit=25");
  });
  it("carries every filter, the order, the search and the cursor", () => {
    expect(Object.fromEntries(ticketQuery({ view: "all", department: "billing", agent: "bia@desk.example", tag: " VIP ",
      order: "oldest", q: " Ana " }, 25, "c1"))).toEqual({
      view: "all", department: "billing", agent: "bia@desk.example", tag: "vip", order: "oldest", q: "Ana", limit: "25", cursor: "c1",
    });
  });
  it("searches only from two characters, as the API does", () => {
    expect(ticketQuery({ ...none, q: "a" }, 25).has("q")).toBe(false);
  });
});
