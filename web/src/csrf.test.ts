import { describe, expect, it } from "vitest";
import { csrfHeaders, readCookie } from "./api";

// The server refuses unsafe cookie-authenticated requests without X-CSRF-Token = lumo_csrf.
describe("CSRF header (double submit)", () => {
  const jar = "theme=dark; lumo_csrf=abc%20123; lumo_session_hint=1";

  it("echoes the lumo_csrf cookie on unsafe methods", () => {
    for (const method of ["POST", "put", "PATCH", "DELETE"]) {
      expect(csrfHeaders(method, jar)).toEqual({ "X-CSRF-Token": "abc 123" });
    }
  });
  it("sends nothing on safe methods or without the cookie", () => {
    expect(csrfHeaders("GET", jar)).toEqual({});
    expect(csrfHeaders("HEAD", jar)).toEqual({});
    expect(csrfHeaders("POST", "theme=dark")).toEqual({});
    expect(csrfHeaders("POST", "")).toEqual({});
  });
  it("reads a cookie by its exact name", () => {
    expect(readCookie("lumo_csrf", "xlumo_csrf=no; lumo_csrf=yes")).toBe("yes");
    expect(readCookie("lumo_csrf", "lumo_csrf=%E0%A4%A")).toBe("%E0%A4%A");
    expect(readCookie("missing", jar)).toBeNull();
  });
});
