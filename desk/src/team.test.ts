import { afterEach, describe, expect, it, vi } from "vitest";
import { allPages, MAX_PAGES } from "./api";
import { statusOf, transferTargets } from "./team";

const team = [
  { email: "bia@loja.com.br", name: "Bia", status: "ONLINE" as const },
  { email: "ana@loja.com.br", name: "Ana", status: "AWAY" as const },
  { email: "zeca@loja.com.br", name: "zeca@loja.com.br", status: "OFFLINE" as const },
];

describe("the team", () => {
  it("gives the caller's own status, whatever the case of their e-mail", () => {
    expect(statusOf(team, "Ana@Loja.com.br")).toBe("AWAY");
  });
  it("gives no status for a caller the list does not name", () => {
    expect(statusOf(team, "nobody@loja.com.br")).toBeUndefined();
  });
  it("offers transfers by name, each naming its e-mail", () => {
    expect(transferTargets(team)).toEqual([
      { email: "ana@loja.com.br", label: "Ana <ana@loja.com.br>" },
      { email: "bia@loja.com.br", label: "Bia <bia@loja.com.br>" },
      { email: "zeca@loja.com.br", label: "zeca@loja.com.br" },
    ]);
  });
});

describe("a listed route", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is read page by page until the cursor ends", async () => {
    const pages: Record<string, { items: number[]; cursor: string | null }> = {
      first: { items: [1, 2], cursor: "b" }, b: { items: [], cursor: "c" }, c: { items: [3], cursor: null },
    };
    const asked: (string | null)[] = [];
    const items = await allPages(async (cursor) => { asked.push(cursor); return pages[cursor ?? "first"]; });
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([null, "b", "c"]);
  });
  it("stops after its most pages even if the cursors go on", async () => {
    let calls = 0;
    const items = await allPages(async () => { calls++; return { items: [calls], cursor: "more" }; });
    expect(calls).toBe(MAX_PAGES);
    expect(items).toHaveLength(MAX_PAGES);
  });
});
