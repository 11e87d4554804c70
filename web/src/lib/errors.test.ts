import { describe, expect, it } from "vitest";
import { errorMessage, fieldErrorsFromBody } from "./errors";
import { matchPath } from "./path";

describe("errorMessage", () => {
  it("reads every error shape of the API", () => {
    expect(errorMessage({ detail: "Incorrect email or password." }, 401)).toBe("Incorrect email or password.");
    expect(errorMessage({ detail: { code: "stale_revision", message: "Reload." } }, 409)).toBe("Reload.");
    expect(errorMessage({ detail: [{ loc: ["body", "definition", "nodes", 0], msg: "bad" }] }, 422)).toBe("definition.nodes.0: bad");
    expect(errorMessage({ detail: { code: "invalid", errors: [{ message: "No trigger." }] } }, 422)).toBe("No trigger.");
    expect(errorMessage(null, 500)).toContain("500");
    expect(errorMessage("<html>oops</html>", 502)).toContain("502");
  });
});

describe("fieldErrorsFromBody", () => {
  it("groups a 422's messages by the field path, keeping the unnamed ones apart", () => {
    const got = fieldErrorsFromBody({ detail: [
      { loc: ["body", "menu", "areas", 0, "bounds", "width"], msg: "outside" },
      { loc: ["body", "alias_id"], msg: "bad alias" },
      { loc: ["body"], msg: "give either" },
    ] });
    expect(got.byPath).toEqual({ "menu/areas/0/bounds/width": ["outside"], alias_id: ["bad alias"] });
    expect(got.rest).toEqual(["give either"]);
    expect(fieldErrorsFromBody({ detail: { code: "line_refused", message: "x" } })).toEqual({ byPath: {}, rest: [] });
  });
});

describe("matchPath", () => {
  it("matches params", () => {
    expect(matchPath("/workflows/:id", "/workflows/12")).toEqual({ id: "12" });
    expect(matchPath("/workflows/:id", "/workflows/12/")).toEqual({ id: "12" });
    expect(matchPath("/workflows/:id", "/workflows")).toBeNull();
    expect(matchPath("/tags", "/tags")).toEqual({});
  });
});

import { issuesFromError } from "./errors";

describe("issuesFromError", () => {
  it("turns pydantic locations into definition pointers", () => {
    expect(issuesFromError({ detail: [{ loc: ["body", "definition", "nodes", 2, "config", "keywords", 0], msg: "too long", type: "string_too_long" }] })).toEqual([
      { code: "string_too_long", message: "keywords.0: too long", node_id: null, field: "/nodes/2/config/keywords/0" },
    ]);
  });
  it("passes issues through", () => {
    const issue = { code: "no_account", message: "Select an account.", node_id: "start", field: "/nodes/0/config/account_ids" };
    expect(issuesFromError({ detail: { code: "invalid", message: "x", errors: [issue] } })).toEqual([issue]);
    expect(issuesFromError({ detail: "nope" })).toEqual([]);
  });
});
