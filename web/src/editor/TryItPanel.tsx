// "Try it": play a friend of the LINE account through the LINE simulator (add as friend, send a
// message, tap a postback, block) and watch the runs this workflow starts — the latest run's path
// lights up on the canvas. Backend: POST /api/try-it/{account}/{action}, GET …/messages.
import { MessagePreview } from "../messages/MessagePreview";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { ApiError, get, post } from "../api";
import { useI18n } from "../i18nContext";
import { formatDateTime } from "../i18n";
import type { DefNode, Resource, WorkflowStatus } from "../types";
import { inFlight } from "./runPath";
import { SkipReason } from "../components";

export interface TryRun {
  id: string;
  status: string;
  revision: number;
  created_at: string;
  started_at: string | null;
  trigger_node_id: string | null;
  friend: { id: number; display_name: string | null } | null;
  error: string | null;
  skip_reason?: string | null;
}

interface RunsPage {
  items: TryRun[];
  node_counts?: Record<string, Record<string, number>>;
}

interface SimMessage {
  kind: string;
  to: string;
  messages: { type?: string; text?: string; altText?: string }[];
  at: number | null;
}

interface ChatEntry {
  key: string;
  from: "friend" | "bot" | "system";
  text: string;
  at: number;
  message?: Record<string, unknown>; // a bot message, rendered as LINE shows it
}

type Action = "follow" | "message" | "postback" | "unfollow";

const USER_KEY = "lumo.tryIt.friend";
const POLL_MS = 1200;

function newUserId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return "U" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function storedFriend(): { userId: string; name: string } | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(USER_KEY) ?? "null");
    return v && typeof v.userId === "string" && /^U[0-9a-f]{32}$/.test(v.userId) ? v : null;
  } catch {
    return null;
  }
}

function storeFriend(f: { userId: string; name: string }) {
  try {
    sessionStorage.setItem(USER_KEY, JSON.stringify(f));
  } catch {
    /* ignore */
  }
}

function messageText(m: SimMessage["messages"][number], imageLabel: string): string {
  if (m.type === "text" || m.type === "textV2") return m.text ?? "";
  if (m.type === "image") return `🖼 ${imageLabel}`;
  return m.altText ?? `[${m.type ?? "message"}]`;
}

interface Props {
  workflowId: number;
  status: WorkflowStatus;
  startAccountIds: number[];
  accounts: Resource[];
  nodes: DefNode[];
  selectedRunId: string | null;
  onSelectRun: (run: TryRun | null) => void;
  onRuns: (page: RunsPage) => void;
  onClose: () => void;
}

