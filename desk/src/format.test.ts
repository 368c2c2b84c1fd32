import { describe, expect, it } from "vitest";
import { localInputValue } from "./conversation";
import { contactHandle, contactName } from "./format";

const contact = { phoneNumberId: "1", waId: null, userId: null, username: null, name: null };

describe("a contact in a row", () => {
  it("is named by profile name, and handled by phone, else @username, else user id", () => {
    expect(contactHandle({ ...contact, waId: "5511987654321", username: "dudu" })).toBe("+5511987654321");
    expect(contactHandle({ ...contact, username: "dudu" })).toBe("@dudu");
    expect(contactHandle({ ...contact, username: "@dudu" })).toBe("@dudu");
    expect(contactHandle({ ...contact, userId: "US.134912" })).toBe("US.134912");
    expect(contactName({ ...contact, name: "  ", username: "dudu" })).toBe("@dudu");
    expect(contactName({ ...contact, name: "Ana" })).toBe("Ana");
  });
});

describe("the schedule form's time", () => {
  it("is the instant in the browser's own time, to the minute, as datetime-local reads it back", () => {
    const at = Date.parse("2026-12-04T15:42:30Z");
    const value = localInputValue(at);
    expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(new Date(value).getTime()).toBe(Date.parse("2026-12-04T15:42:00Z"));
  });
});
