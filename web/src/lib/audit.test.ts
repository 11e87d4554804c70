import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DICTIONARIES } from "../i18n";
import { auditLink, TARGET_TYPES } from "./audit";

// The API's own list of what it records, from the committed (and checked) OpenAPI document.
const spec = JSON.parse(readFileSync(new URL("../../openapi.json", import.meta.url), "utf8"));
function choices(name: string): string[] {
  const param = spec.paths["/api/audit"].get.parameters.find((p: { name: string }) => p.name === name);
  const pattern: string = param.schema.anyOf[0].pattern;
  return pattern.replace(/^\^\(|\)\$$/g, "").split("|");
}

describe("the audit page", () => {
  it("offers every resource type the API filters by, labelled in both languages", () => {
    expect(TARGET_TYPES).toEqual(choices("target_type"));
    for (const lang of ["en", "ja"] as const)
      for (const type of TARGET_TYPES) expect(DICTIONARIES[lang][`audit.type.${type}`], `${lang} ${type}`).toBeTruthy();
  });
  it("labels every recorded action in both languages", () => {
    for (const lang of ["en", "ja"] as const)
      for (const action of choices("action")) expect(DICTIONARIES[lang][`audit.action.${action}`], `${lang} ${action}`).toBeTruthy();
  });
  it("links a row to its resource while it exists", () => {
    expect(auditLink({ action: "saved", target: { type: "workflow", id: 7 } })).toBe("/workflows/7");
    expect(auditLink({ action: "created", target: { type: "tag", id: 3 } })).toBe("/tags");
    expect(auditLink({ action: "deleted", target: { type: "tag", id: 3 } })).toBeNull();
    expect(auditLink({ action: "disconnected", target: { type: "integration", id: 1 } })).toBeNull();
    expect(auditLink({ action: "approved", target: { type: "agent_conversation", id: null } })).toBeNull();
  });
});