export function TryItPanel(props: Props) {
  const { workflowId, status, startAccountIds, accounts, nodes, selectedRunId, onSelectRun, onRuns, onClose } = props;
  const { t, lang } = useI18n();
  const usable = useMemo(() => {
    const on = accounts.filter((a) => startAccountIds.includes(a.id));
    return on.length ? on : accounts;
  }, [accounts, startAccountIds]);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [friend, setFriend] = useState(() => storedFriend() ?? { userId: newUserId(), name: "" });
  const [text, setText] = useState("");
  const [data, setData] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<ChatEntry[]>([]);
  const [received, setReceived] = useState<ChatEntry[]>([]);
  const [runs, setRuns] = useState<TryRun[]>([]);
  const follow = useRef<{ known: Set<string> } | null>(null);
  // After "simulator not reachable", stop asking for messages until the next action.
  const simDown = useRef(false);
  const chatEnd = useRef<HTMLDivElement>(null);
  const onRunsRef = useRef(onRuns);
  onRunsRef.current = onRuns;
  const onSelectRef = useRef(onSelectRun);
  onSelectRef.current = onSelectRun;

  useEffect(() => {
    if (accountId === null || !usable.some((a) => a.id === accountId)) setAccountId(usable[0]?.id ?? null);
  }, [usable, accountId]);
  useEffect(() => storeFriend(friend), [friend]);

  const displayName = friend.name.trim() || t("try.defaultName");

  // Poll what the account sent this friend, and this workflow's latest runs.
  useEffect(() => {
    let stop = false;
    let timer: number | undefined;
    const ctrl = new AbortController();
    const tick = async () => {
      const jobs: Promise<unknown>[] = [
        get<RunsPage>(`/api/workflows/${workflowId}/executions?limit=6`, ctrl.signal).then((page) => {
          setRuns(page.items ?? []);
          onRunsRef.current(page);
          const f = follow.current;
          const fresh = (page.items ?? []).find((r) => f && !f.known.has(r.id));
          if (f && fresh) {
            follow.current = null;
            onSelectRef.current(fresh);
          }
        }),
      ];
      if (accountId !== null && !simDown.current) {
        jobs.push(
          get<{ items: SimMessage[] }>(
            `/api/try-it/${accountId}/messages?user_id=${encodeURIComponent(friend.userId)}`,
            ctrl.signal,
          ).then((d) =>
            setReceived(
              (d.items ?? []).flatMap((m, i) =>
                m.messages.map((x, j) => ({
                  key: `bot-${i}-${j}`,
                  from: "bot" as const,
                  text: messageText(x, t("try.image")),
                  message: x as Record<string, unknown>,
                  at: (m.at ?? 0) * 1000 + j,
                })),
              ),
            ),
          ),
        );
      }
      const results = await Promise.allSettled(jobs);
      const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult | undefined;
      if (failed && (failed.reason as Error)?.name !== "AbortError" && failed.reason instanceof ApiError && failed.reason.status === 409) {
        simDown.current = true;
        setError(failed.reason.message);
      }
      if (!stop) timer = window.setTimeout(tick, POLL_MS);
    };
    void tick();
    return () => {
      stop = true;
      ctrl.abort();
      window.clearTimeout(timer);
    };
  }, [workflowId, accountId, friend.userId, t]);

  useEffect(() => {
    chatEnd.current?.scrollIntoView?.({ block: "nearest" });
  }, [sent, received]);

  const act = useCallback(
    async (action: Action, body: { text?: string; data?: string } = {}, label?: string) => {
      if (accountId === null || busy) return;
      setBusy(true);
      setError(null);
      simDown.current = false;
      follow.current = { known: new Set(runs.map((r) => r.id)) };
      const at = Date.now();
      try {
        const res = await post<{ webhook_status: number | null; error: string | null }>(
          `/api/try-it/${accountId}/${action}`,
          { user_id: friend.userId, display_name: displayName, ...body },
        );
        const from = action === "message" || action === "postback" ? "friend" : "system";
        setSent((s) => [...s, { key: `me-${at}`, from, text: label ?? body.text ?? "", at }]);
        if (res.webhook_status !== 200) {
          setError(t("try.webhookFailed", { status: String(res.webhook_status ?? res.error ?? "—") }));
        }
      } catch (e) {
        follow.current = null;
        setError((e as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [accountId, busy, runs, friend.userId, displayName, t],
  );

  const sendText = (e: FormEvent) => {
    e.preventDefault();
    const v = text.trim();
    if (!v) return;
    setText("");
    void act("message", { text: v });
  };
  const sendPostback = (e: FormEvent) => {
    e.preventDefault();
    const v = data.trim();
    if (!v) return;
    void act("postback", { data: v }, t("try.tapped", { data: v }));
  };

  const keywords = nodes
    .filter((n) => n.type === "trigger.message_received")
    .flatMap((n) => (Array.isArray(n.config?.keywords) ? (n.config.keywords as unknown[]).map(String) : []))
    .filter(Boolean)
    .slice(0, 6);
  const postbacks = nodes
    .filter((n) => n.type === "trigger.postback" && typeof n.config?.data === "string" && n.config.data)
    .map((n) => String(n.config.data))
    .slice(0, 4);
  const chat = [...sent, ...received].sort((a, b) => a.at - b.at);
  const noAccount = accountId === null;

  return (
    <aside className="side-panel try-panel" aria-label={t("try.title")} data-testid="try-it-panel">
      <div className="panel-head">
        <div>
          <h2 className="panel-title">{t("try.title")}</h2>
          <p className="muted small">{t("try.subtitle")}</p>
        </div>
        <button type="button" className="icon-button" aria-label={t("common.close")} onClick={onClose} data-testid="try-it-close">
          ×
        </button>
      </div>
      {status !== "active" && (
        <p className="notice warn small" data-testid="try-inactive">
          {t("try.inactive")}
        </p>
      )}
      {noAccount ? (
        <p className="form-error" data-testid="try-no-account">
          {t("try.noAccount")}
        </p>
      ) : (
        <>
          <div className="form-row">
            <label htmlFor="try-account" className="field-label">
              {t("try.account")}
            </label>
            <select id="try-account" value={accountId ?? ""} onChange={(e) => setAccountId(Number(e.target.value))} data-testid="try-account">
              {usable.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <div className="form-row">
            <label htmlFor="try-name" className="field-label">
              {t("try.friendName")}
            </label>
            <div className="inline-row">
              <input
                id="try-name"
                value={friend.name}
                placeholder={t("try.defaultName")}
                maxLength={100}
                onChange={(e) => setFriend({ ...friend, name: e.target.value })}
                data-testid="try-name"
              />
              <button
                type="button"
                className="button subtle small"
                onClick={() => {
                  setFriend({ userId: newUserId(), name: friend.name });
                  setSent([]);
                  setReceived([]);
                }}
                data-testid="try-new-friend"
              >
                {t("try.newFriend")}
              </button>
            </div>
            <p className="hint">
              {t("try.userId")}: <code data-testid="try-user-id">{friend.userId}</code>
            </p>
          </div>
          <div className="button-row">
            <button type="button" className="button small" disabled={busy} onClick={() => void act("follow", {}, t("try.followed", { name: displayName }))} data-testid="try-follow">
              + {t("try.follow")}
            </button>
            <button type="button" className="button subtle small" disabled={busy} onClick={() => void act("unfollow", {}, t("try.blocked", { name: displayName }))} data-testid="try-block">
              {t("try.block")}
            </button>
          </div>
          <form className="inline-form" onSubmit={sendText}>
            <label htmlFor="try-text" className="visually-hidden">
              {t("try.message")}
            </label>
            <input id="try-text" value={text} placeholder={t("try.message")} maxLength={5000} onChange={(e) => setText(e.target.value)} data-testid="try-text" />
            <button type="submit" className="button primary small" disabled={busy || !text.trim()} data-testid="try-send">
              {t("try.send")}
            </button>
          </form>
          {keywords.length > 0 && (
            <div className="suggestions" aria-label={t("try.suggestions")}>
              {keywords.map((k, i) => (
                <button key={`${k}-${i}`} type="button" className="chip" disabled={busy} onClick={() => void act("message", { text: k })} data-testid={`try-suggest-message-${i}`}>
                  “{k}”
                </button>
              ))}
            </div>
          )}
          <form className="inline-form" onSubmit={sendPostback}>
            <label htmlFor="try-postback-data" className="visually-hidden">
              {t("try.postback")}
            </label>
            <input id="try-postback-data" value={data} placeholder={t("try.postback")} maxLength={300} onChange={(e) => setData(e.target.value)} data-testid="try-postback-data" />
            <button type="submit" className="button small" disabled={busy || !data.trim()} data-testid="try-postback">
              {t("try.tap")}
            </button>
          </form>
          {postbacks.length > 0 && (
            <div className="suggestions">
              {postbacks.map((d, i) => (
                <button key={`${d}-${i}`} type="button" className="chip" disabled={busy} onClick={() => void act("postback", { data: d }, t("try.tapped", { data: d }))} data-testid={`try-suggest-postback-${i}`}>
                  {d}
                </button>
              ))}
            </div>
          )}
        </>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="try-error">
          {error}
        </p>
      )}
      <h3 className="issue-heading">{t("try.chat")}</h3>
      <div className="try-chat" role="log" aria-live="polite" data-testid="try-chat">
        {chat.length === 0 && <p className="muted small">{t("try.chatEmpty")}</p>}
        {chat.map((c) => (
          c.message && c.message.type !== "text" ? (
            <div key={c.key} className="try-bubble from-bot rich" data-testid="try-chat-entry" data-from={c.from}>
              <MessagePreview messages={[c.message]} testid="try-preview" />
            </div>
          ) : (
            <div key={c.key} className={`try-bubble from-${c.from}`} data-testid="try-chat-entry" data-from={c.from}>
              {c.text}
            </div>
          )
        ))}
        <div ref={chatEnd} />
      </div>
      <h3 className="issue-heading">{t("try.runs")}</h3>
      <ul className="try-runs" data-testid="try-runs">
        {runs.length === 0 && <li className="muted small">{t("runs.empty")}</li>}
        {runs.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              className={r.id === selectedRunId ? "try-run selected" : "try-run"}
              aria-pressed={r.id === selectedRunId}
              onClick={() => onSelectRun(r.id === selectedRunId ? null : r)}
              data-testid={`try-run-${r.id}`}
              data-status={r.status}
            >
              <span className={`badge run-${r.status}`}>{t(`run.status.${r.status}`)}</span>
              <span className="try-run-who">{r.friend?.display_name ?? "—"}</span>
              <span className="muted small">
                {formatDateTime(lang, r.started_at ?? r.created_at)}
                {inFlight(r.status) ? " …" : ""}
              </span>
              <SkipReason reason={r.skip_reason} />
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
