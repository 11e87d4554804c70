// The path one run took through a workflow graph, from its step records: which nodes it reached
// (with the status of their latest visit) and which edges it followed. Pure: unit-tested.
import type { Definition } from "../types";
import { edgeId } from "./graph";

export interface RunStepLite {
  node_id: string;
  status: string;
  output_handle: string | null;
  visit?: number;
}

export interface RunPath {
  /** node id -> status of its latest step ("completed", "failed", "waiting", ...). */
  nodes: Record<string, string>;
  /** ids of the edges the run followed (edge.id, or the canonical id when it has none). */
  edges: string[];
}

export const EMPTY_PATH: RunPath = { nodes: {}, edges: [] };

export function runPath(def: Definition, steps: RunStepLite[], triggerNodeId?: string | null): RunPath {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  const nodes: Record<string, string> = {};
  // Steps come oldest first; a node visited twice (a loop) shows its latest visit.
  for (const s of steps) if (byId.has(s.node_id)) nodes[s.node_id] = s.status;
  const trigger = triggerNodeId && byId.has(triggerNodeId) ? triggerNodeId : null;
  if (trigger && !nodes[trigger]) nodes[trigger] = "completed";
  const edges = new Set<string>();
  if (trigger) {
    // Start has no step of its own: the run entered through the Start → trigger edge.
    for (const e of def.edges) {
      if (e.target === trigger && byId.get(e.source)?.type === "start") {
        nodes[e.source] = "completed";
        edges.add(e.id || edgeId(e));
      }
    }
  }
  const handles = new Map<string, Set<string>>();
  for (const s of steps) {
    if (!s.output_handle || s.status !== "completed") continue;
    if (!handles.has(s.node_id)) handles.set(s.node_id, new Set());
    handles.get(s.node_id)!.add(s.output_handle);
  }
  for (const e of def.edges) {
    const taken = handles.get(e.source);
    if (taken?.has(e.source_handle || "out") && nodes[e.target]) edges.add(e.id || edgeId(e));
  }
  return { nodes, edges: [...edges] };
}

/** Whether a run with this status may still change (worth polling). */
export function inFlight(status: string): boolean {
  return status === "queued" || status === "running" || status === "waiting";
}
