// Renders the form fields derived from a node type's JSON Schema (see schema.ts).
import { createContext, useContext, useEffect, useId, useState, type ReactNode } from "react";
import { useI18n } from "../i18nContext";
import { issueText, type Issue, type Resource, type ResourceKind } from "../types";
import {
  defaultValue,
  itemDefault,
  objectDefaults,
  switchVariant,
  variantOf,
  type ArrayField,
  type FieldSpec,
  type MapField,
  type ObjectField,
  type UnionField,
} from "./schema";
import type { Lookups } from "./graph";

interface FormCtx {
  lookups: Partial<Lookups>;
  issuesByPath: Record<string, Issue[]>;
  /** LINE message forms: labels and kinds are LINE's own property names and type values. */
  lineNames?: boolean;
}

const Ctx = createContext<FormCtx>({ lookups: {}, issuesByPath: {} });

type Path = (string | number)[];
const pathKey = (p: Path) => p.join("/");
const testId = (p: Path) => `field-${p.join(".")}`;

export function SchemaForm({
  fields,
  value,
  onChange,
  lookups,
  issuesByPath,
  lineNames,
}: {
  fields: FieldSpec[];
  value: Record<string, unknown>;
  onChange: (next: Record<string, unknown>, key: string) => void;
  lookups: Partial<Lookups>;
  issuesByPath: Record<string, Issue[]>;
  /** true: the whole form is LINE message fields; a list: only these top-level fields are
   * (a Question's `messages` among its own fields). */
  lineNames?: boolean | string[];
}) {
  const lineField = (name: string) => (Array.isArray(lineNames) ? lineNames.includes(name) : !!lineNames);
  return (
    <Ctx.Provider value={{ lookups, issuesByPath, lineNames: lineNames === true }}>
      <div className="schema-form" data-testid="node-form">
        {fields.map((f) => (
          <Ctx.Provider key={f.name} value={{ lookups, issuesByPath, lineNames: lineField(f.name) }}>
            <FieldInput
              field={f}
              path={[f.name]}
              value={value[f.name]}
              onChange={(v) => {
                const next = { ...value };
                if (v === undefined) delete next[f.name];
                else next[f.name] = v;
                onChange(next, f.name);
              }}
            />
          </Ctx.Provider>
        ))}
        {fields.length === 0 && <p className="muted small">—</p>}
      </div>
    </Ctx.Provider>
  );
}

interface InputProps<F extends FieldSpec = FieldSpec> {
  field: F;
  path: Path;
  value: unknown;
  onChange: (v: unknown) => void;
  /** Array items: always present, no label of their own unless objects. */
  inArray?: boolean;
  label?: string;
}

function FieldIssues({ path }: { path: Path }) {
  const { issuesByPath, lineNames } = useContext(Ctx);
  const { lang } = useI18n();
  const issues = issuesByPath[pathKey(path)];
  if (!issues?.length) return null;
  // In message forms the issue names LINE's field it is about ("originalContentUrl: …").
  const name = lineNames ? String(path[path.length - 1]) : "";
  const named = (text: string) => (name && !/^\d+$/.test(name) && !text.includes(name) ? `${name}: ${text}` : text);
  return (
    <ul className="field-issues" data-testid={`${testId(path)}-issues`}>
      {issues.map((i, n) => (
        <li key={n} className={i.severity === "warning" ? "issue-warning" : "issue-error"}>
          {named(issueText(i, lang))}
        </li>
      ))}
    </ul>
  );
}

function useHasIssue(path: Path): boolean {
  const { issuesByPath } = useContext(Ctx);
  return !!issuesByPath[pathKey(path)]?.length;
}

/** A field's label: LINE's property name in message forms, else a translated label. */
function useFieldLabel(): (field: FieldSpec) => string {
  const { fieldLabel } = useI18n();
  const { lineNames } = useContext(Ctx);
  return (field) => (lineNames && field.name !== "messages" ? field.name : fieldLabel(field.name, field.title));
}

function Label({ field, htmlFor, text }: { field: FieldSpec; htmlFor?: string; text?: string }) {
  const { t } = useI18n();
  const labelOf = useFieldLabel();
  const label = text ?? labelOf(field);
  return (
    <label htmlFor={htmlFor} className="field-label">
      {label}
      {field.required && (
        <span className="req" title={t("common.required")}>
          {" "}*<span className="visually-hidden"> ({t("common.required")})</span>
        </span>
      )}
    </label>
  );
}

