// Top-to-bottom layered auto-layout (a small Sugiyama-style layout): pure functions.
//
// 1. ranks: longest path from the roots (nodes without incoming edges; Start first), back edges
//    of cycles ignored;
// 2. order inside each rank: discovery order (parents' order, then output-handle order),
//    improved by a few barycenter sweeps;
// 3. coordinates: each node as close as possible to the mean x of its parents, without overlap,
//    rows spaced evenly; the result is the top-left position of every node.

export interface LayoutNode {
  id: string;
  width?: number;
  height?: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
  /** Position of the source handle among the source node's outputs (keeps left-to-right order). */
  handleIndex?: number;
}

export interface LayoutOptions {
  nodeWidth?: number;
  nodeHeight?: number;
  gapX?: number;
  gapY?: number;
  /** Ids laid out first among the roots (e.g. "start"). */
  preferredRoots?: string[];
}

export type Positions = Record<string, { x: number; y: number }>;

export function layeredLayout(nodes: LayoutNode[], edges: LayoutEdge[], opts: LayoutOptions = {}): Positions {
  const nodeWidth = opts.nodeWidth ?? 240;
  const nodeHeight = opts.nodeHeight ?? 80;
  const gapX = opts.gapX ?? 40;
  const gapY = opts.gapY ?? 70;
  const ids = nodes.map((n) => n.id);
  const known = new Set(ids);
  const size = new Map(nodes.map((n) => [n.id, { w: n.width ?? nodeWidth, h: n.height ?? nodeHeight }]));

  const outgoing = new Map<string, LayoutEdge[]>(ids.map((id) => [id, []]));
  const incomingCount = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of edges) {
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target) continue;
    outgoing.get(e.source)!.push(e);
    incomingCount.set(e.target, (incomingCount.get(e.target) ?? 0) + 1);
  }
  for (const list of outgoing.values()) list.sort((a, b) => (a.handleIndex ?? 0) - (b.handleIndex ?? 0));

  // Roots: preferred first, then nodes without incoming edges, in input order.
  const preferred = (opts.preferredRoots ?? []).filter((id) => known.has(id));
  const roots = [...preferred, ...ids.filter((id) => incomingCount.get(id) === 0 && !preferred.includes(id))];

  // DFS from the roots: discovery order and back edges (cycles).
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const backEdges = new Set<LayoutEdge>();
  const visit = (root: string) => {
    if (state.has(root)) return;
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 1);
    order.push(root);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const out = outgoing.get(top.id)!;
      if (top.i < out.length) {
        const e = out[top.i++];
        const s = state.get(e.target);
        if (s === 1) backEdges.add(e);
        else if (!s) {
          state.set(e.target, 1);
          order.push(e.target);
          stack.push({ id: e.target, i: 0 });
        }
      } else {
        state.set(top.id, 2);
        stack.pop();
      }
    }
  };
  roots.forEach(visit);
  ids.forEach(visit); // nodes only reachable through cycles

  // Ranks: longest path over the DAG (forward edges only), processed in topological order.
  const forward = edges.filter(
    (e) => known.has(e.source) && known.has(e.target) && e.source !== e.target && !backEdges.has(e),
  );
  const indeg = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of forward) indeg.set(e.target, indeg.get(e.target)! + 1);
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  const queue = order.filter((id) => indeg.get(id) === 0);
  const fwdOut = new Map<string, LayoutEdge[]>(ids.map((id) => [id, []]));
  for (const e of forward) fwdOut.get(e.source)!.push(e);
  while (queue.length) {
    const id = queue.shift()!;
    for (const e of fwdOut.get(id)!) {
      rank.set(e.target, Math.max(rank.get(e.target)!, rank.get(id)! + 1));
      indeg.set(e.target, indeg.get(e.target)! - 1);
      if (indeg.get(e.target) === 0) queue.push(e.target);
    }
  }

  // Layers in discovery order.
  const layerCount = Math.max(0, ...ids.map((id) => rank.get(id)!)) + 1;
  const layers: string[][] = Array.from({ length: layerCount }, () => []);
  for (const id of order) layers[rank.get(id)!].push(id);

  // Barycenter sweeps (downwards) to reduce crossings.
  const parents = new Map<string, { id: string; handle: number }[]>(ids.map((id) => [id, []]));
  for (const e of forward) parents.get(e.target)!.push({ id: e.source, handle: e.handleIndex ?? 0 });
  const posInLayer = new Map<string, number>();
  const index = () => layers.forEach((layer) => layer.forEach((id, i) => posInLayer.set(id, i)));
  index();
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let r = 1; r < layers.length; r++) {
      const bary = new Map<string, number>();
      layers[r].forEach((id, i) => {
        const ps = parents.get(id)!;
        bary.set(
          id,
          ps.length ? ps.reduce((s, p) => s + posInLayer.get(p.id)! + p.handle * 0.01, 0) / ps.length : i,
        );
      });
      layers[r] = layers[r]
        .map((id, i) => ({ id, i }))
        .sort((a, b) => bary.get(a.id)! - bary.get(b.id)! || a.i - b.i)
        .map((x) => x.id);
      index();
    }
  }

  // Coordinates.
  const result: Positions = {};
  const centerX = new Map<string, number>();
  let y = 0;
  for (const layer of layers) {
    const rowHeight = Math.max(nodeHeight, ...layer.map((id) => size.get(id)!.h));
    // Desired centers: mean of parents' centers, or packed left-to-right.
    const desired = layer.map((id, i) => {
      const ps = parents.get(id)!.filter((p) => centerX.has(p.id));
      if (ps.length) return ps.reduce((s, p) => s + centerX.get(p.id)!, 0) / ps.length;
      return i * (nodeWidth + gapX);
    });
    // Siblings sharing a parent spread around it: pack, then shift to keep the mean.
    const placed: number[] = [];
    layer.forEach((id, i) => {
      const w = size.get(id)!.w;
      let c = desired[i];
      if (i > 0) {
        const prevId = layer[i - 1];
        const minC = placed[i - 1] + size.get(prevId)!.w / 2 + gapX + w / 2;
        c = Math.max(c, minC);
      }
      placed.push(c);
    });
    const meanDesired = desired.reduce((s, v) => s + v, 0) / (desired.length || 1);
    const meanPlaced = placed.reduce((s, v) => s + v, 0) / (placed.length || 1);
    // Shift the row left by the drift the packing caused, but never past a parent-less start.
    const shift = layer.length > 1 ? meanPlaced - meanDesired : 0;
    layer.forEach((id, i) => {
      const c = placed[i] - shift;
      centerX.set(id, c);
      result[id] = { x: Math.round(c - size.get(id)!.w / 2), y: Math.round(y) };
    });
    y += rowHeight + gapY;
  }
  // Normalise: leftmost node at x = 0.
  const minX = Math.min(...Object.values(result).map((p) => p.x));
  if (Number.isFinite(minX)) for (const id of Object.keys(result)) result[id] = { x: result[id].x - minX + 0, y: result[id].y + 0 };
  return result;
}
