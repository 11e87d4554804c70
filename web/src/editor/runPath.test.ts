import { describe, expect, it } from "vitest";
import type { Definition } from "../types";
import { nodeDescription } from "./nodeText";
import { runPath } from "./runPath";
import { bucketLabel, chartScale } from "../lib/chart";

const def: Definition = {
  nodes: [
    { id: "start", type: "start", config: {}, position: { x: 0, y: 0 } },
    { id: "trigger", type: "trigger.friend_add", config: {}, position: { x: 0, y: 160 } },
    { id: "ask", type: "action.question", config: {}, position: { x: 0, y: 320 } },
    { id: "yes", type: "action.send_message", config: {}, position: { x: -200, y: 480 } },
    { id: "late", type: "action.send_message", config: {}, position: { x: 200, y: 480 } },
    { id: "other", type: "trigger.block", config: {}, position: { x: 400, y: 160 } },
  ],
  edges: [
    { id: "e1", source: "start", source_handle: "out", target: "trigger" },
    { source: "start", source_handle: "out", target: "other" },
    { id: "e2", source: "trigger", source_handle: "out", target: "ask" },
    { id: "e3", source: "ask", source_handle: "answered", target: "yes" },
    { id: "e4", source: "ask", source_handle: "timeout", target: "late" },
  ],
};

describe("runPath", () => {
  it("follows the handles the steps took, from the trigger the run started on", () => {
    const p = runPath(
      def,
      [
        { node_id: "trigger", status: "completed", output_handle: "out" },
        { node_id: "ask", status: "completed", output_handle: "answered" },
        { node_id: "yes", status: "failed", output_handle: null },
      ],
      "trigger",
    );
    expect(p.nodes).toEqual({ start: "completed", trigger: "completed", ask: "completed", yes: "failed" });
    expect(p.edges.sort()).toEqual(["e1", "e2", "e3"]);
  });
  it("stops at a waiting step and ignores unknown nodes", () => {
    const p = runPath(
      def,
      [
        { node_id: "trigger", status: "completed", output_handle: "out" },
        { node_id: "ask", status: "waiting", output_handle: null },
        { node_id: "gone", status: "completed", output_handle: "out" },
      ],
      "trigger",
    );
    expect(p.nodes).toEqual({ start: "completed", trigger: "completed", ask: "waiting" });
    expect(p.edges.sort()).toEqual(["e1", "e2"]);
  });
  it("marks the trigger even before its step is recorded; edges without ids get canonical ones", () => {
    const p = runPath(def, [], "other");
    expect(p.nodes).toEqual({ start: "completed", other: "completed" });
    expect(p.edges).toEqual(["e-start-out-other"]);
  });
});

describe("nodeDescription", () => {
  const spec = { type: "action.delay", description: "Waits.", description_ja: undefined };
  it("has Japanese text for catalog types and falls back to English", () => {
    expect(nodeDescription(spec, "en")).toBe("Waits.");
    expect(nodeDescription(spec, "ja")).toContain("待ちます");
    expect(nodeDescription({ type: "action.new", description: "New." }, "ja")).toBe("New.");
    expect(nodeDescription(undefined, "ja")).toBe("");
  });
});

describe("chart helpers", () => {
  it("rounds the scale up to a readable maximum", () => {
    expect(chartScale([0, 0])).toBe(1);
    expect(chartScale([3, 7])).toBe(10);
    expect(chartScale([13])).toBe(20);
    expect(chartScale([260])).toBe(500);
  });
  it("labels buckets by day or hour in the viewer's zone", () => {
    expect(bucketLabel("2026-11-25T00:00:00+09:00", "day", "en", "Asia/Tokyo")).toBe("11/25");
    expect(bucketLabel("2026-11-25T14:00:00+09:00", "hour", "ja", "Asia/Tokyo")).toBe("14時");
    expect(bucketLabel("2026-11-25T14:00:00+09:00", "hour", "en", "Asia/Tokyo")).toBe("14:00");
  });
});
