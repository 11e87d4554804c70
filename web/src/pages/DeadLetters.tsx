import { useCallback, useEffect, useState } from "react";
import { ApiError, get, post, query } from "../api";
import { useAuth } from "../auth";
import { ErrorBox } from "../components";
import { formatDateTime } from "../i18n";
import { useI18n } from "../i18nContext";

export interface DeadLetter {
  id: number;
  account_id: number;
  event_type: string;
  line_user_id: string | null;
  attempts: number;
  error: string | null;
  received_at: string;
  dead_at: string | null;
}

interface Page {
  items: DeadLetter[];
  total: number;
}

/** LINE events of the workflow's accounts that could not be processed (dead letters), with
 * "Retry" for admins. Shown only when there are some. */
export function DeadLetters({ accountIds, reload }: { accountIds: number[]; reload: number }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [items, setItems] = useState<DeadLetter[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const key = accountIds.join(",");

  const load = useCallback(async () => {
    try {
      const pages = await Promise.all(
        key.split(",").filter(Boolean).map((a) => get<Page>(`/api/dead-letters${query({ account_id: a, limit: 20 })}`)),
      );
      setItems(pages.flatMap((p) => p.items));
      setTotal(pages.reduce((n, p) => n + p.total, 0));
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, [key]);

  useEffect(() => {
    void load();
  }, [load, reload]);

  const retry = async (id: number) => {
    setBusy(id);
    try {
      await post(`/api/dead-letters/${id}/retry`);
      await load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  if (!total && !error) return null;
  return (
    <section className="card dead-letters" aria-label={t("dead.title")} data-testid="dead-letters">
      <h2>
        {t("dead.title")} <span className="badge run-failed">{total}</span>
      </h2>
      <p className="muted small">{t("dead.hint")}</p>
      {error && <ErrorBox message={error} onRetry={load} />}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("dead.event")}</th>
              <th scope="col">{t("dead.received")}</th>
              <th scope="col" className="num">{t("runs.attempt")}</th>
              <th scope="col">{t("dead.error")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("workflows.col.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-testid={`dead-letter-${d.id}`}>
                <td>{d.event_type}</td>
                <td>{formatDateTime(lang, d.received_at)}</td>
                <td className="num">{d.attempts}</td>
                <td className="step-error small">{d.error}</td>
                <td className="row-actions">
                  {user?.role === "admin" && (
                    <button
                      type="button"
                      className="button subtle small"
                      disabled={busy === d.id}
                      onClick={() => void retry(d.id)}
                      data-testid={`dead-letter-retry-${d.id}`}
                    >
                      {t("common.retry")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
