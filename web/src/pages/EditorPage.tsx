import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type Edge,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
} from "@xyflow/react";
import { ApiError, etagRevision, get, request } from "../api";
import { issuesFromError } from "../lib/errors";
import { ErrorBox, LanguageSwitch, Modal, StatusBadge } from "../components";
import { useI18n } from "../i18nContext";
import { Link, useBlocker } from "../router";
import { useToast } from "../toast";
import type { Catalog, DefEdge, DefNode, Definition, Issue, NodeTypeSpec, Reentry, Resource, ResourceKind, Validation, Workflow } from "../types";
import { EditorContext, FlowNode, type FlowNodeT, type NodeIssues } from "../editor/FlowNode";
import { SidePanel } from "../editor/SidePanel";
import {
  allowedNextCategory,
  canConnect,
  canonical,
  edgeId,
  indexCatalog,
  newNodeId,
  outputHandles,
  positionBelow,
  pruneEdges,
  stableStringify,
  typeLabel,
  type CatalogIndex,
  type Lookups,
} from "../editor/graph";
import { emptyHistory, record, redo as redoHistory, undo as undoHistory, type HistoryState } from "../editor/history";
import { layeredLayout } from "../editor/layout";
import { configPathFromPointer, initialConfig } from "../editor/schema";
import { DESCRIPTIONS_JA, nodeDescription } from "../editor/nodeText";
import { inFlight, runPath, type RunStepLite } from "../editor/runPath";
import { pathEdges } from "../editor/ReadOnlyCanvas";
import { TryItPanel, type TryRun } from "../editor/TryItPanel";

const nodeTypes = { lumo: FlowNode };
const FIT_VIEW = { padding: 0.2, maxZoom: 1 };
const RESOURCE_KINDS: ResourceKind[] = ["accounts", "tags", "auto-messages", "rich-menus", "qr-codes"];
const EMPTY_VALIDATION: Validation = { valid: true, errors: [], warnings: [] };
const NODE_W = 240;
const NODE_H = 96;

type Meta = Pick<Workflow, "id" | "status" | "revision" | "published_revision" | "has_unpublished_changes">;

interface Picker {
  sourceId: string | null;
  handleId: string | null;
  position?: { x: number; y: number };
}

function toFlowNodes(def: Definition, prev: FlowNodeT[] = [], selectedId?: string | null): FlowNodeT[] {
  const byId = new Map(prev.map((n) => [n.id, n]));
  return def.nodes.map((n) => {
    const old = byId.get(n.id);
    return {
      ...(old ?? {}),
      id: n.id,
      type: "lumo",
      position: { x: n.position?.x ?? 0, y: n.position?.y ?? 0 },
      data: { type: n.type, config: n.config ?? {} },
      deletable: n.type !== "start",
      selected: selectedId !== undefined ? n.id === selectedId : old?.selected ?? false,
    } as FlowNodeT;
  });
}

function toFlowEdges(def: Definition, prev: Edge[] = []): Edge[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  return def.edges.map((e) => {
    const id = e.id || edgeId(e);
    const old = byId.get(id);
    return {
      ...(old ?? {}),
      id,
      source: e.source,
      sourceHandle: e.source_handle || "out",
      target: e.target,
      targetHandle: "in",
      type: "smoothstep",
    } as Edge;
  });
}

function fromFlow(nodes: FlowNodeT[], edges: Edge[]): Definition {
  return {
    nodes: nodes.map((n) => ({
      id: n.id,
      type: n.data.type,
      config: n.data.config ?? {},
      position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
    })),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      source_handle: e.sourceHandle || "out",
      target: e.target,
    })),
  };
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

export function EditorPage({ workflowId }: { workflowId: string }) {
  return (
    <ReactFlowProvider>
      <Editor workflowId={workflowId} />
    </ReactFlowProvider>
  );
}

