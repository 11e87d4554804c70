// Make a rich menu in Lumo: image upload, size, tap areas with their actions (the form is
// derived from LINE's rich menu object as the API serves it; areas can also be drawn, moved and
// resized on the image), alias, set as default. The API's 422s show under the field they name.
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { ApiError, get, request } from "../api";
import { SchemaForm } from "../editor/SchemaForm";
import { deriveFields, initialConfig, itemDefault, type ArrayField, type JSONSchema } from "../editor/schema";
import { useI18n } from "../i18nContext";
import { fieldErrorsFromBody } from "../lib/errors";
import { AreaCanvas } from "../richmenu/AreaCanvas";
import type { Bounds } from "../richmenu/areas";
import { useToast } from "../toast";
import type { Issue, Resource } from "../types";

// Fields of the request outside the menu's own form, each shown with its errors under it.
const PAGE_FIELDS = ["account_id", "menu/size", "image_base64", "alias_id", "set_default"] as const;

function FieldErrors({ errors, testid }: { errors?: string[]; testid: string }) {
  if (!errors?.length) return null;
  return (
    <ul className="field-issues" data-testid={testid}>
      {errors.map((m, i) => <li key={i} className="issue-error">{m}</li>)}
    </ul>
  );
}

/** LINE's rich menu sizes (width × height), when the schema lists none. */
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
  // The last 422's messages by field path ("menu/areas/0/bounds/x", "alias_id").
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    get<JSONSchema>("/api/rich-menus/schema", ctrl.signal)
      .then((s) => { setSchema(s); setMenu(initialConfig(s)); })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);
  const fields = useMemo(() => (schema ? deriveFields(schema) : []), [schema]);
  // The sizes offered are the ones the API's schema lists (LINE's templates).
  const sizes = useMemo(() => {
    const listed = ((schema?.properties as Record<string, { examples?: unknown }> | undefined)?.size?.examples ?? []) as { width?: number; height?: number }[];
    const ok = listed.filter((s) => typeof s?.width === "number" && typeof s?.height === "number").map((s) => [s.width!, s.height!] as [number, number]);
    return ok.length ? ok : RICH_MENU_SIZES;
  }, [schema]);
  const size = (menu.size ?? { width: 2500, height: 1686 }) as { width: number; height: number };
  const areas = (Array.isArray(menu.areas) ? menu.areas : []) as { bounds?: Bounds }[];
  const areaField = fields.find((f) => f.name === "areas") as ArrayField | undefined;
  const newArea = (bounds: Bounds) => ({ ...((areaField ? itemDefault(areaField.item) : null) as Record<string, unknown> | null ?? {}), bounds });

  // Where an error path shows in the menu's own form (the request's `name` is the menu's name).
  const menuPath = (path: string): string | null => {
    const inMenu = path === "name" ? "name" : path.startsWith("menu/") && !path.startsWith("menu/size") ? path.slice(5) : null;
    return inMenu && fields.some((f) => f.name === inMenu.split("/")[0]) ? inMenu : null;
  };
  const placed = (path: string) => menuPath(path) !== null || PAGE_FIELDS.some((f) => path === f || path.startsWith(`${f}/`));
  const formIssues: Record<string, Issue[]> = {};
  for (const [path, msgs] of Object.entries(fieldErrors)) {
    const at = menuPath(path);
    if (at) (formIssues[at] ??= []).push(...msgs.map((message) => ({ code: "invalid", message, node_id: null, field: null, severity: "error" as const })));
  }
  const pageErrors = (key: (typeof PAGE_FIELDS)[number]) =>
    Object.entries(fieldErrors).filter(([p]) => p === key || p.startsWith(`${key}/`)).flatMap(([, m]) => m);
  // A field the user changes drops its old errors.
  const clearErrors = (prefix: string) =>
    setFieldErrors((all) => Object.fromEntries(Object.entries(all).filter(([p]) => p !== prefix && !p.startsWith(`${prefix}/`))));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
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
      const body = err instanceof ApiError && err.status === 422 ? err.body : null;
      const { byPath, rest } = fieldErrorsFromBody(body);
      setFieldErrors(byPath);
      // Whatever names no field on the page (or is not a 422) stays at the bottom.
      const unplaced = Object.entries(byPath).filter(([p]) => !placed(p)).map(([p, m]) => `${p.replace(/\//g, ".")}: ${m.join("; ")}`);
      setError(body ? ([...rest, ...unplaced].join(" · ") || null) : (err as Error).message);
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
        <select id="rm-account" value={accountId} onChange={(e) => { setAccountId(e.target.value); clearErrors("account_id"); }} data-testid="rich-menu-account">
          <option value="">{t("common.select")}</option>
          {accounts.map((a) => <option key={a.id} value={String(a.id)}>{a.name}</option>)}
        </select>
        <FieldErrors errors={pageErrors("account_id")} testid="rich-menu-account-issues" />
      </div>
      <div className="form-row">
        <label htmlFor="rm-size" className="field-label">{t("richMenu.size")}</label>
        <select id="rm-size" value={`${size.width}x${size.height}`} data-testid="rich-menu-size"
          onChange={(e) => { const [w, h] = e.target.value.split("x").map(Number); setMenu({ ...menu, size: { width: w, height: h } }); clearErrors("menu/size"); }}>
          {sizes.map(([w, h]) => <option key={`${w}x${h}`} value={`${w}x${h}`}>{w} × {h}</option>)}
          {!sizes.some(([w, h]) => w === size.width && h === size.height) && (
            <option value={`${size.width}x${size.height}`}>{size.width} × {size.height}</option>)}
        </select>
        <FieldErrors errors={pageErrors("menu/size")} testid="rich-menu-size-issues" />
      </div>
      <div className="form-row">
        <label htmlFor="rm-image" className="field-label">{t("richMenu.image")} <span className="req">*</span></label>
        <input id="rm-image" type="file" accept="image/png,image/jpeg" data-testid="rich-menu-image"
          onChange={(e) => { const f = e.target.files?.[0]; clearErrors("image_base64"); if (f) void readBase64(f).then((data) => setImage({ data, url: URL.createObjectURL(f) })); }} />
        <FieldErrors errors={pageErrors("image_base64")} testid="rich-menu-image-issues" />
      </div>
      <p className="hint">{t("richMenu.drawHint")}</p>
      <AreaCanvas size={size} areas={areas} imageUrl={image?.url} newArea={newArea}
        onChange={(next) => { setMenu((m) => ({ ...m, areas: next })); clearErrors("menu/areas"); }} />
      <SchemaForm fields={fields.filter((f) => f.name !== "size")} value={menu}
        onChange={(next, key) => { setMenu(next); clearErrors(`menu/${key}`); if (key === "name") clearErrors("name"); }}
        lookups={{}} issuesByPath={formIssues} lineNames />
      <div className="form-row">
        <label htmlFor="rm-alias" className="field-label">{t("richMenu.alias")}</label>
        <input id="rm-alias" value={alias} pattern="[a-z0-9_\-]{1,32}" onChange={(e) => { setAlias(e.target.value); clearErrors("alias_id"); }} data-testid="rich-menu-alias" />
        <FieldErrors errors={pageErrors("alias_id")} testid="rich-menu-alias-issues" />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={setDefault} onChange={(e) => setSetDefault(e.target.checked)} data-testid="rich-menu-default" />
        <span>{t("richMenu.setDefault")}</span>
      </label>
      <FieldErrors errors={pageErrors("set_default")} testid="rich-menu-default-issues" />
      {error && <p className="form-error" role="alert" data-testid="rich-menu-error">{error}</p>}
      <button type="submit" className="button primary" disabled={busy} data-testid="rich-menu-create">{t("richMenu.create")}</button>
    </form>
  );
}