function Row({ field, id, children, path, label, inArray }: { field: FieldSpec; id: string; children: ReactNode; path: Path; label?: string; inArray?: boolean }) {
  return (
    <div className={`form-row field-${field.kind}`}>
      {!inArray && <Label field={field} htmlFor={id} text={label} />}
      {children}
      {!inArray && field.description && (
        <p className="hint" id={`${id}-hint`}>
          {field.description}
        </p>
      )}
      <FieldIssues path={path} />
    </div>
  );
}

export function FieldInput(props: InputProps) {
  const { field } = props;
  switch (field.kind) {
    case "string":
      return <StringInput {...props} />;
    case "number":
    case "integer":
      return <NumberInput {...props} />;
    case "boolean":
      return <BooleanInput {...props} />;
    case "enum":
      return <EnumInput {...props} />;
    case "const":
      return <ConstInput {...props} />;
    case "resource":
      return <ResourceInput {...props} />;
    case "resourceList":
      return <ResourceListInput {...props} />;
    case "array":
      return <ArrayInput {...(props as InputProps<ArrayField>)} />;
    case "object":
      return <ObjectInput {...(props as InputProps<ObjectField>)} />;
    case "union":
      return <UnionInput {...(props as InputProps<UnionField>)} />;
    case "map":
      return <MapInput {...(props as InputProps<MapField>)} />;
    default:
      return <UnknownInput {...props} />;
  }
}

function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, "u").test(value);
  } catch {
    return true;
  }
}

function StringInput({ field, path, value, onChange, inArray, label }: InputProps) {
  const id = useId();
  const { t } = useI18n();
  const invalid = useHasIssue(path);
  if (field.kind !== "string") return null;
  const v = typeof value === "string" ? value : "";
  const mismatch = !!v && !!field.pattern && !matchesPattern(field.pattern, v);
  const placeholder = field.hasDefault && typeof field.default === "string" && field.default ? field.default : undefined;
  const common = {
    id,
    value: v,
    maxLength: field.maxLength,
    placeholder,
    "aria-invalid": invalid || mismatch || undefined,
    "aria-describedby": field.description && !inArray ? `${id}-hint` : undefined,
    "aria-label": inArray ? label : undefined,
    "data-testid": testId(path),
    onChange: (e: { target: { value: string } }) => {
      const next = e.target.value;
      onChange(next === "" && !inArray ? (field.nullable ? null : undefined) : next);
    },
  };
  return (
    <Row field={field} id={id} path={path} inArray={inArray} label={label}>
      {field.multiline ? <textarea rows={3} {...common} /> : <input type={field.format === "uri" ? "url" : "text"} {...common} />}
      {mismatch && (
        <p className="field-issues issue-warning" data-testid={`${testId(path)}-format`}>
          {t("editor.formatMismatch", { pattern: field.pattern ?? "" })}
        </p>
      )}
    </Row>
  );
}

function NumberInput({ field, path, value, onChange, inArray, label }: InputProps) {
  const id = useId();
  const invalid = useHasIssue(path);
  const external = typeof value === "number" ? String(value) : "";
  const [text, setText] = useState(external);
  useEffect(() => {
    setText((cur) => (Number(cur) === Number(external) && cur !== "" && external !== "" ? cur : external));
  }, [external]);
  if (field.kind !== "number" && field.kind !== "integer") return null;
  const placeholder = field.hasDefault && typeof field.default === "number" ? String(field.default) : undefined;
  return (
    <Row field={field} id={id} path={path} inArray={inArray} label={label}>
      <input
        id={id}
        type="number"
        inputMode={field.kind === "integer" ? "numeric" : "decimal"}
        step={field.kind === "integer" ? 1 : "any"}
        min={field.minimum}
        max={field.maximum}
        value={text}
        placeholder={placeholder}
        aria-invalid={invalid || undefined}
        aria-label={inArray ? label : undefined}
        data-testid={testId(path)}
        onChange={(e) => {
          const s = e.target.value;
          setText(s);
          if (s.trim() === "") {
            onChange(field.nullable ? null : undefined);
            return;
          }
          const n = Number(s);
          if (Number.isFinite(n)) onChange(field.kind === "integer" ? Math.trunc(n) : n);
        }}
      />
    </Row>
  );
}

function BooleanInput({ field, path, value, onChange }: InputProps) {
  const id = useId();
  const labelOf = useFieldLabel();
  const checked = typeof value === "boolean" ? value : field.default === true;
  return (
    <div className="form-row field-boolean">
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} data-testid={testId(path)} onChange={(e) => onChange(e.target.checked)} />
        <span>{labelOf(field)}</span>
      </label>
      {field.description && <p className="hint">{field.description}</p>}
      <FieldIssues path={path} />
    </div>
  );
}