function Editor({ workflowId }: { workflowId: string }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const flow = useReactFlow<FlowNodeT, Edge>();
  const flowRef = useRef(flow);
  flowRef.current = flow;

  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [catalog, setCatalog] = useState<CatalogIndex>({});
  const [catalogList, setCatalogList] = useState<NodeTypeSpec[]>([]);
  const [unavailableList, setUnavailableList] = useState<NodeTypeSpec[]>([]);
  const [lookups, setLookups] = useState<Partial<Lookups>>({});
  const [meta, setMeta] = useState<Meta | null>(null);
  const [revision, setRevision] = useState<string>("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [reentry, setReentry] = useState<Reentry>("not_concurrent");
  const [nodes, setNodes] = useState<FlowNodeT[]>([]);
  const [edges, setEdges] = useState<Edge[]>([]);
  const [savedKey, setSavedKey] = useState<string>("");
  const [validation, setValidation] = useState<Validation>(EMPTY_VALIDATION);
  const [validatedOrder, setValidatedOrder] = useState<string[]>([]);
  const [history, setHistory] = useState<HistoryState<Definition>>(emptyHistory);
  const [picker, setPicker] = useState<Picker | null>(null);
  const [saving, setSaving] = useState(false);
  const [activating, setActivating] = useState(false);
  const [stale, setStale] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [nodeCounts, setNodeCounts] = useState<Record<string, Record<string, number>>>({});
  const [tryOpen, setTryOpen] = useState(false);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const refocusPause = useRef(false);
  const [shownRun, setShownRun] = useState<TryRun | null>(null);
  const [shownSteps, setShownSteps] = useState<RunStepLite[]>([]);

  // Latest values for callbacks that must not re-create on every change.
  const state = useRef({ nodes, edges, history });
  state.current = { nodes, edges, history };

  const definition = useMemo(() => fromFlow(nodes, edges), [nodes, edges]);
  const currentKey = useMemo(
    () => stableStringify({ name, description, reentry, definition: canonical(definition) }),
    [name, description, reentry, definition],
  );
  const dirty = loaded && currentKey !== savedKey;

  useBlocker(dirty, t("common.unsavedLeave"));

  // Live validation: the unsaved graph is checked as it changes (debounced; nothing stored).
  const liveKey = useMemo(() => stableStringify(canonical(definition)), [definition]);
  const lastChecked = useRef<string>("");
  useEffect(() => {
    if (!loaded || !meta) return;
    if (lastChecked.current === "") {
      lastChecked.current = liveKey; // the loaded graph was validated by the server already
      return;
    }
    if (liveKey === lastChecked.current) return;
    const ctrl = new AbortController();
    const timer = window.setTimeout(() => {
      const def = canonical(fromFlow(state.current.nodes, state.current.edges));
      request<Validation>(`/api/workflows/${meta.id}/validation`, { method: "POST", body: { definition: def }, signal: ctrl.signal })
        .then((res) => {
          lastChecked.current = liveKey;
          setValidation(res.data);
          setValidatedOrder(def.nodes.map((n) => n.id));
        })
        .catch(() => undefined);
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [liveKey, loaded, meta]);

  const applyWorkflow = useCallback((wf: Workflow, etag: string | null) => {
    const def = canonical(wf.definition ?? { nodes: [], edges: [] });
    setMeta({
      id: wf.id,
      status: wf.status,
      revision: wf.revision,
      published_revision: wf.published_revision,
      has_unpublished_changes: wf.has_unpublished_changes,
    });
    setRevision(etagRevision(etag) ?? String(wf.revision));
    setName(wf.name ?? "");
    setDescription(wf.description ?? "");
    const re = wf.reentry ?? "not_concurrent";
    setReentry(re);
    setNodes((prev) => toFlowNodes(def, prev));
    setEdges((prev) => toFlowEdges(def, prev));
    setSavedKey(stableStringify({ name: wf.name ?? "", description: wf.description ?? "", reentry: re, definition: def }));
    setValidation(wf.validation ?? EMPTY_VALIDATION);
    setValidatedOrder(def.nodes.map((n) => n.id));
  }, []);

  // Load the workflow, the catalog and the account's resources.
  useEffect(() => {
    const ctrl = new AbortController();
    setLoadError(null);
    (async () => {
      try {
        const [wfRes, cat] = await Promise.all([
          request<Workflow>(`/api/workflows/${encodeURIComponent(workflowId)}`, { signal: ctrl.signal }),
          get<Catalog>("/api/catalog", ctrl.signal),
        ]);
        const types = cat.node_types ?? [];
        setCatalogList(types);
        setUnavailableList(cat.unavailable ?? []);
        // Unavailable types (integration not connected) are not offered, but nodes already
        // on the canvas still render with their form.
        setCatalog(indexCatalog([...types, ...(cat.unavailable ?? [])]));
        applyWorkflow(wfRes.data, wfRes.headers.get("ETag"));
        if (wfRes.data.status !== "draft") {
          // Per-node step counts of past runs, shown on the canvas (best effort).
          get<{ node_counts?: Record<string, Record<string, number>> }>(
            `/api/workflows/${encodeURIComponent(workflowId)}/executions?limit=1`,
            ctrl.signal,
          )
            .then((d) => setNodeCounts(d.node_counts ?? {}))
            .catch(() => undefined);
        }
        setHistory(emptyHistory());
        setStale(null);
        setLoaded(true);
        window.setTimeout(() => void flowRef.current.fitView({ padding: 0.2, maxZoom: 1 }), 50);
      } catch (e) {
        if ((e as Error).name === "AbortError") return;
        setLoadError((e as Error).message);
      }
    })();
    Promise.all(
      RESOURCE_KINDS.map((k) =>
        get<{ items: Resource[] } | Resource[]>(`/api/${k}`, ctrl.signal)
          .then((d) => [k, Array.isArray(d) ? d : d.items ?? []] as const)
          .catch(() => [k, [] as Resource[]] as const),
      ),
    ).then((pairs) => {
      if (!ctrl.signal.aborted) setLookups(Object.fromEntries(pairs) as Partial<Lookups>);
    });
    return () => ctrl.abort();
  }, [workflowId, reloadKey, applyWorkflow]);

  // ----- edits with undo -----
  const commit = useCallback(
    (mutate: (def: Definition) => Definition, key: string | null = null, selectId?: string | null) => {
      const { nodes: ns, edges: es, history: h } = state.current;
      const before = fromFlow(ns, es);
      const after = mutate(before);
      setHistory(record(h, before, key));
      setNodes(toFlowNodes(after, ns, selectId));
      setEdges(toFlowEdges(after, es));
    },
    [],
  );

  const doUndo = useCallback(() => {
    const { nodes: ns, edges: es, history: h } = state.current;
    const r = undoHistory(h, fromFlow(ns, es));
    if (!r) return;
    setHistory(r.history);
    setNodes(toFlowNodes(r.state, ns));
    setEdges(toFlowEdges(r.state, es));
  }, []);

  const doRedo = useCallback(() => {
    const { nodes: ns, edges: es, history: h } = state.current;
    const r = redoHistory(h, fromFlow(ns, es));
    if (!r) return;
    setHistory(r.history);
    setNodes(toFlowNodes(r.state, ns));
    setEdges(toFlowEdges(r.state, es));
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<FlowNodeT>[]) => {
    // Removal goes through deleteSelection (one undo step, Start protected).
    const kept = changes.filter((c) => c.type !== "remove");
    if (kept.length) setNodes((ns) => applyNodeChanges(kept, ns));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const kept = changes.filter((c) => c.type !== "remove");
    if (kept.length) setEdges((es) => applyEdgeChanges(kept, es));
  }, []);

  const onNodeDragStart = useCallback(() => {
    const { nodes: ns, edges: es, history: h } = state.current;
    setHistory(record(h, fromFlow(ns, es)));
  }, []);

  const isValidConnection: IsValidConnection<Edge> = useCallback(
    (c) => {
      const def = fromFlow(state.current.nodes, state.current.edges);
      const src = def.nodes.find((n) => n.id === c.source);
      const dst = def.nodes.find((n) => n.id === c.target);
      if (!canConnect(src, dst, catalog)) return false;
      return !def.edges.some((e) => e.source === c.source && e.target === c.target && e.source_handle === (c.sourceHandle || "out"));
    },
    [catalog],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (!isValidConnection(c as Edge)) return;
      commit((def) => {
        const e: DefEdge = { source: c.source, source_handle: c.sourceHandle || "out", target: c.target };
        return { ...def, edges: [...def.edges, { ...e, id: edgeId(e) }] };
      });
    },
    [commit, isValidConnection],
  );

  const deleteSelection = useCallback(() => {
    const { nodes: ns, edges: es } = state.current;
    const nodeIds = new Set(ns.filter((n) => n.selected && n.data.type !== "start").map((n) => n.id));
    const edgeIds = new Set(es.filter((e) => e.selected).map((e) => e.id));
    if (!nodeIds.size && !edgeIds.size) {
      if (ns.some((n) => n.selected && n.data.type === "start")) toast(t("editor.cannotDeleteStart"), "info");
      return;
    }
    commit((def) => ({
      nodes: def.nodes.filter((n) => !nodeIds.has(n.id)),
      edges: def.edges.filter((e) => !edgeIds.has(e.id ?? "") && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
    }));
  }, [commit, t, toast]);

  const deleteNode = useCallback(
    (id: string) => {
      commit((def) => ({
        nodes: def.nodes.filter((n) => n.id !== id || n.type === "start"),
        edges: def.edges.filter((e) => e.source !== id && e.target !== id),
      }), null, null);
    },
    [commit],
  );

  const updateConfig = useCallback(
    (id: string, config: Record<string, unknown>, key: string) => {
      commit(
        (def) => {
          const next = { ...def, nodes: def.nodes.map((n) => (n.id === id ? { ...n, config } : n)) };
          return { ...next, edges: pruneEdges(next, catalog) };
        },
        `config:${id}:${key}`,
      );
    },
    [commit, catalog],
  );

  /** Pan (without zooming) so that a node just added is in view: it may land off-screen. */
  const revealNode = useCallback((id: string) => {
    window.setTimeout(() => {
      const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
      const pane = document.querySelector(".canvas");
      const n = state.current.nodes.find((x) => x.id === id);
      if (!el || !pane || !n) return;
      const r = el.getBoundingClientRect();
      const c = pane.getBoundingClientRect();
      if (r.left >= c.left && r.right <= c.right && r.top >= c.top && r.bottom <= c.bottom) return;
      const w = n.measured?.width ?? NODE_W;
      const h = n.measured?.height ?? NODE_H;
      void flowRef.current.setCenter(n.position.x + w / 2, n.position.y + h / 2, { zoom: flowRef.current.getZoom() });
    }, 30);
  }, []);

  const addNode = useCallback(
    (type: string, sourceId: string | null, handleId: string | null, at?: { x: number; y: number }) => {
      const spec = catalog[type];
      if (!spec) return;
      const newId = newNodeId(type, state.current.nodes.map((n) => n.id));
      commit((def) => {
        const config = initialConfig(spec.schema ?? {});
        const source = sourceId ? def.nodes.find((n) => n.id === sourceId) : undefined;
        const handle = handleId || "out";
        let position = at ?? { x: 0, y: 0 };
        let nodesNext: DefNode[] = def.nodes;
        let edgesNext: DefEdge[] = def.edges;
        if (source) {
          const existing = def.edges.filter((e) => e.source === source.id && e.source_handle === handle);
          const sourceSpec = catalog[source.type];
          const insert = existing.length === 1 && sourceSpec?.category !== "start" && spec.inputs.length > 0;
          const handles = outputHandles(sourceSpec, source.config);
          const hi = Math.max(0, handles.findIndex((h) => h.id === handle));
          if (insert) {
            // Insert between the source and its current child; push the child's subtree down.
            const child = def.nodes.find((n) => n.id === existing[0].target);
            position = child ? { ...child.position } : positionBelow(source, hi, handles.length);
            const below = new Set<string>();
            const walk = (id: string) => {
              if (below.has(id)) return;
              below.add(id);
              def.edges.filter((e) => e.source === id).forEach((e) => walk(e.target));
            };
            if (child) walk(child.id);
            nodesNext = def.nodes.map((n) => (below.has(n.id) ? { ...n, position: { x: n.position.x, y: n.position.y + 160 } } : n));
            const firstOut = outputHandles(spec, config)[0]?.id ?? "out";
            const inEdge: DefEdge = { source: source.id, source_handle: handle, target: newId };
            const outEdge: DefEdge = { source: newId, source_handle: firstOut, target: existing[0].target };
            edgesNext = [
              ...def.edges.filter((e) => e !== existing[0]),
              { ...inEdge, id: edgeId(inEdge) },
              { ...outEdge, id: edgeId(outEdge) },
            ];
          } else {
            const siblings = def.edges.filter((e) => e.source === source.id).length;
            position = handles.length > 1 ? positionBelow(source, hi, handles.length) : positionBelow(source, siblings, siblings + 1);
            if (handles.length === 1 && siblings > 0) {
              position = { x: source.position.x + siblings * (NODE_W + 40), y: source.position.y + 160 };
            }
            const e: DefEdge = { source: source.id, source_handle: handle, target: newId };
            edgesNext = [...def.edges, { ...e, id: edgeId(e) }];
          }
        }
        // Avoid landing exactly on another node.
        const occupied = (p: { x: number; y: number }) =>
          nodesNext.some((n) => Math.abs(n.position.x - p.x) < NODE_W - 20 && Math.abs(n.position.y - p.y) < NODE_H - 10);
        let guard = 0;
        while (occupied(position) && guard++ < 50) position = { x: position.x + NODE_W + 40, y: position.y };
        return { nodes: [...nodesNext, { id: newId, type, config, position }], edges: edgesNext };
      }, null, newId);
      revealNode(newId);
    },
    [catalog, commit, revealNode],
  );

  const autoLayout = useCallback(() => {
    commit((def) => {
      const pos = layeredLayout(
        def.nodes.map((n) => {
          const fn = state.current.nodes.find((x) => x.id === n.id);
          return { id: n.id, width: fn?.measured?.width ?? NODE_W, height: fn?.measured?.height ?? NODE_H };
        }),
        def.edges.map((e) => {
          const src = def.nodes.find((n) => n.id === e.source);
          const handles = outputHandles(src ? catalog[src.type] : undefined, src?.config ?? {});
          return { source: e.source, target: e.target, handleIndex: Math.max(0, handles.findIndex((h) => h.id === e.source_handle)) };
        }),
        { nodeWidth: NODE_W, nodeHeight: NODE_H, gapX: 60, gapY: 80, preferredRoots: def.nodes.filter((n) => n.type === "start").map((n) => n.id) },
      );
      return { ...def, nodes: def.nodes.map((n) => ({ ...n, position: pos[n.id] ?? n.position })) };
    });
    window.setTimeout(() => flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 }), 50);
  }, [commit, catalog, flow]);

  // ----- server actions -----
  const save = useCallback(async () => {
    if (!meta || saving || !name.trim()) return;
    setSaving(true);
    setActionError(null);
    const def = canonical(fromFlow(state.current.nodes, state.current.edges));
    const sentKey = stableStringify({ name, description, reentry, definition: def });
    try {
      const res = await request<Workflow>(`/api/workflows/${meta.id}`, {
        method: "PUT",
        body: { name, description, reentry, definition: def },
        headers: { "If-Match": revision },
      });
      const wf = res.data;
      setMeta({
        id: wf.id,
        status: wf.status,
        revision: wf.revision,
        published_revision: wf.published_revision,
        has_unpublished_changes: wf.has_unpublished_changes,
      });
      setRevision(etagRevision(res.headers.get("ETag")) ?? String(wf.revision));
      setSavedKey(sentKey);
      let v = wf.validation;
      if (!v) {
        try {
          v = await get<Validation>(`/api/workflows/${meta.id}/validation`);
        } catch {
          v = EMPTY_VALIDATION;
        }
      }
      setValidation(v);
      setValidatedOrder(def.nodes.map((n) => n.id));
      toast(t("editor.saved", { revision: wf.revision }), "success");
    } catch (e) {
      if (e instanceof ApiError && (e.status === 409 || e.status === 412)) {
        setStale(e.message || t("editor.stale"));
      } else {
        let message = (e as Error).message;
        if (e instanceof ApiError && e.status === 422) {
          const issues = issuesFromError(e.body).map((i) => {
            const p = configPathFromPointer(i.field);
            const nodeId = i.node_id ?? (p ? def.nodes[p.nodeIndex]?.id ?? null : null);
            return { ...i, node_id: nodeId, message: nodeId && !i.node_id ? `${nodeId}: ${i.message}` : i.message };
          });
          if (issues.length) {
            setValidation((v) => ({ valid: false, errors: issues, warnings: v.warnings }));
            setValidatedOrder(def.nodes.map((n) => n.id));
            message = t("editor.saveRefused", { message: issues[0].message, count: issues.length });
          }
        }
        setActionError(message);
      }
    } finally {
      setSaving(false);
    }
  }, [meta, saving, name, description, reentry, revision, t, toast]);

  const startAccountIds = useMemo(() => {
    const start = definition.nodes.find((n) => n.type === "start");
    const ids = start?.config?.account_ids;
    return Array.isArray(ids) ? ids.filter((x): x is number => typeof x === "number") : [];
  }, [definition]);
  const startAccounts = startAccountIds.length;

  const running = meta?.status === "active" && !meta.has_unpublished_changes;
  const startReason = !meta
    ? ""
    : running
      ? t("editor.reason.active")
      : dirty
        ? t("editor.reason.unsaved")
        : startAccounts === 0
          ? t("editor.reason.noAccount")
          : validation.errors.length > 0
            ? t("editor.reason.errors", { count: validation.errors.length })
            : "";

  const activate = useCallback(async () => {
    if (!meta || startReason) return;
    // Start goes away once the workflow runs: keep keyboard focus in the bar (on Pause).
    refocusPause.current = document.activeElement?.getAttribute("data-testid") === "start-button";
    setActivating(true);
    setActionError(null);
    try {
      const wf = await request<Workflow>(`/api/workflows/${meta.id}/activate`, {
        method: "POST",
        body: {},
        headers: { "If-Match": revision },
      });
      const d = wf.data;
      setMeta((m) => ({
        ...(m as Meta),
        status: d.status ?? "active",
        revision: d.revision ?? m?.revision ?? 0,
        published_revision: d.published_revision ?? m?.published_revision ?? null,
        has_unpublished_changes: d.has_unpublished_changes ?? false,
      }));
      if (d.validation) setValidation(d.validation);
      toast(t("editor.activated"), "success");

    } catch (e) {
      refocusPause.current = false;
      if (e instanceof ApiError && e.status === 409) {
        const detail = (e.body as { detail?: { code?: string } } | null)?.detail;
        if (detail?.code === "stale_revision") setStale(e.message);
        else setActionError(e.message);
        const issues = issuesFromError(e.body);
        if (issues.length) setValidation((v) => ({ ...v, valid: false, errors: issues }));
      } else setActionError((e as Error).message);
    } finally {
      setActivating(false);
    }
  }, [meta, startReason, revision, t, toast]);

  useEffect(() => {
    if (meta?.status === "active" && refocusPause.current) {
      refocusPause.current = false;
      pauseRef.current?.focus();
    }
  }, [meta?.status]);

  const pause = useCallback(async () => {
    if (!meta) return;
    setActivating(true);
    setActionError(null);
    try {
      const res = await request<Workflow>(`/api/workflows/${meta.id}/pause`, { method: "POST", body: {} });
      const d = res.data;
      setMeta((m) => ({ ...(m as Meta), status: d?.status ?? "inactive", has_unpublished_changes: d?.has_unpublished_changes ?? m?.has_unpublished_changes ?? false }));
      toast(t("editor.paused"), "success");
    } catch (e) {
      setActionError((e as Error).message);
    } finally {
      setActivating(false);
    }
  }, [meta, t, toast]);

  const reload = useCallback(() => {
    setLoaded(false);
    setSavedKey("");
    setReloadKey((k) => k + 1);
  }, []);

  // ----- keyboard shortcuts -----
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === "s") {
        e.preventDefault();
        void save();
        return;
      }
      if (isTyping(e.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (e.key === "Escape") {
        // Deselect: the side panel goes back to the workflow settings.
        setNodes((ns) => (ns.some((n) => n.selected) ? ns.map((n) => (n.selected ? { ...n, selected: false } : n)) : ns));
        setEdges((es) => (es.some((x) => x.selected) ? es.map((x) => (x.selected ? { ...x, selected: false } : x)) : es));
        return;
      }
      if (mod && key === "z" && !e.shiftKey) {
        e.preventDefault();
        doUndo();
      } else if (mod && ((key === "z" && e.shiftKey) || key === "y")) {
        e.preventDefault();
        doRedo();
      } else if ((e.key === "Delete" || e.key === "Backspace") && !mod) {
        const el = e.target as HTMLElement | null;
        if (el?.closest?.(".react-flow") || el === document.body) {
          e.preventDefault();
          deleteSelection();
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save, doUndo, doRedo, deleteSelection]);

  // ----- issues per node -----
  const issuesByNode = useMemo(() => {
    const out: Record<string, NodeIssues> = {};
    const add = (i: Issue, kind: "errors" | "warnings") => {
      let id = i.node_id;
      if (!id) {
        const p = configPathFromPointer(i.field);
        if (p) id = validatedOrder[p.nodeIndex] ?? null;
      }
      if (!id) return;
      (out[id] ??= { errors: [], warnings: [] })[kind].push(i);
    };
    validation.errors.forEach((i) => add(i, "errors"));
    validation.warnings.forEach((i) => add(i, "warnings"));
    return out;
  }, [validation, validatedOrder]);

  const onAdd = useCallback((sourceId: string, handleId: string) => setPicker({ sourceId, handleId }), []);

  // ----- a run shown on the canvas (from "Try it") -----
  const shownRunId = shownRun?.id ?? null;
  useEffect(() => {
    if (!shownRunId) {
      setShownSteps([]);
      return;
    }
    let stop = false;
    let timer: number | undefined;
    const ctrl = new AbortController();
    const load = () =>
      get<{ status: string; steps: RunStepLite[] }>(`/api/executions/${encodeURIComponent(shownRunId)}`, ctrl.signal)
        .then((d) => {
          setShownSteps(d.steps ?? []);
          setShownRun((r) => (r && r.id === shownRunId && r.status !== d.status ? { ...r, status: d.status } : r));
          if (!stop && inFlight(d.status)) timer = window.setTimeout(load, 1200);
        })
        .catch(() => undefined);
    void load();
    return () => {
      stop = true;
      ctrl.abort();
      window.clearTimeout(timer);
    };
  }, [shownRunId]);
  const shownPath = useMemo(
    () => (shownRun ? runPath(definition, shownSteps, shownRun.trigger_node_id) : null),
    [shownRun, shownSteps, definition],
  );
  const shownEdges = useMemo(() => pathEdges(edges, shownPath), [edges, shownPath]);
  const onTryRuns = useCallback((page: { node_counts?: Record<string, Record<string, number>> }) => {
    if (page.node_counts) setNodeCounts(page.node_counts);
  }, []);
  const ctx = useMemo(
    () => ({ catalog, lookups, issuesByNode, onAdd, nodeCounts, runPath: shownPath }),
    [catalog, lookups, issuesByNode, onAdd, nodeCounts, shownPath],
  );

  const selected = nodes.filter((n) => n.selected);
  const selectedNode = selected.length === 1 ? selected[0] : null;

  const selectNode = useCallback((id: string | null) => {
    setNodes((ns) => ns.map((n) => ({ ...n, selected: n.id === id })));
    setEdges((es) => es.map((e) => (e.selected ? { ...e, selected: false } : e)));
    if (id) {
      const n = state.current.nodes.find((x) => x.id === id);
      if (n) flow.setCenter(n.position.x + NODE_W / 2, n.position.y + NODE_H / 2, { zoom: flow.getZoom(), duration: 200 });
    }
  }, [flow]);

  const addNodeAtCenter = useCallback(
    (type: string) => {
      const el = document.querySelector(".canvas");
      const rect = el?.getBoundingClientRect();
      const p = flow.screenToFlowPosition({
        x: (rect?.left ?? 0) + (rect?.width ?? 800) / 2,
        y: (rect?.top ?? 0) + (rect?.height ?? 600) / 2,
      });
      addNode(type, null, null, { x: Math.round(p.x - NODE_W / 2), y: Math.round(p.y - NODE_H / 2) });
    },
    [addNode, flow],
  );

  // ----- drag from the palette -----
  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes("application/x-lumo-node")) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    }
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData("application/x-lumo-node");
      if (!type) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addNode(type, null, null, { x: Math.round(p.x - NODE_W / 2), y: Math.round(p.y - 20) });
    },
    [addNode, flow],
  );

  if (loadError) {
    return (
      <div className="page">
        <Link to="/workflows">← {t("editor.back")}</Link>
        <ErrorBox message={loadError} onRetry={reload} />
      </div>
    );
  }

  const pickerSource = picker?.sourceId ? nodes.find((n) => n.id === picker.sourceId) : undefined;
  const pickerCategory = allowedNextCategory(pickerSource ? catalog[pickerSource.data.type]?.category : undefined);
  const canUndo = history.past.length > 0;
  const canRedo = history.future.length > 0;

  return (
    <EditorContext.Provider value={ctx}>
      <div className="editor" data-testid="editor">
        <header className="editor-bar">
          <Link to="/workflows" className="button subtle small" data-testid="editor-back">
            ← {t("editor.back")}
          </Link>
          <div className="editor-title">
            <h1 data-testid="editor-name">{name || "…"}</h1>
            {meta && <StatusBadge status={meta.status} testid="editor-status" />}
            {meta?.has_unpublished_changes && <span className="badge badge-warn">{t("workflows.unpublished")}</span>}
            {meta && (
              <span className="muted small" data-testid="editor-revision">
                {t("editor.revision", { revision: meta.revision })}
              </span>
            )}
            <span className={dirty ? "dirty-flag on" : "dirty-flag"} data-testid="dirty-indicator" data-dirty={dirty}>
              {dirty ? `● ${t("editor.unsaved")}` : t("editor.allSaved")}
            </span>
          </div>
          <div className="editor-actions">
            {meta && (
              <Link to={`/workflows/${meta.id}/executions`} className="button subtle small" data-testid="executions-link">
                {t("editor.executions")}
              </Link>
            )}
            {meta && (
              <Link to={`/workflows/${meta.id}/revisions`} className="button subtle small" data-testid="revisions-link">
                {t("revisions.link")}
              </Link>
            )}
            {meta && (
              <button
                type="button"
                className={tryOpen ? "button small active" : "button subtle small"}
                aria-pressed={tryOpen}
                onClick={() => {
                  setTryOpen((o) => !o);
                  setShownRun(null);
                }}
                data-testid="try-it-button"
              >
                ▷ {t("try.button")}
              </button>
            )}
            <button type="button" className="button subtle small" onClick={doUndo} disabled={!canUndo} title={`${t("editor.undo")} (Ctrl+Z)`} data-testid="undo-button">
              ↶ {t("editor.undo")}
            </button>
            <button type="button" className="button subtle small" onClick={doRedo} disabled={!canRedo} title={`${t("editor.redo")} (Ctrl+Shift+Z)`} data-testid="redo-button">
              ↷ {t("editor.redo")}
            </button>
            <button type="button" className="button subtle small" onClick={autoLayout} disabled={!loaded} data-testid="layout-button">
              ⇣ {t("editor.layout")}
            </button>
            <button type="button" className="button small" onClick={() => void save()} disabled={!loaded || saving || !dirty || !name.trim()} data-testid="save-button" title={name.trim() ? "Ctrl+S" : t("create.nameRequired")}>
              {saving ? t("common.saving") : t("editor.save")}
            </button>
            {meta?.status === "active" && (
              <button ref={pauseRef} type="button" className="button small warn" onClick={() => void pause()} disabled={activating} data-testid="pause-button">
                ❚❚ {t("editor.pause")}
              </button>
            )}
            {!running && (
              <button
                type="button"
                className="button primary small"
                onClick={() => void activate()}
                disabled={!loaded || activating || !!startReason}
                aria-describedby={startReason ? "start-reason" : undefined}
                title={startReason || undefined}
                data-testid="start-button"
              >
                ▶ {meta?.status === "active" ? t("editor.publish") : t("editor.start")}
              </button>
            )}
            <LanguageSwitch />
          </div>
        </header>
        {(startReason && !running) || stale || actionError ? (
          <div className="editor-notices">
            {startReason && !running && (
              <span id="start-reason" className="start-reason" data-testid="start-disabled-reason">
                {startReason}
              </span>
            )}
            {stale && (
              <div className="error-box" role="alert" data-testid="stale-banner">
                <span>{stale || t("editor.stale")}</span>
                <button type="button" className="button small" onClick={reload} data-testid="reload-button">
                  {t("editor.reload")}
                </button>
              </div>
            )}
            {actionError && (
              <div className="error-box" role="alert" data-testid="action-error">
                <span>{actionError}</span>
                <button type="button" className="icon-button" aria-label={t("common.close")} onClick={() => setActionError(null)}>
                  ×
                </button>
              </div>
            )}
          </div>
        ) : null}
        <div className="editor-body">
          <Palette types={catalogList} onPick={addNodeAtCenter} />
          <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
            {!loaded && <div className="canvas-loading">{t("common.loading")}</div>}
            {shownRun && (
              <div className="run-banner" data-testid="run-path-banner" data-status={shownRun.status}>
                <span>
                  {t("try.showingRun", { status: t(`run.status.${shownRun.status}`), name: shownRun.friend?.display_name ?? "—" })}
                </span>
                <button type="button" className="button subtle small" onClick={() => setShownRun(null)} data-testid="clear-run-path">
                  {t("runs.clearPath")}
                </button>
              </div>
            )}
            <ReactFlow<FlowNodeT, Edge>
              nodes={nodes}
              edges={shownEdges}
              nodeTypes={nodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={onConnect}
              onNodeDragStart={onNodeDragStart}
              isValidConnection={isValidConnection}
              deleteKeyCode={null}
              minZoom={0.2}
              maxZoom={2}
              fitView
              fitViewOptions={FIT_VIEW}
              defaultEdgeOptions={{ type: "smoothstep" }}
            >
              <Background gap={20} />
              <MiniMap
                pannable
                zoomable
                ariaLabel="Mini map"
                nodeStrokeWidth={3}
                nodeColor={(n) => {
                  const c = catalog[(n.data as { type?: string })?.type ?? ""]?.category;
                  return c === "start" ? "#06a34a" : c === "trigger" ? "#7a4bd6" : "#2f6fd1";
                }}
              />
              {/* The fit-view button fits like opening the editor does (never zooms past 100%). */}
              <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
            </ReactFlow>
          </div>
          {tryOpen && meta ? (
            <TryItPanel
              workflowId={meta.id}
              status={meta.status}
              startAccountIds={startAccountIds}
              accounts={lookups.accounts ?? []}
              nodes={definition.nodes}
              selectedRunId={shownRunId}
              onSelectRun={setShownRun}
              onRuns={onTryRuns}
              onClose={() => {
                setTryOpen(false);
                setShownRun(null);
              }}
            />
          ) : (
          <SidePanel
            node={selectedNode}
            catalog={catalog}
            lookups={lookups}
            issues={selectedNode ? issuesByNode[selectedNode.id] : undefined}
            validation={validation}
            validatedOrder={validatedOrder}
            name={name}
            description={description}
            onName={setName}
            onDescription={setDescription}
            reentry={reentry}
            onReentry={setReentry}
            onConfig={updateConfig}
            onDelete={deleteNode}
            onSelect={selectNode}
            onClose={() => selectNode(null)}
            ready={loaded}
          />
          )}
        </div>
        <NodePicker
          open={!!picker}
          category={picker?.sourceId ? pickerCategory : null}
          types={catalogList}
          unavailable={unavailableList}
          sourceLabel={pickerSource ? typeLabel(catalog[pickerSource.data.type], lang, pickerSource.data.type) : ""}
          onClose={() => setPicker(null)}
          onPick={(type) => {
            const p = picker;
            setPicker(null);
            if (p) addNode(type, p.sourceId, p.handleId, p.position);
          }}
        />
      </div>
    </EditorContext.Provider>
  );
}

