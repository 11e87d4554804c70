import { describe, expect, it } from "vitest";
import { flexProblems } from "./MessagePreview";
import { messagesProblem } from "./MessagesJson";

describe("Flex JSON, checked live", () => {
  it("accepts a bubble and a carousel, refuses other containers", () => {
    expect(flexProblems(JSON.stringify({ type: "bubble", body: { type: "box", layout: "vertical", contents: [] } }))).toBeNull();
    expect(flexProblems(JSON.stringify({ type: "carousel", contents: [{ type: "bubble" }] }))).toBeNull();
    expect(flexProblems(JSON.stringify({ type: "box" }))).toMatch(/bubble/);
    expect(flexProblems(JSON.stringify({ type: "carousel", contents: [] }))).toMatch(/1 to 12/);
    expect(flexProblems("{oops")).toMatch(/^JSON/);
  });

  it("names the message whose Flex contents is wrong", () => {
    expect(messagesProblem(JSON.stringify([{ type: "text", text: "hi" }]))).toBeNull();
    expect(messagesProblem(JSON.stringify([{ type: "text", text: "hi" }, { type: "flex", altText: "x", contents: { type: "nope" } }])))
      .toMatch(/^messages\[1\]\.contents\.type/);
    expect(messagesProblem("[]")).toMatch(/1 to 5/);
    expect(messagesProblem(JSON.stringify([{ text: "no type" }]))).toMatch(/type/);
  });
});
