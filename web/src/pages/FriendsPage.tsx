import { Fragment, useEffect, useState } from "react";
import { get, query } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import type { Page, Resource } from "../types";
import { useResourceList } from "./ResourcePages";

interface Friend {
  id: number;
  account_id: number;
  line_user_id: string;
  display_name: string | null;
  picture_url: string | null;
  status: string;
  tags: { id: number; name: string }[];
  followed_at: string | null;
  last_seen_at: string | null;
  attributes?: Record<string, unknown>;
  language?: string | null;
}

const PAGE_SIZE = 25;

function FriendDetail({ id }: { id: number }) {
  const { t } = useI18n();
  const [friend, setFriend] = useState<Friend | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    get<Friend>(`/api/friends/${id}`, ctrl.signal)
      .then(setFriend)
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [id]);
  if (error) return <ErrorBox message={error} />;
  if (!friend) return <p className="muted">{t("common.loading")}</p>;
  const attrs = Object.entries(friend.attributes ?? {});
  return (
    <div className="friend-detail" data-testid={`friend-detail-${id}`}>
      <p className="muted small">
        LINE user ID: <code>{friend.line_user_id}</code>
        {friend.language ? ` · ${friend.language}` : ""}
      </p>
      <h3>{t("friends.attributes")}</h3>
      {attrs.length ? (
        <dl className="attr-list">
          {attrs.map(([k, v]) => (
            <Fragment key={k}>
              <dt>
                <code>{k}</code>
              </dt>
              <dd data-testid={`friend-attr-${k}`}>{typeof v === "string" ? v : JSON.stringify(v)}</dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p className="muted small">{t("friends.noAttributes")}</p>
      )}
    </div>
  );
}

export function FriendsPage() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState("");
  const [debouncedQ, setDebouncedQ] = useState("");
  const [tagId, setTagId] = useState("");
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<Page<Friend> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const tags = useResourceList("tags");
  const accounts = useResourceList("accounts");

  useEffect(() => {
    const h = window.setTimeout(() => setDebouncedQ(q.trim()), 250);
    return () => window.clearTimeout(h);
  }, [q]);

  useEffect(() => {
    const ctrl = new AbortController();
    get<Page<Friend>>(`/api/friends${query({ q: debouncedQ, tag_id: tagId, status, limit: PAGE_SIZE, offset })}`, ctrl.signal)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [debouncedQ, tagId, status, offset]);

  const total = data?.total ?? 0;
  const accountName = (id: number) => (accounts.items ?? []).find((a: Resource) => a.id === id)?.name ?? `#${id}`;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t("friends.title")}</h1>
      </div>
      <div className="toolbar" role="search">
        <input
          type="search"
          className="search"
          placeholder={t("friends.search")}
          aria-label={t("friends.search")}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
          data-testid="friend-search"
        />
        <select aria-label={t("nav.tags")} value={tagId} onChange={(e) => { setTagId(e.target.value); setOffset(0); }} data-testid="friend-tag-filter">
          <option value="">{t("friends.allTags")}</option>
          {(tags.items ?? []).map((tg) => (
            <option key={tg.id} value={String(tg.id)}>{tg.name}</option>
          ))}
        </select>
        <select aria-label={t("runs.status")} value={status} onChange={(e) => { setStatus(e.target.value); setOffset(0); }} data-testid="friend-status-filter">
          <option value="">{t("status.all")}</option>
          <option value="active">{t("friends.status.active")}</option>
          <option value="blocked">{t("friends.status.blocked")}</option>
        </select>
      </div>
      {error && <ErrorBox message={error} />}
      <div className="table-wrap">
        <table className="table" data-testid="friends-table">
          <thead>
            <tr>
              <th scope="col">{t("friends.name")}</th>
              <th scope="col">{t("runs.status")}</th>
              <th scope="col">{t("nav.tags")}</th>
              <th scope="col">{t("res.field.account")}</th>
              <th scope="col">{t("friends.followed")}</th>
              <th scope="col">{t("friends.lastSeen")}</th>
              <th scope="col"><span className="visually-hidden">{t("workflows.col.actions")}</span></th>
            </tr>
          </thead>
          <tbody>
            {data?.items.map((f) => (
              <Fragment key={f.id}>
                <tr data-testid={`friend-row-${f.id}`}>
                  <td className="row-title">{f.display_name || <span className="muted">{f.line_user_id}</span>}</td>
                  <td>
                    <span className={`badge ${f.status === "blocked" ? "badge-inactive" : "badge-active"}`}>
                      {t(`friends.status.${f.status}`)}
                    </span>
                  </td>
                  <td>
                    {f.tags.map((tg) => (
                      <span key={tg.id} className="badge badge-draft">{tg.name}</span>
                    ))}
                  </td>
                  <td>{accountName(f.account_id)}</td>
                  <td>{formatDateTime(lang, f.followed_at)}</td>
                  <td>{formatDateTime(lang, f.last_seen_at)}</td>
                  <td className="row-actions">
                    <button type="button" className="button subtle small" aria-expanded={open === f.id}
                      onClick={() => setOpen(open === f.id ? null : f.id)} data-testid={`friend-toggle-${f.id}`}>
                      {open === f.id ? t("runs.hide") : t("runs.details")}
                    </button>
                  </td>
                </tr>
                {open === f.id && (
                  <tr className="detail-row">
                    <td colSpan={7}><FriendDetail id={f.id} /></td>
                  </tr>
                )}
              </Fragment>
            ))}
            {data && data.items.length === 0 && (
              <tr>
                <td colSpan={7} className="empty" data-testid="friends-empty">{t("friends.empty")}</td>
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
