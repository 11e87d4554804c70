// The message form is derived from the one message model the API serves (the catalog's schema
// of Send Message): every LINE type, LINE's field names, templates and actions as unions.
import { describe, expect, it } from "vitest";
import catalog from "../../mock/catalog.json";
import { deriveFields, itemDefault, type ArrayField, type FieldSpec, type ObjectField, type UnionField } from "../editor/schema";

type Schema = Record<string, unknown>;
const schema = (catalog.node_types.find((t) => t.type === "action.send_message") as { schema: Schema }).schema;
const field = (fs: FieldSpec[], name: string) => fs.find((f) => f.name === name)!;

describe("the Send Message form from the message model", () => {
  const messages = field(deriveFields(schema), "messages") as ArrayField;
  const union = messages.item as UnionField;
  const variant = (v: string) => union.variants.find((x) => x.value === v)!;

  it("offers every LINE message type, at most 5 messages", () => {
    expect(messages.maxItems).toBe(5);
    expect(union.discriminator).toBe("type");
    expect(union.variants.map((v) => v.value)).toEqual(
      ["text", "sticker", "image", "video", "audio", "location", "imagemap", "template", "flex", "coupon"]);
    expect(itemDefault(union)).toEqual({ type: "text" });
  });

  it("uses LINE's field names", () => {
    expect(variant("sticker").fields.map((f) => f.name)).toEqual(expect.arrayContaining(["packageId", "stickerId"]));
    expect(variant("video").fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["originalContentUrl", "previewImageUrl", "trackingId", "quickReply"]));
  });

  it("has templates with postback / message / uri / datetimepicker actions", () => {
    const template = field(variant("template").fields, "template") as UnionField;
    expect(template.variants.map((v) => v.value)).toEqual(["buttons", "confirm", "carousel", "image_carousel"]);
    const actions = field(template.variants[0].fields, "actions") as ArrayField;
    const action = actions.item as UnionField;
    expect(action.variants.map((v) => v.value)).toEqual(expect.arrayContaining(["postback", "message", "uri", "datetimepicker"]));
    expect(action.variants.find((v) => v.value === "postback")!.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["label", "data", "displayText"]));
  });

  it("edits a Flex container as JSON and quick replies on any message", () => {
    expect(field(variant("flex").fields, "contents").kind).toBe("unknown");
    const qr = field(variant("text").fields, "quickReply") as ObjectField;
    expect(qr.kind).toBe("object");
    expect(qr.nullable).toBe(true);
    expect(field(qr.fields, "items").kind).toBe("array");
  });
});