function EnumInput({ field, path, value, onChange, inArray, label }: InputProps) {
  const id = useId();
  const { enumLabel, t } = useI18n();
  const invalid = useHasIssue(path);
  if (field.kind !== "enum") return null;
  const current = value ?? (field.hasDefault ? field.default : undefined);
  const index = field.options.findIndex((o) => o === current);
  const allowEmpty = field.nullable || (!field.required && !field.hasDefault) || index < 0;
  return (
    <Row field={field} id={id} path={path} inArray={inArray} label={label}>
      <select
        id={id}
        value={index < 0 ? "" : String(index)}
        aria-invalid={invalid || undefined}
        aria-label={inArray ? label : undefined}
        data-testid={testId(path)}
        onChange={(e) => onChange(e.target.value === "" ? (field.nullable ? null : undefined) : field.options[Number(e.target.value)])}
      >
        {allowEmpty && <option value="">{field.required ? t("common.select") : t("common.none")}</option>}
        {field.options.map((o, i) => (
          <option key={String(o)} value={String(i)}>
            {enumLabel(o)}
          </option>
        ))}
      </select>
    </Row>
  );
}

function ConstInput({ field, path, value }: InputProps) {
  const { enumLabel } = useI18n();
  const id = useId();
  if (field.kind !== "const") return null;
  return (
    <Row field={field} id={id} path={path}>
      <output id={id} className="const-value" data-testid={testId(path)}>
        {enumLabel(value ?? field.value)}
      </output>
    </Row>
  );
}

function resourceItems(lookups: Partial<Lookups>, kind: ResourceKind): Resource[] {
  return lookups[kind] ?? [];
}

