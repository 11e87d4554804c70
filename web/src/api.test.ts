import { describe, expect, it } from "vitest";
import { etagRevision, query } from "./api";

describe("api helpers", () => {
  it("reads the revision from an ETag", () => {
    expect(etagRevision('"3"')).toBe("3");
    expect(etagRevision('W/"12"')).toBe("12");
    expect(etagRevision("7")).toBe("7");
    expect(etagRevision(null)).toBeNull();
  });
  it("builds query strings without empty values", () => {
    expect(query({ q: "a b", status: "", limit: 20, offset: 0, x: undefined })).toBe("?q=a+b&limit=20&offset=0");
    expect(query({})).toBe("");
  });
});
