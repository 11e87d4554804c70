// Marketing Agent: chat a goal, review the proposed draft (summary, validation, preview),
// approve (saves a DRAFT workflow and opens it) or discard. The agent never activates anything.
import { MessagePreview } from "../messages/MessagePreview";
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { get, post } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { useRouter } from "../router";
import { issueText, type Catalog, type Definition, type Issue } from "../types";
import { indexCatalog, type CatalogIndex } from "../editor/graph";
import { ReadOnlyCanvas } from "../editor/ReadOnlyCanvas";
import { useLookups } from "../editor/useLookups";

interface TranscriptEntry {
  role: "user" | "assistant";
  text: string;
  at?: string;
  kind?: string;
}

interface Draft {
  name: string;
  summary: string;
  definition: Definition;
  validation: { valid: boolean; errors: Issue[]; warnings: Issue[] };
  new_tags?: { placeholder_id?: number; name: string }[];
  provider?: string;
  model?: string;
}

interface Clarification {
  question: string;
  options: string[];
  about?: string;
}

interface Turn {
  reply: string;
  draft: Draft | null;
  clarification: Clarification | null;
  changes?: string[];
  status: string;
  workflow_id?: number | null;
}

interface Conversation {
  id: string;
  status: string;
  transcript: TranscriptEntry[];
  draft: Draft | null;
  clarification: Clarification | null;
  workflow_id?: number | null;
}

const STORAGE_KEY = "lumo.agentConversation";

function readStored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function store(id: string | null) {
  try {
    if (id) sessionStorage.setItem(STORAGE_KEY, id);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    /* ignore */
  }
}

