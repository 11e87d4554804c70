// Revisions of a workflow: the list (newest first), the changes between a revision and the
// latest one, and "restore" (stored as a new revision; history is never rewritten).
import { useEffect, useState } from "react";
import { request, get } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import { Link, useRouter } from "../router";
import { useToast } from "../toast";
import type { RevisionDiff, RevisionSummary, Workflow } from "../types";

type Revision = RevisionSummary;
type Diff = RevisionDiff;

export function RevisionsPage({ workflowId }: { workflowId: string }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const { navigate } = useRouter();
  const wid = encodeURIComponent(workflowId);
  const [wf, setWf] = useState<Workflow | null>(null);
  const [items, setItems] = useState<Revision[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  // The revision the picked one is compared with: any revision (the latest unless chosen).
  const [against, setAgainst] = useState<number | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    Promise.all([
      get<Workflow>(`/api/workflows/${wid}`, ctrl.signal),
      get<{ items: Revision[] }>(`/api/workflows/${wid}/revisions`, ctrl.signal),
    ])
      .then(([w, r]) => {
        setWf(w);
        setItems(r.items);
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [wid]);

  const latest = items.find((r) => r.latest)?.number ?? null;
  const other = against ?? latest;
  useEffect(() => {
    if (picked === null || other === null) {
      setDiff(null);
      return;
    }
    const ctrl = new AbortController();
    get<Diff>(`/api/workflows/${wid}/revisions/diff?from=${picked}&to=${other}`, ctrl.signal)
      .then(setDiff)
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [wid, picked, other]);

  const restore = async (n: number) => {
    if (latest === null) return;
    setBusy(true);
    try {
      const res = await request<Workflow>(`/api/workflows/${wid}/revisions/${n}/restore`, {
        method: "POST",
        headers: { "If-Match": String(latest) },
      });
      toast(t("revisions.restored", { number: n, revision: res.data.revision ?? "" }), "success");
      navigate(`/workflows/${workflowId}`);
    } catch (e) {
      toast((e as Error).message, "error");
    } finally {
      setBusy(false);
    }
  };

  const lines: string[] = diff
    ? [
        ...diff.nodes.added.map((n) => t("revisions.added", { node: n.id })),
        ...diff.nodes.removed.map((n) => t("revisions.removed", { node: n.id })),
        ...diff.nodes.changed
          .filter((n) => n.fields.length)
          .map((n) => t("revisions.changed", { node: n.id, fields: n.fields.join(", ") })),
        ...diff.nodes.changed.filter((n) => !n.fields.length && n.moved).map((n) => t("revisions.moved", { node: n.id })),
        ...(diff.edges.added.length ? [t("revisions.edgesAdded", { count: diff.edges.added.length })] : []),
        ...(diff.edges.removed.length ? [t("revisions.edgesRemoved", { count: diff.edges.removed.length })] : []),
      ]
    : [];

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <Link to={`/workflows/${workflowId}`} className="muted small" data-testid="revisions-back">
            ← {wf?.name || t("editor.back")}
          </Link>
          <h1>{t("revisions.title")}</h1>
        </div>
      </div>
      {error && <ErrorBox message={error} />}
      <div className="history-grid">
        <ul className="revision-list" data-testid="revision-list">
          {items.map((r) => (
            <li key={r.number}>
              <button
                type="button"
                className={picked === r.number ? "try-run selected" : "try-run"}
                aria-pressed={picked === r.number}
                onClick={() => setPicked(r.number)}
                data-testid={`revision-${r.number}`}
              >
                <strong>#{r.number}</strong> {r.latest && <span className="badge">{t("revisions.latest")}</span>}{" "}
                {r.published && <span className="badge badge-active">{t("revisions.published")}</span>}
                <span className="muted small">
                  {" "}
                  {formatDateTime(lang, r.created_at)} {r.created_by ? t("revisions.by", { who: r.created_by }) : ""} {r.note}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <section className="card" aria-live="polite">
          {diff && picked !== null && (
            <>
              <h2>{t("revisions.compare", { from: diff.from, to: diff.to })}</h2>
              <div className="form-row">
                <label htmlFor="revision-against" className="field-label">{t("revisions.compareWith")}</label>
                <select id="revision-against" value={String(other ?? "")} data-testid="revision-compare-with"
                  onChange={(e) => setAgainst(Number(e.target.value))}>
                  {items.map((r) => (
                    <option key={r.number} value={String(r.number)}>
                      #{r.number}{r.latest ? ` (${t("revisions.latest")})` : ""}
                    </option>
                  ))}
                </select>
              </div>
              <ul className="issue-list" data-testid="revision-diff">
                {lines.length ? lines.map((l, i) => <li key={i}>{l}</li>) : <li>{t("revisions.noChanges")}</li>}
              </ul>
              {picked !== latest && (
                <button type="button" className="button primary" disabled={busy} onClick={() => void restore(picked)} data-testid="revision-restore">
                  {t("revisions.restore", { number: picked })}
                </button>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}
