// The organisation's audit log: who created, changed, started, paused, deleted which workflow,
// LINE account, tag, auto-send message, rich menu, QR code or integration; filtered by resource
// type and by who acted.
import { useEffect, useState } from "react";
import { get, query } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import { auditLink, TARGET_TYPES } from "../lib/audit";
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
  const [type, setType] = useState("");
  const [actor, setActor] = useState("");
  const [actors, setActors] = useState<string[]>([]);
  const [data, setData] = useState<{ items: AuditEvent[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    get<{ items: string[] }>("/api/audit/actors", ctrl.signal)
      .then((r) => setActors(r.items))
      .catch(() => undefined); // the filter then offers "everyone" only
    return () => ctrl.abort();
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    const params = { limit: PAGE_SIZE, offset, target_type: type, actor };
    get<{ items: AuditEvent[]; total: number }>(`/api/audit${query(params)}`, ctrl.signal)
      .then((d) => { setData(d); setError(null); })
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [offset, type, actor]);

  const total = data?.total ?? 0;
  const target = (e: AuditEvent) => {
    const to = auditLink(e);
    return to ? <Link to={to}>{e.target.name}</Link> : e.target.name;
  };
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("audit.title")}</h1>
      </div>
      <div className="toolbar" role="search">
        <select aria-label={t("audit.filterType")} value={type} data-testid="audit-type-filter"
          onChange={(e) => { setType(e.target.value); setOffset(0); }}>
          <option value="">{t("audit.allTypes")}</option>
          {TARGET_TYPES.map((k) => <option key={k} value={k}>{t(`audit.type.${k}`)}</option>)}
        </select>
        <select aria-label={t("audit.filterActor")} value={actor} data-testid="audit-actor-filter"
          onChange={(e) => { setActor(e.target.value); setOffset(0); }}>
          <option value="">{t("audit.everyone")}</option>
          {actors.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </div>
      {error && <ErrorBox message={error} />}
      <table className="table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t("audit.when")}</th>
            <th scope="col">{t("audit.who")}</th>
            <th scope="col">{t("audit.what")}</th>
            <th scope="col">{t("audit.type")}</th>
            <th scope="col">{t("audit.target")}</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map((e) => (
            <tr key={e.id} data-testid="audit-row" data-action={e.action} data-type={e.target.type}>
              <td>{formatDateTime(lang, e.at)}</td>
              <td>{e.actor}</td>
              <td>{t(`audit.action.${e.action}`)}</td>
              <td>{t(`audit.type.${e.target.type}`)}</td>
              <td>{target(e)}</td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr>
              <td colSpan={5} className="empty">
                {t(type || actor ? "audit.noMatch" : "audit.empty")}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <nav className="pagination" aria-label="Pagination">
        <span data-testid="audit-page">{total ? t("common.pageOf", { from: offset + 1, to: Math.min(offset + PAGE_SIZE, total), total }) : ""}</span>
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
