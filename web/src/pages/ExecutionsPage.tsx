import { Fragment, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, get, query } from "../api";
import { ErrorBox, SkipReason, StatusBadge } from "../components";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import { Link } from "../router";
import type { Catalog, Definition, ExecutionPage, Run as RunT, RunStep, WorkflowStatus } from "../types";
import { handleLabel, indexCatalog, nodeSummary, outputHandles, typeLabel, type CatalogIndex, type Lookups } from "../editor/graph";
import { ReadOnlyCanvas } from "../editor/ReadOnlyCanvas";
import { inFlight, runPath } from "../editor/runPath";
import { useLookups } from "../editor/useLookups";
import { RunsChart } from "../RunsChart";
import { DeadLetters } from "./DeadLetters";
import { viewerTimeZone, type Bucket, type Timeline } from "../lib/chart";
import { stepTime } from "../lib/durations";

export const RUN_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled", "skipped"] as const;
type RunStatus = (typeof RUN_STATUSES)[number];

// Generated from the server's response models (see ../types.ts).
export type Run = Omit<RunT, "steps"> & { steps?: RunT["steps"] };
export type Step = RunStep;
export type RunPage = ExecutionPage;

interface WorkflowHead {
  name: string;
  status: WorkflowStatus;
  revision: number;
  definition: Definition;
}

const PAGE_SIZE = 25;
const STAT_KEYS: (keyof RunPage["stats"])[] = ["total", "succeeded", "failed", "waiting", "running", "cancelled", "skipped"];
const POLL_MS = 3000;
const PERIODS: Record<Bucket, number> = { day: 14, hour: 24 };

