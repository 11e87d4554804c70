import { Fragment, useCallback, useEffect, useState } from "react";
import { get, query } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import { Link } from "../router";

export const RUN_STATUSES = ["queued", "running", "waiting", "completed", "failed", "cancelled"] as const;
type RunStatus = (typeof RUN_STATUSES)[number];

interface Run {
  id: string;
  revision: number;
  status: RunStatus;
  friend: { id: number; display_name: string | null } | null;
  trigger_node_id: string | null;
  current_node_id: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  steps?: { completed: number; failed: number };
}

interface Step {
  id: number | string;
  node_id: string;
  node_type: string;
  visit?: number;
  status: string;
  attempt: number;
  output_handle: string | null;
  output: unknown;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

interface RunPage {
  items: Run[];
  total: number;
  limit: number;
  offset: number;
  stats?: Record<string, number>;
}

const PAGE_SIZE = 25;
const STAT_KEYS = ["total", "succeeded", "failed", "waiting", "running", "cancelled"];

function RunBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge run-${status}`} data-testid="run-status" data-status={status}>
      {t(`run.status.${status}`)}
    </span>
  );
}

function RunDetail({ runId }: { runId: string }) {
  const { t, lang } = useI18n();
  const [steps, setSteps] = useState<Step[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    get<{ steps: Step[] }>(`/api/executions/${encodeURIComponent(runId)}`, ctrl.signal)
      .then((d) => setSteps(d.steps ?? []))
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [runId]);
  if (error) return <ErrorBox message={error} />;
  if (!steps) return <p className="muted">{t("common.loading")}</p>;
  if (!steps.length) return <p className="muted">{t("runs.noSteps")}</p>;
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
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={String(s.id)} data-testid={`step-${s.node_id}`}>
            <td>
              <code>{s.node_id}</code> <span className="muted small">{s.node_type}</span>
            </td>
            <td>
              <RunBadge status={s.status} />
            </td>
            <td className="num">{s.attempt}</td>
            <td>
              {s.output_handle && <code>{s.output_handle}</code>}
              {s.error && <div className="step-error">{s.error}</div>}
            </td>
            <td>{formatDateTime(lang, s.started_at)}</td>
            <td>{formatDateTime(lang, s.finished_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ExecutionsPage({ workflowId }: { workflowId: string }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<RunStatus | "">("");
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<RunPage | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    get<{ name: string }>(`/api/workflows/${encodeURIComponent(workflowId)}`, ctrl.signal)
      .then((w) => setName(w.name))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [workflowId]);

  useEffect(() => {
    const ctrl = new AbortController();
    get<RunPage>(`/api/workflows/${encodeURIComponent(workflowId)}/executions${query({ status, limit: PAGE_SIZE, offset })}`, ctrl.signal)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [workflowId, status, offset, reload]);

  const refresh = useCallback(() => setReload((r) => r + 1), []);
  const total = data?.total ?? 0;

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Link to={`/workflows/${workflowId}`} className="muted small" data-testid="executions-back">
            ← {name || t("editor.back")}
          </Link>
          <h1>{t("runs.title")}</h1>
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
        <table className="table" data-testid="executions-table">
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
                <tr data-testid={`execution-row-${r.id}`}>
                  <td>
                    <RunBadge status={r.status} />
                    {r.error && <div className="step-error small">{r.error}</div>}
                  </td>
                  <td>{r.friend?.display_name ?? (r.friend ? `#${r.friend.id}` : "—")}</td>
                  <td>{formatDateTime(lang, r.started_at ?? r.created_at)}</td>
                  <td>{formatDateTime(lang, r.finished_at)}</td>
                  <td className="num">
                    {r.steps ? `${r.steps.completed}${r.steps.failed ? ` / ${r.steps.failed} ✕` : ""}` : ""}
                  </td>
                  <td className="muted">{r.revision}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button subtle small"
                      aria-expanded={open === r.id}
                      onClick={() => setOpen(open === r.id ? null : r.id)}
                      data-testid={`execution-toggle-${r.id}`}
                    >
                      {open === r.id ? t("runs.hide") : t("runs.details")}
                    </button>
                  </td>
                </tr>
                {open === r.id && (
                  <tr className="detail-row">
                    <td colSpan={7}>
                      <RunDetail runId={r.id} />
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
    </div>
  );
}