export function AgentPage() {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const [conversationId, setConversationId] = useState<string | null>(readStored);
  const [transcript, setTranscript] = useState<TranscriptEntry[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [clarification, setClarification] = useState<Clarification | null>(null);
  const [changes, setChanges] = useState<string[]>([]);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [createTags, setCreateTags] = useState(true);
  const [catalog, setCatalog] = useState<CatalogIndex>({});
  const endRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    get<Catalog>("/api/catalog", ctrl.signal)
      .then((c) => setCatalog(indexCatalog(c.node_types ?? [])))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);

  // Restore the conversation of this tab.
  useEffect(() => {
    if (!conversationId) return;
    const ctrl = new AbortController();
    get<Conversation>(`/api/agent/conversations/${encodeURIComponent(conversationId)}`, ctrl.signal)
      .then((c) => {
        setTranscript(c.transcript ?? []);
        setDraft(c.draft ?? null);
        setClarification(c.clarification ?? null);
      })
      .catch((e: unknown) => {
        if ((e as Error).name === "AbortError") return;
        store(null);
        setConversationId(null);
      });
    return () => ctrl.abort();
    // Only on first mount: later turns update the state directly.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    endRef.current?.scrollIntoView?.({ block: "end" });
  }, [transcript, busy]);

  const applyTurn = useCallback((turn: Turn) => {
    setTranscript((tr) => [...tr, { role: "assistant", text: turn.reply, kind: turn.status }]);
    setDraft(turn.draft ?? null);
    setClarification(turn.clarification ?? null);
    setChanges(turn.changes ?? []);
  }, []);

  const send = useCallback(
    async (message: string) => {
      const body = message.trim();
      if (!body || busy) return;
      setBusy(true);
      setError(null);
      setText("");
      setTranscript((tr) => [...tr, { role: "user", text: body }]);
      try {
        let id = conversationId;
        if (!id) {
          const created = await post<{ id: string }>("/api/agent/conversations");
          id = created.id;
          setConversationId(id);
          store(id);
        }
        const turn = await post<Turn>(`/api/agent/conversations/${encodeURIComponent(id)}/messages`, { text: body });
        applyTurn(turn);
      } catch (e) {
        setError((e as Error).message);
      } finally {
        setBusy(false);
        inputRef.current?.focus();
      }
    },
    [busy, conversationId, applyTurn],
  );

  const approve = async () => {
    if (!conversationId) return;
    setBusy(true);
    setError(null);
    try {
      const res = await post<{ workflow_id: number; reply?: string }>(
        `/api/agent/conversations/${encodeURIComponent(conversationId)}/approve`,
        { create_tags: createTags },
      );
      store(null);
      navigate(`/workflows/${res.workflow_id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  const discard = async () => {
    if (!conversationId) return;
    setBusy(true);
    setError(null);
    try {
      const turn = await post<Turn>(`/api/agent/conversations/${encodeURIComponent(conversationId)}/discard`);
      applyTurn(turn);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    store(null);
    setConversationId(null);
    setTranscript([]);
    setDraft(null);
    setClarification(null);
    setChanges([]);
    setError(null);
    inputRef.current?.focus();
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(text);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send(text);
    }
  };

  const examples = [t("agent.example1"), t("agent.example2"), t("agent.example3")];
  const lookups = useLookups();

  return (
    <div className="page agent-page">
      <div className="page-head">
        <div>
          <h1>{t("agent.title")}</h1>
          <p className="muted small">{t("agent.subtitle")}</p>
        </div>
        <button type="button" className="button subtle" onClick={restart} disabled={busy} data-testid="agent-new">
          {t("agent.new")}
        </button>
      </div>
      <div className="agent-layout">
        <section className="chat card" aria-label={t("agent.chat")}>
          <div className="chat-log" role="log" aria-live="polite" data-testid="agent-transcript">
            {transcript.length === 0 && (
              <div className="chat-empty">
                <p>{t("agent.intro")}</p>
                <ul className="examples">
                  {examples.map((ex) => (
                    <li key={ex}>
                      <button type="button" className="link-button" onClick={() => void send(ex)} disabled={busy}>
                        {ex}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {transcript.map((m, i) => (
              <div key={i} className={`bubble bubble-${m.role}`} data-testid={`agent-message-${i}`} data-role={m.role} data-kind={m.kind}>
                {m.text}
              </div>
            ))}
            {busy && (
              <div className="bubble bubble-assistant typing" aria-busy="true">
                {t("agent.thinking")}
              </div>
            )}
            <div ref={endRef} />
          </div>
          {clarification && clarification.options.length > 0 && (
            <div className="quick-replies" data-testid="agent-clarification">
              {clarification.options.map((o, i) => (
                <button key={o} type="button" className="button subtle small" onClick={() => void send(o)} disabled={busy}
                  data-testid={`agent-option-${i}`}>
                  {o}
                </button>
              ))}
            </div>
          )}
          {error && <ErrorBox message={error} />}
          <form className="chat-input" onSubmit={onSubmit}>
            <label htmlFor="agent-input" className="visually-hidden">
              {t("agent.placeholder")}
            </label>
            <textarea
              id="agent-input"
              ref={inputRef}
              rows={2}
              maxLength={4000}
              placeholder={draft ? t("agent.revisePlaceholder") : t("agent.placeholder")}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
              data-testid="agent-input"
            />
            <button type="submit" className="button primary" disabled={busy || !text.trim()} data-testid="agent-send">
              {t("agent.send")}
            </button>
          </form>
        </section>

        <section className="draft card" aria-label={t("agent.draft")} data-testid="agent-draft-panel">
          {draft ? (
            <div data-testid="agent-draft">
              <h2 data-testid="agent-draft-name">{draft.name}</h2>
              <p className="draft-summary" data-testid="agent-draft-summary">
                {draft.summary}
              </p>
              {draft.definition.nodes.filter((n) => n.type === "action.send_message").slice(0, 3).map((n) => (
                <MessagePreview key={n.id} messages={(n.config ?? {}).messages} testid="agent-draft-preview" />
              ))}
              {changes.length > 0 && (
                <>
                  <h3>{t("agent.changes")}</h3>
                  <ul className="small" data-testid="agent-draft-changes">
                    {changes.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                </>
              )}
              <p className="small" data-testid="agent-draft-validation">
                {draft.validation.errors.length || draft.validation.warnings.length
                  ? t("editor.issuesCount", { errors: draft.validation.errors.length, warnings: draft.validation.warnings.length })
                  : t("editor.valid")}
              </p>
              {draft.validation.errors.length > 0 && (
                <ul className="issue-list">
                  {draft.validation.errors.map((i, n) => (
                    <li key={n} className="issue issue-error">{issueText(i, lang)}</li>
                  ))}
                </ul>
              )}
              <ReadOnlyCanvas
                definition={draft.definition}
                catalog={catalog}
                lookups={lookups}
                relayout
                testid="agent-draft-preview"
                className="draft-canvas"
              />
              {draft.new_tags && draft.new_tags.length > 0 && (
                <label className="checkbox">
                  <input type="checkbox" checked={createTags} onChange={(e) => setCreateTags(e.target.checked)} data-testid="agent-create-tags" />
                  <span>{t("agent.createTags", { tags: draft.new_tags.map((x) => x.name).join(", ") })}</span>
                </label>
              )}
              <p className="hint">{t("agent.approveHint")}</p>
              <div className="modal-actions">
                <button type="button" className="button subtle" onClick={() => void discard()} disabled={busy} data-testid="agent-discard">
                  {t("agent.discard")}
                </button>
                <button type="button" className="button primary" onClick={() => void approve()} disabled={busy} data-testid="agent-approve">
                  {t("agent.approve")}
                </button>
              </div>
            </div>
          ) : (
            <p className="muted">{t("agent.noDraft")}</p>
          )}
        </section>
      </div>
    </div>
  );
}
