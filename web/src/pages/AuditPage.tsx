// The organisation's audit log: who created, saved, started, paused, deleted which workflow.
import { useEffect, useState } from "react";
import { get, query } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import { Link } from "../router";

interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: { type: string; id: number | null; name: string };
}

const PAGE_SIZE = 50;

export function AuditPage() {
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ items: AuditEvent[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    get<{ items: AuditEvent[]; total: number }>(`/api/audit${query({ limit: PAGE_SIZE, offset })}`, ctrl.signal)
      .then(setData)
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [offset]);

  const total = data?.total ?? 0;
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("audit.title")}</h1>
      </div>
      {error && <ErrorBox message={error} />}
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.what")}</th>
            <th scope="col">{t("audit.target")}</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action}>
              <td>{formatDateTime(lang, e.at)}</td>
              <td>{e.actor}</td>
              <td>{t(`audit.action.${e.action}`)}</td>
              <td>{e.target.id ? <Link to={`/workflows/${e.target.id}`}>{e.target.name}</Link> : e.target.name}</td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={4} className="empty">
                {t("audit.empty")}
              </td>
            </tr>
          )}
        </tbody>
      </table>
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
