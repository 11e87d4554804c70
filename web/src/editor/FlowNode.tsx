import { createContext, memo, useContext } from "react";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { useI18n } from "../i18nContext";
import { issueText, type Issue } from "../types";
import type { RunPath } from "./runPath";
import { nodeDescription } from "./nodeText";
import { handleLabel, nodeSummary, outputHandles, typeLabel, type CatalogIndex, type Lookups } from "./graph";

export interface NodeData extends Record<string, unknown> {
  type: string;
  config: Record<string, unknown>;
}

export type FlowNodeT = Node<NodeData, "lumo">;

export interface NodeIssues {
  errors: Issue[];
  warnings: Issue[];
}

export interface EditorContextValue {
  catalog: CatalogIndex;
  lookups: Partial<Lookups>;
  issuesByNode: Record<string, NodeIssues>;
  onAdd: (nodeId: string, handleId: string) => void;
  /** Step counts of past runs per node and status (from the executions endpoint). */
  nodeCounts?: Record<string, Record<string, number>>;
  /** A run to show on the canvas: the nodes it reached are highlighted, the rest dimmed. */
  runPath?: RunPath | null;
  /** No "+" buttons (previews, history). */
  readOnly?: boolean;
}

export const EditorContext = createContext<EditorContextValue>({
  catalog: {},
  lookups: {},
  issuesByNode: {},
  onAdd: () => undefined,
});

/** data-testid of the "+" button under a node's output handle. */
export function addButtonTestId(nodeId: string, handleId: string): string {
  return handleId === "out" ? `add-after-${nodeId}` : `add-after-${nodeId}-${handleId}`;
}

function FlowNodeComponent({ id, data, selected }: NodeProps<FlowNodeT>) {
  const { catalog, lookups, issuesByNode, onAdd, nodeCounts, runPath, readOnly } = useContext(EditorContext);
  const pathStatus = runPath ? runPath.nodes[id] : undefined;
  const counts = nodeCounts?.[id];
  const { lang, t } = useI18n();
  const spec = catalog[data.type];
  const outputs = outputHandles(spec, data.config);
  const issues = issuesByNode[id];
  const errors = issues?.errors.length ?? 0;
  const warnings = issues?.warnings.length ?? 0;
  const label = typeLabel(spec, lang, data.type);
  const summary = nodeSummary(data.type, data.config, lookups, lang);
  const category = spec?.category ?? "action";
  const description = nodeDescription(spec, lang);
  const multi = outputs.length > 1;
  const cls = [
    "flow-node",
    `cat-${category}`,
    selected ? "selected" : "",
    errors ? "has-error" : warnings ? "has-warning" : "",
    multi ? "multi-out" : "",
    runPath ? (pathStatus ? `on-path path-${pathStatus}` : "off-path") : "",
  ]
    .filter(Boolean)
    .join(" ");
  const pct = (i: number) => `${((i + 1) / (outputs.length + 1)) * 100}%`;
  return (
    <div
      className={cls}
      data-testid={`node-${id}`}
      data-node-type={data.type}
      data-errors={errors}
      data-warnings={warnings}
      data-run-status={pathStatus}
      title={issues ? [...issues.errors, ...issues.warnings].map((i) => issueText(i, lang)).join("\n") : undefined}
    >
      {spec ? spec.inputs.length > 0 && <Handle type="target" position={Position.Top} id="in" /> : <Handle type="target" position={Position.Top} id="in" />}
      <div className="flow-node-head">
        <span className={`cat-chip cat-${category}`}>{t(`editor.category.${category}`)}</span>
        {errors > 0 && (
          <span className="issue-chip error" data-testid={`node-${id}-errors`} aria-label={`${errors} ${t("editor.errors")}`}>
            ! {errors}
          </span>
        )}
        {errors === 0 && warnings > 0 && (
          <span className="issue-chip warning" data-testid={`node-${id}-warnings`} aria-label={`${warnings} ${t("editor.warnings")}`}>
            ⚠ {warnings}
          </span>
        )}
      </div>
      <div className="flow-node-label">{spec ? label : `${t("editor.unknownType")}: ${data.type}`}</div>
      <div className={summary ? "flow-node-summary" : "flow-node-summary muted"} data-testid={`node-${id}-summary`}>
        {summary || (errors ? t("editor.notConfigured") : description)}
      </div>
      {counts && (
        <div className="flow-node-counts" data-testid={`node-${id}-counts`} title={t("runs.title")}>
          {(counts.completed ?? 0) > 0 && <span className="count ok">✓ {counts.completed}</span>}
          {(counts.waiting ?? 0) > 0 && <span className="count wait">‖ {counts.waiting}</span>}
          {(counts.failed ?? 0) > 0 && <span className="count bad">✕ {counts.failed}</span>}
        </div>
      )}
      {multi && (
        <div className="flow-node-outputs" aria-hidden="true">
          {outputs.map((h) => (
            <span key={h.id} className="out-label">
              {handleLabel(h, lang)}
            </span>
          ))}
        </div>
      )}
      {outputs.map((h, i) => (
        <Handle key={h.id} type="source" position={Position.Bottom} id={h.id} style={{ left: pct(i) }} title={handleLabel(h, lang)} />
      ))}
      {!readOnly && outputs.map((h, i) => (
        <button
          key={`add-${h.id}`}
          type="button"
          className="add-button nodrag nopan"
          style={{ left: pct(i) }}
          data-testid={addButtonTestId(id, h.id)}
          aria-label={t("editor.addAfter", { label: multi ? `${label} (${handleLabel(h, lang)})` : label })}
          title={t("editor.addAfter", { label: multi ? `${label} (${handleLabel(h, lang)})` : label })}
          onClick={(e) => {
            e.stopPropagation();
            onAdd(id, h.id);
          }}
        >
          +
        </button>
      ))}
    </div>
  );
}

export const FlowNode = memo(FlowNodeComponent);
