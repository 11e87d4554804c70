import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, get, post, query, request } from "../api";
import { ErrorBox, Modal, StatusBadge } from "../components";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import { Link, useRouter } from "../router";
import { useToast } from "../toast";
import type { Page, Template, Workflow, WorkflowStatus, WorkflowSummary } from "../types";

const PAGE_SIZE = 20;
const STATUSES: WorkflowStatus[] = ["draft", "active", "inactive"];

function readParams(search: string) {
  const p = new URLSearchParams(search);
  const status = p.get("status");
  return {
    q: p.get("q") ?? "",
    status: (STATUSES.includes(status as WorkflowStatus) ? status : "") as WorkflowStatus | "",
    offset: Math.max(0, Number(p.get("offset")) || 0),
  };
}

interface ImportResult {
  workflow: Workflow;
  report: { complete: boolean; missing: { node_id: string; kind: string; name: string | null; message: string }[] };
}

export function WorkflowsPage() {
  const { t, lang } = useI18n();
  const toast = useToast();
  const { search, navigate } = useRouter();
  const initial = readParams(search);
  const [q, setQ] = useState(initial.q);
  const [debouncedQ, setDebouncedQ] = useState(initial.q);
  const [status, setStatus] = useState<WorkflowStatus | "">(initial.status);
  const [offset, setOffset] = useState(initial.offset);
  const [data, setData] = useState<Page<WorkflowSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [reload, setReload] = useState(0);
  const [creating, setCreating] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);

  useEffect(() => {
    const h = window.setTimeout(() => setDebouncedQ(q.trim()), 250);
    return () => window.clearTimeout(h);
  }, [q]);

  // Keep the filters in the URL (shareable, survives reload and Back).
  useEffect(() => {
    const qs = query({ q: debouncedQ, status, offset: offset || undefined });
    if (qs !== (search || "")) navigate(`/workflows${qs}`, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedQ, status, offset]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    get<Page<WorkflowSummary>>(
      `/api/workflows${query({ q: debouncedQ, status, limit: PAGE_SIZE, offset })}`,
      ctrl.signal,
    )
      .then((d) => {
        setData(d);
        setError(null);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if ((e as Error).name === "AbortError") return;
        setError((e as Error).message);
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [debouncedQ, status, offset, reload]);

  const refresh = useCallback(() => setReload((r) => r + 1), []);

  const activate = async (w: WorkflowSummary) => {
    setBusyId(w.id);
    try {
      await request<Workflow>(`/api/workflows/${w.id}/activate`, {
        method: "POST",
        body: {},
        headers: { "If-Match": `"${w.revision}"` },
      });
      toast(t("workflows.activated", { name: w.name }), "success");
      refresh();
    } catch (e) {
      toast((e as Error).message, "error");
    } finally {
      setBusyId(null);
    }
  };

  const pause = async (w: WorkflowSummary) => {
    setBusyId(w.id);
    try {
      await post<Workflow>(`/api/workflows/${w.id}/pause`);
      toast(t("workflows.paused", { name: w.name }), "success");
      refresh();
    } catch (e) {
      toast((e as Error).message, "error");
    } finally {
      setBusyId(null);
    }
  };

  const [confirmDelete, setConfirmDelete] = useState<WorkflowSummary | null>(null);
  const [importReport, setImportReport] = useState<ImportResult | null>(null);

  const duplicate = async (w: WorkflowSummary) => {
    setBusyId(w.id);
    try {
      const copy = await post<Workflow>(`/api/workflows/${w.id}/duplicate`);
      toast(t("workflows.duplicated", { name: copy.name ?? "" }), "success");
      navigate(`/workflows/${copy.id}`);
    } catch (e) {
      toast((e as Error).message, "error");
    } finally {
      setBusyId(null);
    }
  };

  const exportOne = async (w: WorkflowSummary) => {
    try {
      const data = await get<unknown>(`/api/workflows/${w.id}/export`);
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${w.name.replace(/[^\p{L}\p{N}_-]+/gu, "-").slice(0, 60) || "workflow"}.lumo.json`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    } catch (e) {
      toast((e as Error).message, "error");
    }
  };

  const importFile = async (file: File) => {
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch {
      toast(t("import.notJson"), "error");
      return;
    }
    try {
      const res = await post<ImportResult>("/api/workflows/import", body);
      setImportReport(res);
      refresh();
    } catch (e) {
      toast(t("import.failed", { message: (e as Error).message }), "error");
    }
  };

  const remove = async (w: WorkflowSummary) => {
    setConfirmDelete(null);
    setBusyId(w.id);
    try {
      await request(`/api/workflows/${w.id}`, { method: "DELETE" });
      toast(t("workflows.deleted", { name: w.name }), "success");
      if (data && data.items.length === 1 && offset > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
      else refresh();
    } catch (e) {
      toast((e as Error).message, "error");
    } finally {
      setBusyId(null);
    }
  };

  const total = data?.total ?? 0;
  const from = total ? offset + 1 : 0;
  const to = Math.min(offset + (data?.items.length ?? 0), total);
  const filtered = !!debouncedQ || !!status;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("workflows.title")}</h1>
        <div className="button-row">
          <label className="button subtle" data-testid="import-workflow">
            {t("import.button")}
            <input
              type="file"
              accept="application/json,.json"
              className="visually-hidden"
              data-testid="import-workflow-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = "";
                if (f) void importFile(f);
              }}
            />
          </label>
          <button type="button" className="button primary" onClick={() => setCreating(true)} data-testid="new-workflow">
            + {t("workflows.new")}
          </button>
        </div>
      </div>

      <div className="toolbar" role="search">
        <input
          type="search"
          className="search"
          placeholder={t("workflows.search")}
          aria-label={t("workflows.search")}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
          data-testid="workflow-search"
        />
        <select
          aria-label={t("workflows.filterStatus")}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as WorkflowStatus | "");
            setOffset(0);
          }}
          data-testid="workflow-status-filter"
        >
          <option value="">{t("status.all")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>

      {error && <ErrorBox message={error} onRetry={refresh} />}

      <div className="table-wrap" aria-busy={loading}>
        <table className="table" data-testid="workflow-table">
          <thead>
            <tr>
              <th scope="col">{t("workflows.col.name")}</th>
              <th scope="col">{t("workflows.col.status")}</th>
              <th scope="col" className="num">
                {t("workflows.col.runs")}
              </th>
              <th scope="col">{t("workflows.col.lastRun")}</th>
              <th scope="col">{t("workflows.col.updated")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("workflows.col.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((w) => (
              <tr key={w.id} data-testid={`workflow-row-${w.id}`} data-workflow-name={w.name} className="workflow-row">
                <td>
                  <Link to={`/workflows/${w.id}`} className="row-title" data-testid={`workflow-link-${w.id}`}>
                    {w.name}
                  </Link>
                  {w.description && <div className="muted small">{w.description}</div>}
                </td>
                <td>
                  <StatusBadge status={w.status} testid={`workflow-status-${w.id}`} />
                  {w.has_unpublished_changes && (
                    <span className="badge badge-warn" title={t("workflows.unpublished")}>
                      {t("workflows.unpublished")}
                    </span>
                  )}
                </td>
                <td className="num" data-testid={`workflow-runs-${w.id}`}>
                  {w.run_count ?? 0}
                </td>
                <td>{w.last_run_at ? formatDateTime(lang, w.last_run_at) : <span className="muted">{t("workflows.never")}</span>}</td>
                <td>{formatDateTime(lang, w.updated_at)}</td>
                <td className="row-actions">
                  <Link to={`/workflows/${w.id}`} className="button subtle small" data-testid={`workflow-open-${w.id}`}>
                    {t("workflows.open")}
                  </Link>
                  {w.status === "active" ? (
                    <button
                      type="button"
                      className="button subtle small"
                      disabled={busyId === w.id}
                      onClick={() => void pause(w)}
                      data-testid={`workflow-pause-${w.id}`}
                    >
                      {t("workflows.pause")}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button subtle small"
                      disabled={busyId === w.id}
                      onClick={() => void activate(w)}
                      data-testid={`workflow-activate-${w.id}`}
                    >
                      {t("workflows.activate")}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button subtle small"
                    disabled={busyId === w.id}
                    onClick={() => void duplicate(w)}
                    data-testid={`workflow-duplicate-${w.id}`}
                  >
                    {t("workflows.duplicate")}
                  </button>
                  <button type="button" className="button subtle small" onClick={() => void exportOne(w)} data-testid={`workflow-export-${w.id}`}>
                    {t("workflows.export")}
                  </button>
                  <button
                    type="button"
                    className="button danger-subtle small"
                    disabled={busyId === w.id}
                    onClick={() => setConfirmDelete(w)}
                    data-testid={`workflow-delete-${w.id}`}
                    aria-label={`${t("workflows.delete")}: ${w.name}`}
                  >
                    {t("workflows.delete")}
                  </button>
                </td>
              </tr>
            ))}
            {data && data.items.length === 0 && (
              <tr>
                <td colSpan={6} className="empty" data-testid="workflow-empty">
                  {filtered ? t("workflows.noMatch") : t("workflows.empty")}
                </td>
              </tr>
            )}
            {!data && loading && (
              <tr>
                <td colSpan={6} className="empty">
                  {t("common.loading")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <nav className="pagination" aria-label="Pagination">
        <span data-testid="workflow-range">{total ? t("common.pageOf", { from, to, total }) : ""}</span>
        <button
          type="button"
          className="button subtle small"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          data-testid="page-prev"
        >
          ‹ {t("common.previous")}
        </button>
        <button
          type="button"
          className="button subtle small"
          disabled={offset + PAGE_SIZE >= total}
          onClick={() => setOffset(offset + PAGE_SIZE)}
          data-testid="page-next"
        >
          {t("common.next")} ›
        </button>
      </nav>

      <CreateWorkflowDialog open={creating} onClose={() => setCreating(false)} />
      <Modal open={!!importReport} title={t("import.title")} onClose={() => setImportReport(null)} testid="import-report">
        {importReport && (
          <div className="modal-body">
            <p data-testid="import-report-summary">
              {importReport.report.complete
                ? t("import.complete", { name: importReport.workflow.name ?? "" })
                : t("import.incomplete", { name: importReport.workflow.name ?? "", count: importReport.report.missing.length })}
            </p>
            {importReport.report.missing.length > 0 && (
              <ul className="issue-list" data-testid="import-missing">
                {importReport.report.missing.map((m, i) => (
                  <li key={i} className="issue issue-warning">
                    {t(`import.missing.${m.kind}`, { name: m.name ?? "—", node: m.node_id })}
                  </li>
                ))}
              </ul>
            )}
            <div className="modal-actions">
              <button
                type="button"
                className="button primary"
                onClick={() => {
                  const id = importReport.workflow.id;
                  setImportReport(null);
                  navigate(`/workflows/${id}`);
                }}
                data-testid="import-open"
              >
                {t("import.open")}
              </button>
            </div>
          </div>
        )}
      </Modal>
      <Modal open={!!confirmDelete} title={t("workflows.delete")} onClose={() => setConfirmDelete(null)} testid="confirm-dialog">
        <div className="modal-body">
          <p data-testid="confirm-message">{confirmDelete ? t("workflows.confirmDelete", { name: confirmDelete.name }) : ""}</p>
          <div className="modal-actions">
            <button type="button" className="button subtle" onClick={() => setConfirmDelete(null)} data-testid="confirm-cancel">
              {t("common.cancel")}
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => confirmDelete && void remove(confirmDelete)}
              data-testid="confirm-ok"
            >
              {t("common.delete")}
            </button>
          </div>
        </div>
      </Modal>
    </div>
  );
}

function CreateWorkflowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [template, setTemplate] = useState("");
  const [templates, setTemplates] = useState<Template[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setName("");
    setDescription("");
    setTemplate("");
    setError(null);
    const ctrl = new AbortController();
    get<Template[] | { items: Template[] }>("/api/templates", ctrl.signal)
      .then((d) => setTemplates(Array.isArray(d) ? d : d.items ?? []))
      .catch(() => setTemplates([]));
    return () => ctrl.abort();
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t("create.nameRequired"));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const wf = await post<Workflow>("/api/workflows", {
        name: name.trim(),
        description: description.trim(),
        template: template || null,
      });
      onClose();
      navigate(`/workflows/${wf.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const chosen = templates.find((x) => x.id === template);
  return (
    <Modal open={open} title={t("create.title")} onClose={onClose} testid="create-workflow-dialog">
      <form onSubmit={submit} className="modal-body" noValidate>
        <div className="form-row">
          <label htmlFor="wf-name">
            {t("common.name")} <span className="req" aria-hidden="true">*</span>
          </label>
          <input
            id="wf-name"
            value={name}
            maxLength={200}
            required
            autoFocus
            onChange={(e) => setName(e.target.value)}
            data-testid="create-workflow-name"
          />
        </div>
        <div className="form-row">
          <label htmlFor="wf-desc">{t("common.description")}</label>
          <textarea
            id="wf-desc"
            rows={2}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="create-workflow-description"
          />
        </div>
        <div className="form-row">
          <label htmlFor="wf-template">{t("create.template")}</label>
          <select
            id="wf-template"
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            data-testid="create-workflow-template"
          >
            <option value="">{t("create.blank")}</option>
            {templates.map((tp) => (
              <option key={tp.id} value={tp.id}>
                {lang === "ja" && tp.name_ja ? tp.name_ja : tp.name}
              </option>
            ))}
          </select>
          {chosen && <p className="hint">{lang === "ja" && chosen.description_ja ? chosen.description_ja : chosen.description}</p>}
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="create-workflow-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button subtle" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="button primary" disabled={busy} data-testid="create-workflow-submit">
            {busy ? t("common.creating") : t("common.create")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
