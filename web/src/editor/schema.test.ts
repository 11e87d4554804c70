import { describe, expect, it } from "vitest";
import catalog from "../../mock/catalog.json";
import {
  configPathFromPointer,
  deriveFields,
  getAt,
  initialConfig,
  resolveSchema,
  setAt,
  switchVariant,
  type ArrayField,
  type FieldSpec,
  type ObjectField,
  type UnionField,
} from "./schema";

type Schema = Record<string, unknown>;
const schemaOf = (type: string): Schema =>
  (catalog.node_types.find((t) => t.type === type) as { schema: Schema }).schema;
const byName = (fields: FieldSpec[], name: string) => fields.find((f) => f.name === name)!;

describe("deriveFields", () => {
  it("maps primitives, enums, defaults and required", () => {
    const f = deriveFields({
      type: "object",
      required: ["name"],
      properties: {
        name: { type: "string", minLength: 1, maxLength: 50, title: "Name" },
        body: { type: "string", maxLength: 5000 },
        count: { type: "integer", minimum: 1, maximum: 9, default: 3 },
        ratio: { type: "number" },
        on: { type: "boolean", default: true },
        mode: { type: "string", enum: ["a", "b"], default: "b" },
      },
    });
    expect(f.map((x) => x.kind)).toEqual(["string", "string", "integer", "number", "boolean", "enum"]);
    expect(byName(f, "name")).toMatchObject({ required: true, title: "Name", maxLength: 50, multiline: false });
    expect(byName(f, "body")).toMatchObject({ required: false, multiline: true });
    expect(byName(f, "count")).toMatchObject({ minimum: 1, maximum: 9, default: 3, hasDefault: true });
    expect(byName(f, "mode")).toMatchObject({ options: ["a", "b"] });
  });

  it("unwraps nullable anyOf and type arrays", () => {
    const f = deriveFields({
      properties: {
        a: { anyOf: [{ type: "string", maxLength: 5 }, { type: "null" }], default: null, title: "A" },
        b: { type: ["integer", "null"] },
      },
    });
    expect(byName(f, "a")).toMatchObject({ kind: "string", nullable: true, maxLength: 5, title: "A" });
    expect(byName(f, "b")).toMatchObject({ kind: "integer", nullable: true });
  });

  it("turns resource id fields into selects", () => {
    expect(byName(deriveFields(schemaOf("action.tag")), "tag_id")).toMatchObject({ kind: "resource", resource: "tags", required: true });
    expect(byName(deriveFields(schemaOf("trigger.qr_scan")), "qr_code_id")).toMatchObject({ kind: "resource", resource: "qr-codes", nullable: true });
    expect(byName(deriveFields(schemaOf("action.auto_message")), "auto_message_id")).toMatchObject({ resource: "auto-messages" });
    expect(byName(deriveFields(schemaOf("action.rich_menu")), "rich_menu_id")).toMatchObject({ resource: "rich-menus" });
    expect(byName(deriveFields(schemaOf("start")), "account_ids")).toMatchObject({ kind: "resourceList", resource: "accounts", maxItems: 50 });
  });

  it("resolves $ref and discriminated oneOf unions (send message)", () => {
    const f = deriveFields(schemaOf("action.send_message"));
    const messages = byName(f, "messages") as ArrayField;
    expect(messages).toMatchObject({ kind: "array", required: true, minItems: 1, maxItems: 5 });
    const item = messages.item as UnionField;
    expect(item.kind).toBe("union");
    expect(item.discriminator).toBe("type");
    expect(item.variants.map((v) => v.value)).toEqual([
      "text", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex", "coupon"]);
    // A form per message type, in LINE's field names.
    expect(item.variants[0].fields.map((x) => x.name)).toContain("text");
    const image = item.variants[2].fields.filter((x) => x.required).map((x) => x.name);
    expect(image).toEqual(["originalContentUrl", "previewImageUrl"]);
    expect(item.variants[3].fields.map((x) => x.name)).toContain("trackingId");
  });

  it("handles nested arrays of unions (branch) and nullable $ref objects (delay)", () => {
    const branches = byName(deriveFields(schemaOf("action.branch")), "branches") as ArrayField;
    const arm = branches.item as ObjectField;
    expect(arm.kind).toBe("object");
    const conditions = byName(arm.fields, "conditions") as ArrayField;
    const cond = conditions.item as UnionField;
    expect(cond.variants.map((v) => v.value)).toEqual(["tag", "attribute"]);
    expect(byName(cond.variants[0].fields, "tag_id")).toMatchObject({ kind: "resource", resource: "tags" });

    const window = byName(deriveFields(schemaOf("action.delay")), "send_window") as ObjectField;
    expect(window).toMatchObject({ kind: "object", nullable: true });
    expect(window.fields.map((x) => x.name)).toEqual(["start", "end"]);
  });

  it("maps additionalProperties objects and consts", () => {
    const f = deriveFields(schemaOf("action.hubspot"));
    expect(byName(f, "operation")).toMatchObject({ kind: "const", value: "upsert_contact" });
    expect(byName(f, "properties")).toMatchObject({ kind: "map", maxProperties: 30 });
  });

  it("detects a discriminator without a hint and falls back for plain unions", () => {
    const f = deriveFields({
      properties: {
        u: { oneOf: [
          { type: "object", properties: { type: { const: "x" }, a: { type: "string" } } },
          { type: "object", properties: { type: { enum: ["y"] }, b: { type: "integer" } } },
        ] },
        p: { anyOf: [{ type: "string" }, { type: "integer" }] },
      },
    });
    expect(byName(f, "u")).toMatchObject({ kind: "union", discriminator: "type" });
    expect(byName(f, "p").kind).toBe("string");
  });

  it("survives recursive references", () => {
    const s = { $defs: { Node: { type: "object", properties: { child: { $ref: "#/$defs/Node" } } } }, properties: { root: { $ref: "#/$defs/Node" } } };
    expect(() => deriveFields(s)).not.toThrow();
  });

  it("derives every catalog type", () => {
    for (const t of catalog.node_types) expect(() => deriveFields(t.schema as Schema)).not.toThrow();
  });
});

describe("defaults", () => {
  it("builds initial configs from required fields and defaults", () => {
    expect(initialConfig(schemaOf("action.send_message"))).toEqual({ messages: [{ type: "text" }] });
    expect(initialConfig(schemaOf("trigger.message_received"))).toEqual({ match_type: "contains" });
    expect(initialConfig(schemaOf("action.question"))).toEqual({ timeout_seconds: 86400, max_reprompts: 1 });
    expect(initialConfig(schemaOf("action.branch"))).toEqual({ branches: [{ label: "", match: "all", conditions: [{ kind: "tag", op: "has" }] }] });
    expect(initialConfig(schemaOf("start"))).toEqual({});
  });

  it("switches union variants keeping shared fields", () => {
    const branches = byName(deriveFields(schemaOf("action.branch")), "branches") as ArrayField;
    const u = (byName((branches.item as ObjectField).fields, "conditions") as ArrayField).item as UnionField;
    expect(switchVariant(u, { kind: "tag", tag_id: 3, op: "has" }, "attribute")).toEqual({ kind: "attribute", op: "equals" });
    expect(switchVariant(u, { kind: "attribute", attribute: "size", op: "equals" }, "tag")).toEqual({ kind: "tag", op: "has" });
    expect(switchVariant(u, { kind: "attribute", attribute: "size", op: "contains", value: "L" }, "attribute")).toMatchObject({ attribute: "size", op: "contains", value: "L" });
  });
});

describe("paths", () => {
  it("splits issue pointers", () => {
    expect(configPathFromPointer("/nodes/2/config/keywords")).toEqual({ nodeIndex: 2, path: ["keywords"] });
    expect(configPathFromPointer("/nodes/0/config/branches/1/conditions/0/value")).toEqual({ nodeIndex: 0, path: ["branches", "1", "conditions", "0", "value"] });
    expect(configPathFromPointer("/nodes/3")).toEqual({ nodeIndex: 3, path: [] });
    expect(configPathFromPointer("/edges/1")).toBeNull();
    expect(configPathFromPointer(null)).toBeNull();
    expect(configPathFromPointer("/nodes/1/config/a~1b")).toEqual({ nodeIndex: 1, path: ["a/b"] });
  });
  it("gets and sets immutably", () => {
    const v = { a: [{ b: 1 }, { b: 2 }] };
    const w = setAt(v, ["a", 1, "b"], 5) as typeof v;
    expect(getAt(w, ["a", 1, "b"])).toBe(5);
    expect(v.a[1].b).toBe(2);
    expect(setAt({ a: 1, b: 2 }, ["a"], undefined)).toEqual({ b: 2 });
  });
  it("resolves refs with sibling overrides", () => {
    const root = { $defs: { X: { type: "string", title: "X" } } };
    expect(resolveSchema({ $ref: "#/$defs/X", title: "Y" }, root)).toEqual({ type: "string", title: "Y" });
  });
});
