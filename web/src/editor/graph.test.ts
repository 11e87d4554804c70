import { describe, expect, it } from "vitest";
import catalog from "../../mock/catalog.json";
import type { NodeTypeSpec } from "../types";
import { canConnect, canonical, indexCatalog, newNodeId, nodeSummary, outputHandles, pruneEdges, stableStringify } from "./graph";
import { emptyHistory, record, redo, undo } from "./history";

const idx = indexCatalog(catalog.node_types as NodeTypeSpec[]);
const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({ id, type, config, position: { x: 0, y: 0 } });

describe("graph helpers", () => {
  it("gives branch nodes one handle per arm plus else", () => {
    const h = outputHandles(idx["action.branch"], { branches: [{ label: "VIP", conditions: [] }, { conditions: [] }] });
    expect(h.map((x) => x.id)).toEqual(["branch-1", "branch-2", "else"]);
    expect(h[0].label).toBe("VIP");
    expect(outputHandles(idx["action.question"], {}).map((x) => x.id)).toEqual(["answered", "timeout"]);
  });

  it("gives A/B split nodes one handle per variant, from the catalog's output pattern", () => {
    const h = outputHandles(idx["action.ab_split"], { variants: [{ label: "A", percent: 50 }, { percent: 50 }] });
    expect(h.map((x) => x.id)).toEqual(["variant-1", "variant-2"]);
    expect(h.map((x) => x.label)).toEqual(["A", "Variant 2"]);
  });

  it("enforces Start → trigger → actions", () => {
    const s = node("s", "start"), tr = node("t", "trigger.friend_add"), a = node("a", "action.delay"), b = node("b", "action.tag");
    expect(canConnect(s, tr, idx)).toBe(true);
    expect(canConnect(s, a, idx)).toBe(false);
    expect(canConnect(tr, a, idx)).toBe(true);
    expect(canConnect(a, tr, idx)).toBe(false);
    expect(canConnect(a, s, idx)).toBe(false);
    expect(canConnect(a, a, idx)).toBe(false);
    expect(canConnect(a, b, idx)).toBe(true);
  });

  it("makes readable unique ids", () => {
    expect(newNodeId("action.send_message", ["start"])).toBe("send_message");
    expect(newNodeId("action.send_message", ["send_message", "send_message_2"])).toBe("send_message_3");
  });

  it("drops edges from removed branch arms", () => {
    const def = {
      nodes: [node("b", "action.branch", { branches: [{ conditions: [] }] }), node("x", "action.delay"), node("y", "action.delay")],
      edges: [
        { source: "b", source_handle: "branch-1", target: "x" },
        { source: "b", source_handle: "branch-2", target: "y" },
        { source: "b", source_handle: "else", target: "y" },
      ],
    };
    expect(pruneEdges(def, idx).map((e) => e.source_handle)).toEqual(["branch-1", "else"]);
  });

  it("compares definitions regardless of key order", () => {
    const a = canonical({ nodes: [{ id: "s", type: "start", config: { b: 1, a: 2 }, position: { x: 0.4, y: 1 } }], edges: [] });
    const b = canonical({ nodes: [{ id: "s", type: "start", config: { a: 2, b: 1 }, position: { x: 0, y: 1 } }], edges: [] });
    expect(stableStringify(a)).toBe(stableStringify(b));
  });

  it("summarises nodes", () => {
    expect(nodeSummary("action.delay", { amount: 3, unit: "days" }, {}, "en")).toBe("Wait 3 days");
    expect(nodeSummary("action.delay", { amount: 1, unit: "days" }, {}, "en")).toBe("Wait 1 day");
    expect(nodeSummary("action.branch", { branches: [{}] }, {}, "en")).toBe("1 branch + else");
    expect(nodeSummary("action.branch", { branches: [{}, {}] }, {}, "en")).toBe("2 branches + else");
    expect(nodeSummary("action.delay", { amount: 3, unit: "days" }, {}, "ja")).toBe("3日待つ");
    expect(nodeSummary("action.tag", { tag_id: 1 }, { tags: [{ id: 1, name: "VIP" }] }, "en")).toBe("Add tag “VIP”");
    expect(nodeSummary("start", { account_ids: [] }, {}, "en")).toBe("No LINE account selected");
    expect(nodeSummary("trigger.message_received", { keywords: ["hi"], match_type: "equals" }, {}, "en")).toBe("Message is “hi”");
  });
});

describe("history", () => {
  it("undoes and redoes", () => {
    let h = emptyHistory<number>();
    h = record(h, 1, null, 0);
    h = record(h, 2, null, 10);
    const u = undo(h, 3)!;
    expect(u.state).toBe(2);
    const u2 = undo(u.history, 2)!;
    expect(u2.state).toBe(1);
    const r = redo(u2.history, 1)!;
    expect(r.state).toBe(2);
    expect(undo(emptyHistory<number>(), 0)).toBeNull();
  });
  it("coalesces rapid edits of one field", () => {
    let h = emptyHistory<string>();
    h = record(h, "", "name", 0);
    h = record(h, "a", "name", 300);
    h = record(h, "ab", "name", 600);
    expect(h.past).toEqual([""]);
    h = record(h, "abc", "other", 700);
    expect(h.past).toEqual(["", "abc"]);
  });
});
