import { useMemo, useState } from "react";
import { MessagePreview } from "../messages/MessagePreview";
import { MessagesJson } from "../messages/MessagesJson";
import { useI18n } from "../i18nContext";
import { REENTRY_RULES, issueText, type Issue, type Reentry, type Validation } from "../types";
import type { FlowNodeT, NodeIssues } from "./FlowNode";
import { typeLabel, type CatalogIndex, type Lookups } from "./graph";
import { configPathFromPointer, deriveFields } from "./schema";
import { SchemaForm } from "./SchemaForm";
import { nodeDescription } from "./nodeText";

interface Props {
  node: FlowNodeT | null;
  catalog: CatalogIndex;
  lookups: Partial<Lookups>;
  issues: NodeIssues | undefined;
  validation: Validation;
  validatedOrder: string[];
  name: string;
  description: string;
  onName: (v: string) => void;
  onDescription: (v: string) => void;
  reentry?: Reentry;
  onReentry?: (v: Reentry) => void;
  onConfig: (id: string, config: Record<string, unknown>, key: string) => void;
  onDelete: (id: string) => void;
  onSelect: (id: string | null) => void;
  onClose: () => void;
  /** False until the workflow has loaded: nothing typed before would survive the load. */
  ready?: boolean;
}

function IssueList({ issues, onSelect, validatedOrder, testid }: { issues: Issue[]; onSelect?: (id: string) => void; validatedOrder: string[]; testid: string }) {
  const { lang } = useI18n();
  return (
    <ul className="issue-list" data-testid={testid}>
      {issues.map((i, n) => {
        const nodeId = i.node_id ?? (configPathFromPointer(i.field) ? validatedOrder[configPathFromPointer(i.field)!.nodeIndex] : null);
        const sev = i.severity === "warning" || testid.includes("warning") ? "warning" : "error";
        return (
          <li key={n} className={`issue issue-${sev}`} data-code={i.code}>
            {onSelect && nodeId ? (
              <button type="button" className="link-button" onClick={() => onSelect(nodeId)}>
                {issueText(i, lang)}
              </button>
            ) : (
              issueText(i, lang)
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The messages a Question sends (its messages, then its text), the options as quick replies,
 * as the engine builds them (engine/nodes/question.py). */
function questionPrompt(config: Record<string, unknown>): Record<string, unknown>[] {
  const out = (Array.isArray(config.messages) ? config.messages : []).map((m) => ({ ...(m as Record<string, unknown>) }));
  if (typeof config.text === "string" && config.text) out.push({ type: "text", text: config.text });
  const options = Array.isArray(config.options) ? (config.options as unknown[]).filter((o) => typeof o === "string" && o) : [];
  if (out.length && options.length) {
    out[out.length - 1].quickReply = {
      items: options.map((o) => ({ type: "action", action: { type: "postback", label: String(o).slice(0, 20), displayText: o } })),
    };
  }
  return out;
}

export function SidePanel(props: Props) {
  const { node, catalog, lookups, issues, validation, validatedOrder } = props;
  const { t, lang } = useI18n();
  const spec = node ? catalog[node.data.type] : undefined;
  const fields = useMemo(() => (spec ? deriveFields(spec.schema ?? {}) : []), [spec]);
  const [tab, setTab] = useState<"form" | "json">("form");
  const isSend = node?.data.type === "action.send_message";
  // A Question's prompt uses the same message form (its `messages` field) and preview.
  const isQuestion = node?.data.type === "action.question";

  const issuesByPath = useMemo(() => {
    const out: Record<string, Issue[]> = {};
    if (!issues) return out;
    for (const i of [...issues.errors, ...issues.warnings.map((w) => ({ ...w, severity: "warning" as const }))]) {
      const p = configPathFromPointer(i.field);
      if (!p || !p.path.length) continue;
      (out[p.path.join("/")] ??= []).push(i);
    }
    return out;
  }, [issues]);

  if (!node) {
    return (
      <aside className="side-panel" aria-label={t("editor.nodeSettings")} data-testid="side-panel">
        <div className="form-row">
          <label htmlFor="wf-name-input" className="field-label">
            {t("editor.name")} <span className="req">*</span>
          </label>
          <input
            id="wf-name-input"
            value={props.name}
            maxLength={200}
            required
            aria-invalid={(props.ready !== false && !props.name.trim()) || undefined}
            disabled={props.ready === false}
            onChange={(e) => props.onName(e.target.value)}
            data-testid="workflow-name-input"
          />
          {props.ready !== false && !props.name.trim() && <p className="form-error small">{t("create.nameRequired")}</p>}
        </div>
        <div className="form-row">
          <label htmlFor="wf-desc-input" className="field-label">
            {t("editor.description")}
          </label>
          <textarea id="wf-desc-input" rows={2} value={props.description} disabled={props.ready === false} onChange={(e) => props.onDescription(e.target.value)} data-testid="workflow-description-input" />
        </div>
        {props.onReentry && (
          <div className="form-row">
            <label htmlFor="wf-reentry" className="field-label">
              {t("editor.reentry")}
            </label>
            <select
              id="wf-reentry"
              value={props.reentry ?? "not_concurrent"}
              disabled={props.ready === false}
              onChange={(e) => props.onReentry?.(e.target.value as Reentry)}
              data-testid="workflow-reentry"
            >
              {REENTRY_RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`reentry.${r}`)}
                </option>
              ))}
            </select>
            <p className="hint">{t(`reentry.${props.reentry ?? "not_concurrent"}.hint`)}</p>
          </div>
        )}
        <h2 className="panel-title">{t("editor.workflowIssues")}</h2>
        <p className="muted small" data-testid="validation-summary">
          {validation.errors.length || validation.warnings.length
            ? t("editor.issuesCount", { errors: validation.errors.length, warnings: validation.warnings.length })
            : t("editor.valid")}{" "}
          {t("editor.checkedLive")}
        </p>
        {validation.errors.length > 0 && (
          <>
            <h3 className="issue-heading error">{t("editor.errors")}</h3>
            <IssueList issues={validation.errors} onSelect={props.onSelect} validatedOrder={validatedOrder} testid="workflow-errors" />
          </>
        )}
        {validation.warnings.length > 0 && (
          <>
            <h3 className="issue-heading warning">{t("editor.warnings")}</h3>
            <IssueList issues={validation.warnings} onSelect={props.onSelect} validatedOrder={validatedOrder} testid="workflow-warnings" />
          </>
        )}
        <p className="hint">{t("editor.noNodeSelected")}</p>
        <p className="hint">{t("editor.shortcuts")}</p>
      </aside>
    );
  }

  const category = spec?.category ?? "action";
  return (
    <aside className="side-panel" aria-label={t("editor.nodeSettings")} data-testid="side-panel" data-node-id={node.id}>
      <div className="panel-head">
        <div>
          <span className={`cat-chip cat-${category}`}>{t(`editor.category.${category}`)}</span>
          <h2 className="panel-title" data-testid="side-panel-title">
            {typeLabel(spec, lang, node.data.type)}
          </h2>
        </div>
        <button type="button" className="icon-button" aria-label={t("common.close")} onClick={props.onClose} data-testid="side-panel-close">
          ×
        </button>
      </div>
      {spec && <p className="muted small" data-testid="side-panel-description">{nodeDescription(spec, lang)}</p>}
      <p className="muted small">
        {t("editor.nodeId")}: <code data-testid="side-panel-node-id">{node.id}</code>
      </p>
      {issues && issues.errors.length > 0 && (
        <div className="panel-issues" role="group" aria-label={t("editor.errors")}>
          <h3 className="issue-heading error">{t("editor.errors")}</h3>
          <IssueList issues={issues.errors} validatedOrder={validatedOrder} testid="node-errors" />
        </div>
      )}
      {issues && issues.warnings.length > 0 && (
        <div className="panel-issues" role="group" aria-label={t("editor.warnings")}>
          <h3 className="issue-heading warning">{t("editor.warnings")}</h3>
          <IssueList issues={issues.warnings} validatedOrder={validatedOrder} testid="node-warnings" />
        </div>
      )}
      {spec && isSend && (
        <div className="tabs" role="tablist">
          {(["form", "json"] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} className={`tab${tab === k ? " active" : ""}`}
              onClick={() => setTab(k)} data-testid={`messages-tab-${k}`}>
              {k === "form" ? t("editor.tabForm") : "JSON"}
            </button>
          ))}
        </div>
      )}
      {spec && isSend && tab === "json" ? (
        <MessagesJson key={node.id} value={(node.data.config ?? {}).messages}
          onChange={(messages) => props.onConfig(node.id, { ...(node.data.config ?? {}), messages }, "messages")} />
      ) : spec ? (
        <SchemaForm
          key={node.id}
          fields={fields}
          value={node.data.config ?? {}}
          onChange={(next, key) => props.onConfig(node.id, next, key)}
          lookups={lookups}
          issuesByPath={issuesByPath}
          lineNames={isSend || (isQuestion ? ["messages"] : false)}
        />
      ) : (
        <p className="form-error">{t("editor.unknownType")}</p>
      )}
      {isSend && <MessagePreview messages={(node.data.config ?? {}).messages} testid="editor-preview" />}
      {isQuestion && <MessagePreview messages={questionPrompt(node.data.config ?? {})} testid="editor-preview" />}
      {node.data.type !== "start" && (
        <button type="button" className="button danger-subtle small delete-node" onClick={() => props.onDelete(node.id)} data-testid="delete-node">
          {t("editor.deleteNode")}
        </button>
      )}
    </aside>
  );
}
