import { RichMenuMaker } from "./RichMenuMaker";
import { SchemaForm } from "../editor/SchemaForm";
import { deriveFields, type JSONSchema } from "../editor/schema";
import { MessagePreview } from "../messages/MessagePreview";
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { get, post } from "../api";
import { ErrorBox } from "../components";
import { useI18n } from "../i18nContext";
import { useToast } from "../toast";
import type { Catalog, Resource, ResourceKind } from "../types";

type Values = Record<string, unknown>;

interface SimpleField {
  name: string;
  labelKey: string;
  type: "text" | "password" | "textarea" | "account";
  required?: boolean;
  hintKey?: string;
  maxLength?: number;
}

interface Column {
  key: string;
  labelKey: string;
  render?: (r: Resource, lang: "en" | "ja", accounts: Resource[]) => ReactNode;
}

interface ResourcePageProps {
  kind: ResourceKind;
  titleKey: string;
  newKey: string;
  columns: Column[];
  fields?: SimpleField[];
  /** Custom form body for resources with nested values (auto-send messages). */
  renderExtra?: (values: Values, set: (v: Values) => void) => ReactNode;
  initial: () => Values;
  toBody?: (values: Values) => Values;
  needsAccounts?: boolean;
}

export function useResourceList(kind: ResourceKind, reload = 0, enabled = true) {
  const [items, setItems] = useState<Resource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    get<{ items: Resource[] } | Resource[]>(`/api/${kind}`, ctrl.signal)
      .then((d) => {
        setItems(Array.isArray(d) ? d : d.items ?? []);
        setError(null);
      })
      .catch((e: unknown) => {
        if ((e as Error).name !== "AbortError") setError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [kind, reload, enabled]);
  return { items, error };
}

function ResourcePage({ kind, titleKey, newKey, columns, fields = [], renderExtra, initial, toBody, needsAccounts }: ResourcePageProps) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const [reload, setReload] = useState(0);
  const { items, error } = useResourceList(kind, reload);
  const accounts = useResourceList("accounts", reload, !!needsAccounts);
  const [values, setValues] = useState<Values>(initial);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  const refresh = useCallback(() => setReload((r) => r + 1), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = fields.find((f) => f.required && (values[f.name] === undefined || values[f.name] === null || String(values[f.name]).trim() === ""));
    if (missing) {
      setFormError(t("res.requiredField", { field: t(missing.labelKey) }));
      document.getElementById(`${kind}-${missing.name}`)?.focus();
      return;
    }
    setBusy(true);
    setFormError(null);
    try {
      const body = toBody ? toBody(values) : values;
      const created = await post<Resource>(`/api/${kind}`, body);
      toast(t("res.created", { name: String(created?.name ?? values.name ?? "") }), "success");
      setValues(initial());
      setOpen(false);
      refresh();
    } catch (err) {
      setFormError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const accountItems = accounts.items ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t(titleKey)}</h1>
        {!open && (
          <button type="button" className="button primary" onClick={() => setOpen(true)} data-testid={`new-${kind}`}>
            + {t(newKey)}
          </button>
        )}
      </div>

      {open && (
        <form className="card form-card" onSubmit={submit} data-testid={`${kind}-form`} noValidate>
          <h2>{t(newKey)}</h2>
          {fields.map((f) => {
            const id = `${kind}-${f.name}`;
            const v = (values[f.name] as string | number | undefined) ?? "";
            return (
              <div className="form-row" key={f.name}>
                <label htmlFor={id}>
                  {t(f.labelKey)} {f.required && <span className="req" aria-hidden="true">*</span>}
                </label>
                {f.type === "textarea" ? (
                  <textarea id={id} rows={2} value={String(v)} maxLength={f.maxLength}
                    onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} data-testid={`${kind}-field-${f.name}`} />
                ) : f.type === "account" ? (
                  <select id={id} value={String(v)} required={f.required}
                    onChange={(e) => setValues({ ...values, [f.name]: e.target.value ? Number(e.target.value) : "" })}
                    data-testid={`${kind}-field-${f.name}`}>
                    <option value="">{t("common.select")}</option>
                    {accountItems.map((a) => (
                      <option key={a.id} value={a.id}>{a.name}</option>
                    ))}
                  </select>
                ) : (
                  <input id={id} type={f.type} value={String(v)} required={f.required} maxLength={f.maxLength}
                    autoComplete={f.type === "password" ? "new-password" : "off"}
                    onChange={(e) => setValues({ ...values, [f.name]: e.target.value })} data-testid={`${kind}-field-${f.name}`} />
                )}
                {f.hintKey && <p className="hint">{t(f.hintKey)}</p>}
              </div>
            );
          })}
          {renderExtra?.(values, setValues)}
          {formError && (
            <p className="form-error" role="alert" data-testid={`${kind}-error`}>
              {formError}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" className="button subtle" onClick={() => { setOpen(false); setFormError(null); setValues(initial()); }}>
              {t("common.cancel")}
            </button>
            <button type="submit" className="button primary" disabled={busy} data-testid={`${kind}-submit`}>
              {busy ? t("common.creating") : t("common.create")}
            </button>
          </div>
        </form>
      )}

      {error && <ErrorBox message={error} onRetry={refresh} />}
      <div className="table-wrap">
        <table className="table" data-testid={`${kind}-table`}>
          <thead>
            <tr>
              <th scope="col">{t("common.id")}</th>
              {columns.map((c) => (
                <th scope="col" key={c.key}>{t(c.labelKey)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items?.map((r) => (
              <tr key={r.id} data-testid={`${kind}-row-${r.id}`}>
                <td className="muted">{r.id}</td>
                {columns.map((c) => (
                  <td key={c.key}>{c.render ? c.render(r, lang, accountItems) : String(r[c.key] ?? "")}</td>
                ))}
              </tr>
            ))}
            {items && items.length === 0 && (
              <tr>
                <td colSpan={columns.length + 1} className="empty">{t("common.empty")}</td>
              </tr>
            )}
            {!items && !error && (
              <tr>
                <td colSpan={columns.length + 1} className="empty">{t("common.loading")}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

const accountName = (r: Resource, accounts: Resource[]) => {
  const id = r.account_id;
  return accounts.find((a) => a.id === id)?.name ?? (id !== undefined && id !== null ? `#${String(id)}` : "");
};

export function TagsPage() {
  return (
    <ResourcePage
      kind="tags"
      titleKey="res.tags"
      newKey="res.tags.new"
      columns={[{ key: "name", labelKey: "res.field.name" }]}
      fields={[{ name: "name", labelKey: "res.field.name", type: "text", required: true, maxLength: 100 }]}
      initial={() => ({ name: "" })}
    />
  );
}

// A LINE message object in LINE's own shape (type, originalContentUrl, previewImageUrl, …).
interface MessageValue {
  type: string;
  text?: string;
  originalContentUrl?: string;
  previewImageUrl?: string;
  [key: string]: unknown;
}

/** The messages of a saved auto-send message: the same form as a Send Message step, derived
 * from the one message model (the catalog's schema), with the phone-style preview. */
function MessagesEditor({ values, set }: { values: Values; set: (v: Values) => void }) {
  const [schema, setSchema] = useState<JSONSchema | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    get<Catalog>("/api/catalog", ctrl.signal)
      .then((c) => setSchema(c.node_types.find((n) => n.type === "action.send_message")?.schema ?? null))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);
  const fields = useMemo(() => (schema ? deriveFields(schema).filter((f) => f.name === "messages") : []), [schema]);
  if (!schema) return null;
  return (
    <div data-testid="auto-messages-messages">
      <SchemaForm fields={fields} value={{ messages: values.messages }} lookups={{}} issuesByPath={{}} lineNames
        onChange={(next) => set({ ...values, messages: next.messages ?? [] })} />
      <MessagePreview messages={values.messages} testid="auto-messages-preview" />
    </div>
  );
}

/** The body sent for a message: empty optional fields left out (LINE refuses empty strings). */
function cleanMessage(m: MessageValue): MessageValue {
  const out: MessageValue = { type: m.type };
  for (const [k, v] of Object.entries(m)) if (v !== "" && v !== undefined && v !== null) out[k] = v;
  return out;
}

export function AutoMessagesPage() {
  return (
    <ResourcePage
      kind="auto-messages"
      titleKey="res.autoMessages"
      newKey="res.autoMessages.new"
      columns={[
        { key: "name", labelKey: "res.field.name" },
        {
          key: "messages",
          labelKey: "res.field.messages",
          render: (r) => {
            const ms = (r.messages as MessageValue[] | undefined) ?? [];
            const first = ms[0];
            const text = first ? (first.type === "text" ? first.text ?? "" : `[${first.type}]`) : "";
            return (
              <span className="muted">
                {text.length > 60 ? `${text.slice(0, 59)}…` : text}
                {ms.length > 1 ? ` (+${ms.length - 1})` : ""}
              </span>
            );
          },
        },
      ]}
      fields={[{ name: "name", labelKey: "res.field.name", type: "text", required: true, maxLength: 100 }]}
      renderExtra={(values, set) => <MessagesEditor values={values} set={set} />}
      initial={() => ({ name: "", messages: [{ type: "text" }] })}
      toBody={(v) => ({
        name: v.name,
        messages: ((v.messages as MessageValue[]) ?? []).map(cleanMessage),
      })}
    />
  );
}

export function RichMenusPage() {
  const [made, setMade] = useState(0);
  const accounts = useResourceList("accounts", made);
  return (
    <>
    <RichMenuMaker accounts={accounts.items ?? []} onMade={() => setMade((n) => n + 1)} />
    <ResourcePage
      key={made}
      kind="rich-menus"
      titleKey="res.richMenus"
      newKey="res.richMenus.new"
      needsAccounts
      columns={[
        { key: "name", labelKey: "res.field.name" },
        { key: "line_rich_menu_id", labelKey: "res.field.lineRichMenuId" },
        { key: "account_id", labelKey: "res.field.account", render: (r, _l, a) => accountName(r, a) },
      ]}
      fields={[
        { name: "name", labelKey: "res.field.name", type: "text", required: true, maxLength: 100 },
        { name: "line_rich_menu_id", labelKey: "res.field.lineRichMenuId", type: "text", required: true, maxLength: 100 },
        { name: "account_id", labelKey: "res.field.account", type: "account", required: true },
      ]}
      initial={() => ({ name: "", line_rich_menu_id: "", account_id: "" })}
      toBody={(v) => ({ ...v, account_id: v.account_id === "" ? null : v.account_id })}
    />
    </>
  );
}

export function QrCodesPage() {
  return (
    <ResourcePage
      kind="qr-codes"
      titleKey="res.qrCodes"
      newKey="res.qrCodes.new"
      needsAccounts
      columns={[
        { key: "name", labelKey: "res.field.name" },
        { key: "account_id", labelKey: "res.field.account", render: (r, _l, a) => accountName(r, a) },
        { key: "prefill_text", labelKey: "res.field.prefillText" },
        {
          key: "code",
          labelKey: "res.field.url",
          render: (r) => {
            const url = typeof r.url === "string" ? r.url : typeof r.code === "string" ? `/q/${r.code}` : "";
            return url ? (
              <a href={url} target="_blank" rel="noreferrer">
                {url}
              </a>
            ) : (
              ""
            );
          },
        },
      ]}
      fields={[
        { name: "name", labelKey: "res.field.name", type: "text", required: true, maxLength: 100 },
        { name: "account_id", labelKey: "res.field.account", type: "account", required: true },
        { name: "prefill_text", labelKey: "res.field.prefillText", type: "text", maxLength: 300 },
      ]}
      initial={() => ({ name: "", account_id: "", prefill_text: "" })}
      toBody={(v) => ({ ...v, account_id: v.account_id === "" ? null : v.account_id })}
    />
  );
}

export function AccountsPage() {
  return (
    <ResourcePage
      kind="accounts"
      titleKey="res.accounts"
      newKey="res.accounts.new"
      columns={[
        { key: "name", labelKey: "res.field.name" },
        { key: "channel_id", labelKey: "res.field.channelId" },
        {
          key: "webhook",
          labelKey: "res.field.webhookUrl",
          render: (r) => (
            <code className="small">
              {typeof r.webhook_url === "string" ? r.webhook_url : `${window.location.origin}/webhooks/line/${String(r.channel_id ?? "")}`}
            </code>
          ),
        },
      ]}
      fields={[
        { name: "name", labelKey: "res.field.name", type: "text", required: true, maxLength: 100 },
        { name: "channel_id", labelKey: "res.field.channelId", type: "text", required: true, maxLength: 100 },
        { name: "channel_secret", labelKey: "res.field.channelSecret", type: "password", required: true },
        { name: "access_token", labelKey: "res.field.accessToken", type: "password", required: true, hintKey: "res.field.secretsHint" },
      ]}
      initial={() => ({ name: "", channel_id: "", channel_secret: "", access_token: "" })}
    />
  );
}