function ResourceInput({ field, path, value, onChange, inArray, label }: InputProps) {
  const id = useId();
  const { t } = useI18n();
  const { lookups } = useContext(Ctx);
  const invalid = useHasIssue(path);
  if (field.kind !== "resource") return null;
  const items = resourceItems(lookups, field.resource);
  const missing = value !== null && value !== undefined && !items.some((r) => r.id === value);
  return (
    <Row field={field} id={id} path={path} inArray={inArray} label={label}>
      <select
        id={id}
        value={value === null || value === undefined ? "" : String(value)}
        aria-invalid={invalid || undefined}
        aria-label={inArray ? label : undefined}
        data-testid={testId(path)}
        data-resource={field.resource}
        onChange={(e) => onChange(e.target.value === "" ? (field.nullable ? null : undefined) : Number(e.target.value))}
      >
        <option value="">{field.required ? t("common.select") : t("common.none")}</option>
        {items.map((r) => (
          <option key={r.id} value={String(r.id)}>
            {r.name}
          </option>
        ))}
        {missing && <option value={String(value)}>#{String(value)} ?</option>}
      </select>
    </Row>
  );
}

function ResourceListInput({ field, path, value, onChange }: InputProps) {
  const { lookups } = useContext(Ctx);
  const { t } = useI18n();
  const labelOf = useFieldLabel();
  if (field.kind !== "resourceList") return null;
  const items = resourceItems(lookups, field.resource);
  const selected = Array.isArray(value) ? (value as unknown[]) : [];
  const toggle = (id: number, on: boolean) => {
    const next = on ? [...selected.filter((x) => x !== id), id] : selected.filter((x) => x !== id);
    onChange(next);
  };
  const unknown = selected.filter((x) => !items.some((r) => r.id === x));
  return (
    <fieldset className="fieldset form-row" data-testid={testId(path)}>
      <legend className="field-label">
        {labelOf(field)}
        {field.required && <span className="req"> *</span>}
      </legend>
      {items.length === 0 && field.resource === "accounts" && <p className="hint">{t("editor.noAccounts")}</p>}
      {items.map((r) => (
        <label className="checkbox" key={r.id}>
          <input
            type="checkbox"
            checked={selected.includes(r.id)}
            onChange={(e) => toggle(r.id, e.target.checked)}
            data-testid={`${testId(path)}-${r.id}`}
          />
          <span>{r.name}</span>
        </label>
      ))}
      {unknown.map((x) => (
        <label className="checkbox" key={String(x)}>
          <input type="checkbox" checked onChange={() => onChange(selected.filter((y) => y !== x))} />
          <span className="muted">#{String(x)} ?</span>
        </label>
      ))}
      {field.description && <p className="hint">{field.description}</p>}
      <FieldIssues path={path} />
    </fieldset>
  );
}

function ArrayInput({ field, path, value, onChange }: InputProps<ArrayField>) {
  const { t } = useI18n();
  const labelOf = useFieldLabel();
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const isComplex = ["object", "union", "array", "map"].includes(field.item.kind);
  const canAdd = field.maxItems === undefined || items.length < field.maxItems;
  const canRemove = items.length > (field.minItems ?? 0);
  const set = (next: unknown[]) => onChange(next);
  const name = labelOf(field);
  return (
    <fieldset className="fieldset form-row" data-testid={testId(path)}>
      <legend className="field-label">
        {name}
        {field.required && <span className="req"> *</span>}
        {field.maxItems !== undefined && (
          <span className="muted small">
            {" "}
            ({items.length}/{field.maxItems})
          </span>
        )}
      </legend>
      {field.description && <p className="hint">{field.description}</p>}
      {items.map((item, i) => {
        const itemLabel = `${name} ${i + 1}`;
        const controls = (
          <div className="array-controls">
            <button type="button" className="icon-button" aria-label={`${t("editor.moveUp")}: ${itemLabel}`} disabled={i === 0}
              onClick={() => { const n = items.slice(); [n[i - 1], n[i]] = [n[i], n[i - 1]]; set(n); }}>↑</button>
            <button type="button" className="icon-button" aria-label={`${t("editor.moveDown")}: ${itemLabel}`} disabled={i === items.length - 1}
              onClick={() => { const n = items.slice(); [n[i + 1], n[i]] = [n[i], n[i + 1]]; set(n); }}>↓</button>
            <button type="button" className="icon-button danger" aria-label={`${t("editor.removeItem")}: ${itemLabel}`} disabled={!canRemove}
              onClick={() => set(items.filter((_, j) => j !== i))} data-testid={`${testId([...path, i])}-remove`}>×</button>
          </div>
        );
        return isComplex ? (
          <div className="array-item" key={i} data-testid={`${testId([...path, i])}-item`}>
            <div className="array-item-head">
              <span className="item-title">{t("editor.item", { n: i + 1 })}</span>
              {controls}
            </div>
            <FieldInput field={field.item} path={[...path, i]} value={item} inArray label={itemLabel}
              onChange={(v) => set(items.map((x, j) => (j === i ? v : x)))} />
          </div>
        ) : (
          <div className="array-item inline" key={i}>
            <FieldInput field={field.item} path={[...path, i]} value={item} inArray label={itemLabel}
              onChange={(v) => set(items.map((x, j) => (j === i ? v : x)))} />
            {controls}
          </div>
        );
      })}
      <button type="button" className="button subtle small" disabled={!canAdd}
        onClick={() => set([...items, itemDefault(field.item)])} data-testid={`${testId(path)}-add`}>
        + {t("editor.addItem")}
      </button>
      <FieldIssues path={path} />
    </fieldset>
  );
}

function ObjectFields({ fields, path, value, onChange }: { fields: FieldSpec[]; path: Path; value: unknown; onChange: (v: unknown) => void }) {
  const obj = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <>
      {fields.map((f) => (
        <FieldInput key={f.name} field={f} path={[...path, f.name]} value={obj[f.name]}
          onChange={(v) => {
            const next = { ...obj };
            if (v === undefined) delete next[f.name];
            else next[f.name] = v;
            onChange(next);
          }} />
      ))}
    </>
  );
}

function ObjectInput({ field, path, value, onChange, inArray }: InputProps<ObjectField>) {
  const { t } = useI18n();
  const labelOf = useFieldLabel();
  const isSet = value !== null && value !== undefined;
  const body = <ObjectFields fields={field.fields} path={path} value={value} onChange={onChange} />;
  if (inArray) return <div className="object-fields">{body}<FieldIssues path={path} /></div>;
  return (
    <fieldset className="fieldset form-row" data-testid={testId(path)}>
      <legend className="field-label">
        {labelOf(field)}
        {field.required && <span className="req"> *</span>}
      </legend>
      {field.description && <p className="hint">{field.description}</p>}
      {isSet || !field.nullable ? body : null}
      {field.nullable && !field.required && (
        isSet ? (
          <button type="button" className="button subtle small" onClick={() => onChange(null)} data-testid={`${testId(path)}-clear`}>
            {t("editor.clearValue")}
          </button>
        ) : (
          <button type="button" className="button subtle small" onClick={() => onChange(objectDefaults(field.fields))} data-testid={`${testId(path)}-set`}>
            + {t("editor.setValue")}
          </button>
        )
      )}
      <FieldIssues path={path} />
    </fieldset>
  );
}