function Palette({ types, onPick }: { types: NodeTypeSpec[]; onPick: (type: string) => void }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const groups: ("trigger" | "action")[] = ["trigger", "action"];
  return (
    <aside className={open ? "palette open" : "palette"} aria-label={t("editor.addNode")} data-testid="palette">
      <button type="button" className="palette-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="palette-toggle">
        {open ? "‹" : "+"} <span className={open ? "" : "visually-hidden"}>{t("editor.addNode")}</span>
      </button>
      {open &&
        groups.map((g) => (
          <div key={g} className="palette-group">
            <div className="palette-title">{t(`editor.category.${g}`)}</div>
            {types
              .filter((x) => x.category === g)
              .map((x) => (
                <button
                  key={x.type}
                  type="button"
                  className={`palette-item cat-${g}`}
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData("application/x-lumo-node", x.type);
                    e.dataTransfer.effectAllowed = "copy";
                  }}
                  onClick={() => onPick(x.type)}
                  title={nodeDescription(x, lang)}
                  data-testid={`palette-item-${x.type}`}
                >
                  {typeLabel(x, lang, x.type)}
                </button>
              ))}
          </div>
        ))}
    </aside>
  );
}

function NodePicker({
  open,
  category,
  types,
  unavailable = [],
  sourceLabel,
  onClose,
  onPick,
}: {
  open: boolean;
  category: "trigger" | "action" | "start" | null;
  types: NodeTypeSpec[];
  unavailable?: NodeTypeSpec[];
  sourceLabel: string;
  onClose: () => void;
  onPick: (type: string) => void;
}) {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState("");
  useEffect(() => {
    if (open) setFilter("");
  }, [open]);
  const f = filter.trim().toLowerCase();
  const matches = (x: NodeTypeSpec) =>
    x.category !== "start" &&
    (!category || x.category === category) &&
    (!f || [x.label, x.label_ja, x.description, DESCRIPTIONS_JA[x.type], x.type].some((s) => s?.toLowerCase().includes(f)));
  const list = types.filter(matches);
  const locked = unavailable.filter(matches);
  const title = category === "trigger" ? t("editor.pickTrigger") : category === "action" ? t("editor.pickAction") : t("editor.addNode");
  return (
    <Modal open={open} title={title} onClose={onClose} testid="node-picker">
      <div className="modal-body picker">
        {sourceLabel && <p className="muted small">{t("editor.addAfter", { label: sourceLabel })}</p>}
        <input
          type="search"
          autoFocus
          placeholder={t("editor.filter")}
          aria-label={t("editor.filter")}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && list.length > 0) {
              e.preventDefault();
              onPick(list[0].type);
            } else if (e.key === "Escape") {
              // A search field would only clear itself on the first Escape: close at once.
              e.preventDefault();
              onClose();
            }
          }}
          data-testid="picker-filter"
        />
        <ul className="picker-list" role="list">
          {list.map((x) => (
            <li key={x.type}>
              <button type="button" className={`picker-item cat-${x.category}`} onClick={() => onPick(x.type)} data-testid={`picker-item-${x.type}`}>
                <span className="picker-label">{typeLabel(x, lang, x.type)}</span>
                <span className="picker-desc">{nodeDescription(x, lang)}</span>
              </button>
            </li>
          ))}
          {locked.map((x) => (
            <li key={x.type}>
              <div className={`picker-item cat-${x.category} locked`} data-locked="true" data-testid={`picker-locked-${x.type}`}>
                <span className="picker-label">{typeLabel(x, lang, x.type)}</span>
                <span className="picker-desc">{nodeDescription(x, lang)}</span>
                <Link to="/integrations" className="small" onClick={onClose} data-testid={`picker-connect-${x.type}`}>
                  {t("editor.connectFirst", { name: x.integration === "klaviyo" ? "Klaviyo" : "HubSpot" })}
                </Link>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </Modal>
  );
}
