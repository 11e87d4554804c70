// Integrations: connect HubSpot / Klaviyo with an API key (write-only: never shown again),
// test the stored key, replace it, disconnect.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { ApiError, get, post, request } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { useToast } from "../toast";

interface Available {
  kind: "hubspot" | "klaviyo";
  name: string;
  connected: boolean;
}

interface Connected {
  id: number;
  kind: string;
  settings: Record<string, unknown>;
}

export function IntegrationsPage() {
  const { t } = useI18n();
  const [available, setAvailable] = useState<Available[]>([]);
  const [items, setItems] = useState<Connected[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const refresh = useCallback(() => setReload((r) => r + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    get<{ items: Connected[]; available: Available[] }>("/api/integrations", ctrl.signal)
      .then((d) => {
        setAvailable(d.available);
        setItems(d.items);
        setError(null);
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [reload]);

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{t("integrations.title")}</h1>
          <p className="muted">{t("integrations.subtitle")}</p>
        </div>
      </div>
      {error && <ErrorBox message={error} onRetry={refresh} />}
      <div className="integration-cards">
        {available.map((a) => (
          <IntegrationCard key={a.kind} item={a} connection={items.find((i) => i.kind === a.kind)} onChange={refresh} />
        ))}
      </div>
    </div>
  );
}

function IntegrationCard({ item, connection, onChange }: { item: Available; connection?: Connected; onChange: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [key, setKey] = useState("");
  const [idProperty, setIdProperty] = useState(String(connection?.settings?.id_property ?? "line_user_id"));
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const showForm = !item.connected || editing;

  const connect = async (e: FormEvent) => {
    e.preventDefault();
    if (!key.trim()) {
      setFormError(t("integrations.keyRequired"));
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      await post("/api/integrations", {
        kind: item.kind,
        api_key: key.trim(),
        settings: item.kind === "hubspot" ? { id_property: idProperty.trim() || "line_user_id" } : {},
      });
      setKey("");
      setEditing(false);
      setResult(null);
      toast(t("integrations.connected", { name: item.name }), "success");
      onChange();
    } catch (err) {
      setFormError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    setResult(null);
    try {
      setResult(await post<{ ok: boolean; message: string }>(`/api/integrations/${item.kind}/test`));
    } catch (err) {
      setResult({ ok: false, message: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const disconnect = async () => {
    setBusy(true);
    try {
      await request(`/api/integrations/${item.kind}`, { method: "DELETE" });
      setResult(null);
      toast(t("integrations.disconnected", { name: item.name }), "success");
      onChange();
    } catch (err) {
      toast((err as Error).message, "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card integration-card" data-testid={`integration-${item.kind}`} data-connected={item.connected}>
      <h2>{item.name}</h2>
      <p className="muted small">{t(`integrations.about.${item.kind}`)}</p>
      <p data-testid={`integration-${item.kind}-status`}>
        <span className={item.connected ? "badge badge-active" : "badge"}>
          {item.connected ? t("integrations.statusConnected") : t("integrations.statusNotConnected")}
        </span>
      </p>
      {showForm ? (
        <form onSubmit={connect} className="form" noValidate>
          <div className="form-row">
            <label htmlFor={`key-${item.kind}`}>{t("integrations.apiKey")}</label>
            <input
              id={`key-${item.kind}`}
              type="password"
              autoComplete="off"
              value={key}
              maxLength={500}
              onChange={(e) => setKey(e.target.value)}
              data-testid={`integration-${item.kind}-key`}
            />
            <p className="hint">{t("integrations.keyHint")}</p>
          </div>
          {item.kind === "hubspot" && (
            <div className="form-row">
              <label htmlFor="hubspot-id-property">{t("integrations.idProperty")}</label>
              <input id="hubspot-id-property" value={idProperty} maxLength={100} onChange={(e) => setIdProperty(e.target.value)} />
            </div>
          )}
          {formError && (
            <p className="form-error" role="alert" data-testid={`integration-${item.kind}-error`}>
              {formError}
            </p>
          )}
          <div className="button-row">
            <button type="submit" className="button primary" disabled={busy} data-testid={`integration-${item.kind}-connect`}>
              {item.connected ? t("integrations.replace") : t("integrations.connect")}
            </button>
            {editing && (
              <button type="button" className="button subtle" onClick={() => setEditing(false)}>
                {t("common.cancel")}
              </button>
            )}
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => void test()} data-testid={`integration-${item.kind}-test`}>
            {t("integrations.test")}
          </button>
          <button type="button" className="button subtle" disabled={busy} onClick={() => setEditing(true)} data-testid={`integration-${item.kind}-rotate`}>
            {t("integrations.replaceKey")}
          </button>
          <button type="button" className="button danger-subtle" disabled={busy} onClick={() => void disconnect()} data-testid={`integration-${item.kind}-disconnect`}>
            {t("integrations.disconnect")}
          </button>
        </div>
      )}
      {result && (
        <p className={result.ok ? "notice small" : "form-error"} role="status" data-testid={`integration-${item.kind}-result`} data-ok={result.ok}>
          {result.message}
        </p>
      )}
    </section>
  );
}
