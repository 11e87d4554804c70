import { describe, expect, it } from "vitest";
import { layeredLayout } from "./layout";

const opts = { nodeWidth: 200, nodeHeight: 80, gapX: 40, gapY: 60 };

describe("layeredLayout", () => {
  it("stacks a chain top to bottom in one column", () => {
    const p = layeredLayout(
      [{ id: "c" }, { id: "a" }, { id: "b" }],
      [{ source: "a", target: "b" }, { source: "b", target: "c" }],
      opts,
    );
    expect(p.a.y).toBe(0);
    expect(p.b.y).toBe(140);
    expect(p.c.y).toBe(280);
    expect(p.a.x).toBe(p.b.x);
    expect(p.b.x).toBe(p.c.x);
  });

  it("places a node below its deepest parent (longest path)", () => {
    const p = layeredLayout(
      [{ id: "s" }, { id: "a" }, { id: "b" }, { id: "j" }],
      [
        { source: "s", target: "a" },
        { source: "a", target: "b" },
        { source: "b", target: "j" },
        { source: "s", target: "j" },
      ],
      opts,
    );
    expect(p.j.y).toBeGreaterThan(p.b.y);
  });

  it("spreads siblings without overlap, in handle order, centred under the parent", () => {
    const p = layeredLayout(
      [{ id: "q" }, { id: "t" }, { id: "a" }],
      [
        { source: "q", target: "t", handleIndex: 1 },
        { source: "q", target: "a", handleIndex: 0 },
      ],
      opts,
    );
    expect(p.a.y).toBe(p.t.y);
    expect(p.a.x).toBeLessThan(p.t.x);
    expect(p.t.x - p.a.x).toBeGreaterThanOrEqual(240);
    const parentCentre = p.q.x + 100;
    const childrenCentre = (p.a.x + p.t.x) / 2 + 100;
    expect(Math.abs(parentCentre - childrenCentre)).toBeLessThanOrEqual(1);
  });

  it("never overlaps nodes in a row", () => {
    const nodes = ["r", "a", "b", "c", "d", "e", "f"].map((id) => ({ id }));
    const edges = [
      { source: "r", target: "a" },
      { source: "r", target: "b" },
      { source: "a", target: "c" },
      { source: "a", target: "d" },
      { source: "b", target: "e" },
      { source: "b", target: "f" },
    ];
    const p = layeredLayout(nodes, edges, opts);
    const rows = new Map<number, number[]>();
    for (const id of Object.keys(p)) rows.set(p[id].y, [...(rows.get(p[id].y) ?? []), p[id].x]);
    for (const xs of rows.values()) {
      xs.sort((a, b) => a - b);
      for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(240);
    }
  });

  it("terminates on cycles and lays out unconnected nodes", () => {
    const p = layeredLayout(
      [{ id: "start" }, { id: "a" }, { id: "b" }, { id: "lonely" }],
      [
        { source: "start", target: "a" },
        { source: "a", target: "b" },
        { source: "b", target: "a" },
      ],
      { ...opts, preferredRoots: ["start"] },
    );
    expect(Object.keys(p).sort()).toEqual(["a", "b", "lonely", "start"]);
    expect(p.start.y).toBe(0);
    expect(p.a.y).toBeGreaterThan(p.start.y);
    expect(p.b.y).toBeGreaterThan(p.a.y);
  });

  it("ignores edges to unknown nodes and self loops", () => {
    const p = layeredLayout([{ id: "a" }], [{ source: "a", target: "zz" }, { source: "a", target: "a" }], opts);
    expect(p).toEqual({ a: { x: 0, y: 0 } });
  });

  it("uses measured sizes", () => {
    const p = layeredLayout([{ id: "a", height: 200 }, { id: "b" }], [{ source: "a", target: "b" }], opts);
    expect(p.b.y).toBe(260);
  });
});
