// Make a rich menu in Lumo: image upload, size, tap areas with their actions (the form is
// derived from LINE's rich menu object as the API serves it), alias, set as default.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { get, request } from "../api";
import { SchemaForm } from "../editor/SchemaForm";
import { deriveFields, initialConfig, type JSONSchema } from "../editor/schema";
import { useI18n } from "../i18nContext";
import { useToast } from "../toast";
import type { Resource } from "../types";

/** LINE's rich menu sizes (width × height). */
export const RICH_MENU_SIZES: [number, number][] = [[2500, 1686], [2500, 843], [1200, 810], [1200, 405], [800, 540], [800, 270]];

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

export function RichMenuMaker({ accounts, onMade }: { accounts: Resource[]; onMade: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [schema, setSchema] = useState<JSONSchema | null>(null);
  const [menu, setMenu] = useState<Record<string, unknown>>({});
  const [accountId, setAccountId] = useState<string>("");
  const [image, setImage] = useState<{ data: string; url: string } | null>(null);
  const [alias, setAlias] = useState("");
  const [setDefault, setSetDefault] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    get<JSONSchema>("/api/rich-menus/schema", ctrl.signal)
      .then((s) => { setSchema(s); setMenu(initialConfig(s)); })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);
  const fields = useMemo(() => (schema ? deriveFields(schema) : []), [schema]);
  const size = (menu.size ?? { width: 2500, height: 1686 }) as { width: number; height: number };
  const areas = (Array.isArray(menu.areas) ? menu.areas : []) as { bounds?: { x: number; y: number; width: number; height: number } }[];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await request("/api/rich-menus", { method: "POST", body: {
        name: String(menu.name ?? ""), account_id: accountId === "" ? null : Number(accountId), menu,
        image_base64: image?.data ?? null, alias_id: alias || null, set_default: setDefault } });
      toast(t("richMenu.made"), "success");
      if (schema) setMenu(initialConfig(schema));
      setImage(null);
      setAlias("");
      onMade();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!schema) return null;
  return (
    <form className="card rich-menu-maker" onSubmit={(e) => void submit(e)} data-testid="rich-menu-maker">
      <h2>{t("richMenu.make")}</h2>
      <div className="form-row">
        <label htmlFor="rm-account" className="field-label">{t("res.field.account")} <span className="req">*</span></label>
        <select id="rm-account" value={accountId} onChange={(e) => setAccountId(e.target.value)} data-testid="rich-menu-account">
          <option value="">{t("common.select")}</option>
          {accounts.map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor="rm-size" className="field-label">{t("richMenu.size")}</label>
        <select id="rm-size" value={`${size.width}x${size.height}`} data-testid="rich-menu-size"
          onChange={(e) => { const [w, h] = e.target.value.split("x").map(Number); setMenu({ ...menu, size: { width: w, height: h } }); }}>
          {RICH_MENU_SIZES.map(([w, h]) => <option key={`${w}x${h}`} value={`${w}x${h}`}>{w} × {h}</option>)}
          {!RICH_MENU_SIZES.some(([w, h]) => w === size.width && h === size.height) && (
            <option value={`${size.width}x${size.height}`}>{size.width} × {size.height}</option>)}
        </select>
      </div>
      <div className="form-row">
        <label htmlFor="rm-image" className="field-label">{t("richMenu.image")} <span className="req">*</span></label>
        <input id="rm-image" type="file" accept="image/png,image/jpeg" data-testid="rich-menu-image"
          onChange={(e) => { const f = e.target.files?.[0]; if (f) void readBase64(f).then((data) => setImage({ data, url: URL.createObjectURL(f) })); }} />
      </div>
      <div className="rich-menu-canvas" data-testid="rich-menu-canvas"
        style={{ position: "relative", width: 250, height: (250 * size.height) / size.width, background: "#eee", backgroundImage: image ? `url(${image.url})` : undefined, backgroundSize: "100% 100%" }}>
        {areas.map((a, i) => a.bounds ? (
          <div key={i} data-testid="rich-menu-area" style={{ position: "absolute", border: "2px solid #06c755", boxSizing: "border-box",
            left: `${(a.bounds.x / size.width) * 100}%`, top: `${(a.bounds.y / size.height) * 100}%`,
            width: `${(a.bounds.width / size.width) * 100}%`, height: `${(a.bounds.height / size.height) * 100}%` }}>{i + 1}</div>
        ) : null)}
      </div>
      <SchemaForm fields={fields.filter((f) => f.name !== "size")} value={menu} onChange={(next) => setMenu(next)} lookups={{}} issuesByPath={{}} lineNames />
      <div className="form-row">
        <label htmlFor="rm-alias" className="field-label">{t("richMenu.alias")}</label>
        <input id="rm-alias" value={alias} pattern="[a-z0-9_\-]{1,32}" onChange={(e) => setAlias(e.target.value)} data-testid="rich-menu-alias" />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={setDefault} onChange={(e) => setSetDefault(e.target.checked)} data-testid="rich-menu-default" />
        <span>{t("richMenu.setDefault")}</span>
      </label>
      {error && <p className="form-error" role="alert" data-testid="rich-menu-error">{error}</p>}
      <button type="submit" className="button primary" disabled={busy} data-testid="rich-menu-create">{t("richMenu.create")}</button>
    </form>
  );
}