function UnionInput({ field, path, value, onChange, inArray, label }: InputProps<UnionField>) {
  const id = useId();
  const { lineNames } = useContext(Ctx);
  const { t, enumLabel } = useI18n();
  const labelOf = useFieldLabel();
  const isSet = value !== null && value !== undefined;
  const variant = variantOf(field, value);
  const select = (
    <div className="form-row">
      <label htmlFor={id} className="field-label">{lineNames ? field.discriminator : t("editor.kind")}</label>
      <select id={id} value={isSet ? variant?.value ?? "" : ""} data-testid={`${testId(path)}-kind`}
        aria-label={inArray ? `${label ?? ""} ${t("editor.kind")}` : undefined}
        onChange={(e) => onChange(e.target.value === "" ? null : switchVariant(field, value, e.target.value))}>
        {!isSet && <option value="">{t("common.select")}</option>}
        {field.variants.map((v) => (
          <option key={v.value} value={v.value}>{lineNames ? `${v.value} — ${v.title}` : enumLabel(v.value) !== v.value ? enumLabel(v.value) : v.title}</option>
        ))}
      </select>
    </div>
  );
  const body = isSet && variant ? <ObjectFields fields={variant.fields} path={path} value={value} onChange={onChange} /> : null;
  if (inArray) return <div className="union-fields">{select}{body}<FieldIssues path={path} /></div>;
  return (
    <fieldset className="fieldset form-row" data-testid={testId(path)}>
      <legend className="field-label">{labelOf(field)}{field.required && <span className="req"> *</span>}</legend>
      {field.description && <p className="hint">{field.description}</p>}
      {select}
      {body}
      <FieldIssues path={path} />
    </fieldset>
  );
}

function MapInput({ field, path, value, onChange }: InputProps<MapField>) {
  const { t } = useI18n();
  const labelOf = useFieldLabel();
  const obj = value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const entries = Object.entries(obj);
  const canAdd = field.maxProperties === undefined || entries.length < field.maxProperties;
  const rebuild = (list: [string, unknown][]) => onChange(Object.fromEntries(list));
  return (
    <fieldset className="fieldset form-row" data-testid={testId(path)}>
      <legend className="field-label">{labelOf(field)}</legend>
      {field.description && <p className="hint">{field.description}</p>}
      {entries.map(([k, v], i) => (
        <div className="array-item inline map-row" key={i}>
          <input aria-label={`${t("editor.key")} ${i + 1}`} value={k} placeholder={t("editor.key")} data-testid={`${testId(path)}-key-${i}`}
            onChange={(e) => rebuild(entries.map((en, j) => (j === i ? [e.target.value, en[1]] : en)))} />
          <FieldInput field={field.value} path={[...path, k]} value={v} inArray label={`${t("editor.value")} ${i + 1}`}
            onChange={(nv) => rebuild(entries.map((en, j) => (j === i ? [en[0], nv] : en)))} />
          <button type="button" className="icon-button danger" aria-label={`${t("editor.removeItem")} ${k}`}
            onClick={() => rebuild(entries.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <button type="button" className="button subtle small" disabled={!canAdd} data-testid={`${testId(path)}-add`}
        onClick={() => {
          let n = entries.length + 1;
          while (`key_${n}` in obj) n++;
          rebuild([...entries, [`key_${n}`, defaultValue({ ...field.value, required: true }) ?? ""]]);
        }}>
        + {t("editor.addItem")}
      </button>
      <FieldIssues path={path} />
    </fieldset>
  );
}

function UnknownInput({ field, path, value, onChange }: InputProps) {
  const id = useId();
  const [text, setText] = useState(() => (value === undefined ? "" : JSON.stringify(value, null, 2)));
  const [bad, setBad] = useState(false);
  return (
    <Row field={field} id={id} path={path}>
      <textarea id={id} rows={3} className="mono" value={text} aria-invalid={bad || undefined} data-testid={testId(path)}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          try { if (next.trim()) { onChange(JSON.parse(next)); setBad(false); } } catch { /* checked on blur */ }
        }}
        onBlur={() => {
          if (text.trim() === "") { setBad(false); onChange(undefined); return; }
          try { onChange(JSON.parse(text)); setBad(false); } catch { setBad(true); }
        }} />
    </Row>
  );
}
