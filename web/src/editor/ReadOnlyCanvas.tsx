// A workflow graph drawn read-only (execution history, previews): same node look as the editor,
// optional per-node run counts and a highlighted run path.
import { useMemo } from "react";
import { Background, Controls, ReactFlow, ReactFlowProvider, type Edge } from "@xyflow/react";
import type { Definition } from "../types";
import { EditorContext, FlowNode, type FlowNodeT } from "./FlowNode";
import { edgeId, outputHandles, type CatalogIndex, type Lookups } from "./graph";
import { layeredLayout } from "./layout";
import type { RunPath } from "./runPath";

const nodeTypes = { lumo: FlowNode };

export function pathEdges(edges: Edge[], path: RunPath | null | undefined): Edge[] {
  if (!path) return edges;
  const on = new Set(path.edges);
  return edges.map((e) =>
    on.has(e.id) ? { ...e, className: "on-path", animated: true } : { ...e, className: "off-path", animated: false },
  );
}

interface Props {
  definition: Definition;
  catalog: CatalogIndex;
  lookups?: Partial<Lookups>;
  nodeCounts?: Record<string, Record<string, number>>;
  runPath?: RunPath | null;
  /** Lay the graph out top-to-bottom instead of using the stored positions. */
  relayout?: boolean;
  testid?: string;
  className?: string;
}

function Canvas({ definition, catalog, lookups, nodeCounts, runPath, relayout, testid, className }: Props) {
  const { nodes, edges } = useMemo(() => {
    const pos = relayout
      ? layeredLayout(
          definition.nodes.map((n) => ({ id: n.id })),
          definition.edges.map((e) => {
            const src = definition.nodes.find((n) => n.id === e.source);
            const hs = outputHandles(src ? catalog[src.type] : undefined, src?.config ?? {});
            return { source: e.source, target: e.target, handleIndex: Math.max(0, hs.findIndex((h) => h.id === e.source_handle)) };
          }),
          { nodeWidth: 240, nodeHeight: 96, gapX: 50, gapY: 70, preferredRoots: definition.nodes.filter((n) => n.type === "start").map((n) => n.id) },
        )
      : null;
    const nodes: FlowNodeT[] = definition.nodes.map((n) => ({
      id: n.id,
      type: "lumo",
      position: pos?.[n.id] ?? n.position ?? { x: 0, y: 0 },
      data: { type: n.type, config: n.config ?? {} },
      draggable: false,
      selectable: false,
      connectable: false,
    }));
    const edges: Edge[] = definition.edges.map((e) => ({
      id: e.id || edgeId(e),
      source: e.source,
      sourceHandle: e.source_handle || "out",
      target: e.target,
      targetHandle: "in",
      type: "smoothstep",
    }));
    return { nodes, edges };
  }, [definition, catalog, relayout]);
  const shown = useMemo(() => pathEdges(edges, runPath), [edges, runPath]);
  const ctx = useMemo(
    () => ({ catalog, lookups: lookups ?? {}, issuesByNode: {}, onAdd: () => undefined, nodeCounts, runPath, readOnly: true }),
    [catalog, lookups, nodeCounts, runPath],
  );
  return (
    <EditorContext.Provider value={ctx}>
      <div className={`readonly-canvas ${className ?? ""}`} data-testid={testid}>
        <ReactFlow<FlowNodeT, Edge>
          nodes={nodes}
          edges={shown}
          nodeTypes={nodeTypes}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 0.9 }}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          minZoom={0.2}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </EditorContext.Provider>
  );
}

export function ReadOnlyCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