export function RunBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge run-${status}`} data-testid="run-status" data-status={status}>
      {t(`run.status.${status}`)}
    </span>
  );
}

const HIDDEN_OUTPUT_KEYS = new Set(["event", "retry_key", "session_id", "visit"]);

/** A step's output as short "key: value" words (ids and raw payloads left out). */
export function readableOutput(output: unknown, lang: string): string {
  if (!output || typeof output !== "object" || Array.isArray(output)) return "";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(output as Record<string, unknown>)) {
    if (HIDDEN_OUTPUT_KEYS.has(k) || v === null || v === undefined) continue;
    const label = k.replace(/_/g, " ");
    if (typeof v === "boolean") parts.push(`${label}: ${v ? (lang === "ja" ? "はい" : "yes") : lang === "ja" ? "いいえ" : "no"}`);
    else if (typeof v === "number") parts.push(`${label}: ${v}`);
    else if (typeof v === "string") {
      const when = /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(lang as "en" | "ja", v) : v;
      parts.push(`${label}: ${when.length > 80 ? `${when.slice(0, 79)}…` : when}`);
    } else if (Array.isArray(v)) parts.push(`${label}: ${v.length}`);
  }
  return parts.join(" · ");
}

function StepsTable({ runId, steps, catalog, definition, lookups }: { runId: string; steps: Step[]; catalog: CatalogIndex; definition?: Definition; lookups: Partial<Lookups> }) {
  const { t, lang } = useI18n();
  if (!steps.length) return <p className="muted">{t("runs.noSteps")}</p>;
  const nodes = new Map((definition?.nodes ?? []).map((n) => [n.id, n]));
  return (
    <table className="table steps-table" data-testid={`run-steps-${runId}`}>
      <thead>
        <tr>
          <th scope="col">{t("runs.step")}</th>
          <th scope="col">{t("runs.status")}</th>
          <th scope="col" className="num">{t("runs.attempt")}</th>
          <th scope="col">{t("runs.output")}</th>
          <th scope="col">{t("runs.started")}</th>
          <th scope="col">{t("runs.finished")}</th>
          <th scope="col">{t("runs.duration")}</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => {
          const spec = catalog[s.node_type];
          const node = nodes.get(s.node_id);
          const summary = node ? nodeSummary(s.node_type, node.config ?? {}, lookups, lang) : "";
          const handles = spec ? outputHandles(spec, node?.config ?? {}) : [];
          const handle = handles.length > 1 ? handles.find((h) => h.id === s.output_handle) : undefined;
          const words = readableOutput(s.output, lang);
          return (
            <tr key={String(s.id)} data-testid={`step-${s.node_id}`} data-status={s.status}>
              <td>
                <span className="step-name" data-testid="step-name">{typeLabel(spec, lang, s.node_type)}</span>
                {summary && <div className="muted small">{summary}</div>}
              </td>
              <td>
                <RunBadge status={s.status} />
              </td>
              <td className="num">{s.attempt}</td>
              <td data-testid="step-output">
                {handle && <span className="badge">→ {handleLabel(handle, lang)}</span>} {words && <span className="small">{words}</span>}
                {s.error && <div className="step-error">{s.error}</div>}
              </td>
              <td>{formatDateTime(lang, s.started_at)}</td>
              <td>{formatDateTime(lang, s.finished_at)}</td>
              <td data-testid="step-time">{stepTime(lang, s)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ExecutionsPage({ workflowId }: { workflowId: string }) {
  const { t, lang } = useI18n();
  const wid = encodeURIComponent(workflowId);
  const [status, setStatus] = useState<RunStatus | "">("");
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<RunPage | null>(null);
  const [wf, setWf] = useState<WorkflowHead | null>(null);
  const [catalog, setCatalog] = useState<CatalogIndex>({});
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [detail, setDetail] = useState<{ id: string; run: Run; steps: Step[] } | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [revisions, setRevisions] = useState<Record<number, Definition>>({});
  const [bucket, setBucket] = useState<Bucket>("day");
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [reload, setReload] = useState(0);
  const lookups = useLookups();
  // The browser's zone; UTC when the server does not know that zone (it answers 422).
  const [tz, setTz] = useState(viewerTimeZone);
  const refresh = useCallback(() => setReload((r) => r + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    get<WorkflowHead & { id: number }>(`/api/workflows/${wid}`, ctrl.signal)
      .then((w) => {
        setWf(w);
        setRevisions((r) => ({ ...r, [w.revision]: w.definition }));
      })
      .catch(() => undefined);
    get<Catalog>("/api/catalog", ctrl.signal)
      .then((c) => setCatalog(indexCatalog(c.node_types ?? [])))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [wid]);

  useEffect(() => {
    const ctrl = new AbortController();
    get<RunPage>(`/api/workflows/${wid}/executions${query({ status, limit: PAGE_SIZE, offset })}`, ctrl.signal)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [wid, status, offset, reload]);

  useEffect(() => {
    const ctrl = new AbortController();
    get<Timeline>(`/api/workflows/${wid}/executions/timeline${query({ bucket, periods: PERIODS[bucket], tz })}`, ctrl.signal)
      .then(setTimeline)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 422 && tz !== "UTC") setTz("UTC");
      });
    return () => ctrl.abort();
  }, [wid, bucket, tz, reload]);

  // The selected run's steps (for the steps table and its path on the canvas).
  useEffect(() => {
    if (!open) {
      setDetail(null);
      return;
    }
    const ctrl = new AbortController();
    setDetailError(null);
    get<Run & { steps: Step[] }>(`/api/executions/${encodeURIComponent(open)}`, ctrl.signal)
      .then((d) => setDetail({ id: open, run: d, steps: d.steps ?? [] }))
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setDetailError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [open, reload]);

  // Runs are pinned to a revision: draw the graph the selected run actually ran on.
  const runRevision = detail?.run.revision;
  useEffect(() => {
    if (runRevision === undefined || revisions[runRevision]) return;
    const ctrl = new AbortController();
    get<{ definition: Definition }>(`/api/workflows/${wid}/revisions/${runRevision}`, ctrl.signal)
      .then((r) => setRevisions((m) => ({ ...m, [runRevision]: r.definition })))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [wid, runRevision, revisions]);

  // Keep watching while something is still happening.
  const busy = !!data?.items.some((r) => inFlight(r.status)) || (!!detail && inFlight(detail.run.status));
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!busy) return;
    timer.current = window.setTimeout(refresh, POLL_MS);
    return () => window.clearTimeout(timer.current);
  }, [busy, data, detail, refresh]);

  const shownRevision = detail ? detail.run.revision : wf?.revision;
  const definition = (shownRevision !== undefined ? revisions[shownRevision] : undefined) ?? wf?.definition;
  const path = useMemo(
    () => (detail && definition ? runPath(definition, detail.steps, detail.run.trigger_node_id) : null),
    [detail, definition],
  );
  const total = data?.total ?? 0;
  const select = (id: string) => setOpen((cur) => (cur === id ? null : id));

  return (
    <div className="page history-page">
      <div className="page-head">
        <div>
          <Link to={`/workflows/${workflowId}`} className="muted small" data-testid="executions-back">
            ← {wf?.name || t("editor.back")}
          </Link>
          <h1>
            {t("runs.title")} {wf && <StatusBadge status={wf.status} testid="executions-workflow-status" />}
          </h1>
        </div>
        <button type="button" className="button subtle" onClick={refresh} data-testid="executions-refresh">
          ⟳ {t("runs.refresh")}
        </button>
      </div>
      {data?.stats && (
        <div className="stats" data-testid="execution-stats">
          {STAT_KEYS.filter((k) => k in (data.stats ?? {})).map((k) => (
            <div key={k} className={`stat stat-${k}`} data-testid={`stat-${k}`}>
              <div className="stat-value">{data.stats?.[k] ?? 0}</div>
              <div className="stat-label">{t(`runs.stat.${k}`)}</div>
            </div>
          ))}
        </div>
      )}
      <RunsChart timeline={timeline} bucket={bucket} onBucket={setBucket} timeZone={tz} />
      <div className="history-grid">
        <section className="history-runs" aria-label={t("runs.list")}>
          <div className="toolbar">
            <select
              aria-label={t("runs.status")}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value as RunStatus | "");
                setOffset(0);
              }}
              data-testid="execution-status-filter"
            >
              <option value="">{t("status.all")}</option>
              {RUN_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`run.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          {error && <ErrorBox message={error} onRetry={refresh} />}
          <div className="table-wrap">
            <table className="table runs-table" data-testid="executions-table">
              <thead>
                <tr>
                  <th scope="col">{t("runs.status")}</th>
                  <th scope="col">{t("runs.friend")}</th>
                  <th scope="col">{t("runs.started")}</th>
                  <th scope="col">{t("runs.finished")}</th>
                  <th scope="col" className="num">{t("runs.steps")}</th>
                  <th scope="col">{t("runs.revision")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("workflows.col.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data?.items.map((r) => (
                  <Fragment key={r.id}>
                    <tr
                      data-testid={`execution-row-${r.id}`}
                      className={open === r.id ? "run-row selected" : "run-row"}
                      aria-selected={open === r.id}
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest("button, a")) return;
                        select(r.id);
                      }}
                    >
                      <td>
                        <RunBadge status={r.status} />
                        <SkipReason reason={r.skip_reason} />
                        {r.error && <div className="step-error small">{r.error}</div>}
                      </td>
                      <td>{r.friend?.display_name ?? (r.friend ? `#${r.friend.id}` : "—")}</td>
                      <td>{formatDateTime(lang, r.started_at ?? r.created_at)}</td>
                      <td>{formatDateTime(lang, r.finished_at)}</td>
                      <td className="num" data-testid={`execution-steps-${r.id}`}>
                        {r.steps ? (
                          <>
                            <span className="count ok" title={t("runs.stepsOk")}>✓ {r.steps.completed}</span>
                            {r.steps.failed > 0 && <span className="count bad" title={t("runs.stepsFailed")}> ✕ {r.steps.failed}</span>}
                          </>
                        ) : (
                          ""
                        )}
                      </td>
                      <td className="muted">{r.revision}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          className="button subtle small"
                          aria-expanded={open === r.id}
                          onClick={() => select(r.id)}
                          data-testid={`execution-toggle-${r.id}`}
                        >
                          {open === r.id ? t("runs.hide") : t("runs.details")}
                        </button>
                      </td>
                    </tr>
                    {open === r.id && (
                      <tr className="detail-row">
                        <td colSpan={7}>
                          {detailError ? (
                            <ErrorBox message={detailError} />
                          ) : detail?.id === r.id ? (
                            <StepsTable runId={r.id} steps={detail.steps} catalog={catalog} definition={definition} lookups={lookups} />
                          ) : (
                            <p className="muted">{t("common.loading")}</p>
                          )}
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
                {data && data.items.length === 0 && (
                  <tr>
                    <td colSpan={7} className="empty" data-testid="executions-empty">
                      {t("runs.empty")}
                    </td>
                  </tr>
                )}
                {!data && !error && (
                  <tr>
                    <td colSpan={7} className="empty">{t("common.loading")}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <nav className="pagination" aria-label="Pagination">
            <span>{total ? t("common.pageOf", { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total }) : ""}</span>
            <button type="button" className="button subtle small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              ‹ {t("common.previous")}
            </button>
            <button type="button" className="button subtle small" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              {t("common.next")} ›
            </button>
          </nav>
        </section>
        <section className="card history-canvas-card" aria-label={t("runs.canvas")}>
          <div className="history-canvas-head">
            <h2>{detail ? t("runs.pathOf", { revision: detail.run.revision }) : t("runs.canvas")}</h2>
            {detail && (
              <button type="button" className="button subtle small" onClick={() => setOpen(null)} data-testid="clear-run-path">
                {t("runs.clearPath")}
              </button>
            )}
          </div>
          <p className="muted small" data-testid="selected-run">
            {detail
              ? `${t(`run.status.${detail.run.status}`)} · ${detail.run.friend?.display_name ?? "—"} · ${formatDateTime(lang, detail.run.started_at ?? detail.run.created_at)}`
              : t("runs.pickRun")}
          </p>
          {definition ? (
            <ReadOnlyCanvas
              definition={definition}
              catalog={catalog}
              lookups={lookups}
              nodeCounts={detail ? undefined : data?.node_counts}
              runPath={path}
              testid="history-canvas"
            />
          ) : (
            <p className="muted">{t("common.loading")}</p>
          )}
        </section>
      </div>
      <DeadLetters accountIds={startAccounts(wf?.definition)} reload={reload} />
    </div>
  );
}

function startAccounts(definition: Definition | undefined): number[] {
  const start = definition?.nodes.find((n) => n.type === "start");
  const ids = (start?.config as { account_ids?: unknown } | undefined)?.account_ids;
  return Array.isArray(ids) ? ids.filter((i): i is number => typeof i === "number") : [];
}
