// Derive form fields from a node type's JSON Schema (pydantic v2 output): pure functions.
//
// Supported: string / number / integer / boolean, enum (-> select), const (read-only),
// arrays of anything (add/remove), nested objects, maps (additionalProperties), nullable values
// (anyOf [..., null] or type [..., "null"]), $ref / $defs resolution, allOf with one member,
// oneOf / anyOf of objects discriminated by a const property (-> "kind" select), and integer id
// fields that point at account resources (tag_id, auto_message_id, rich_menu_id, qr_code_id,
// account_id, account_ids) -> select / checkbox list.

import type { ResourceKind } from "../types";

export type JSONSchema = Record<string, unknown>;

interface Base {
  name: string;
  title?: string;
  description?: string;
  required: boolean;
  nullable: boolean;
  hasDefault: boolean;
  default?: unknown;
}

export interface StringField extends Base {
  kind: "string";
  multiline: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}
export interface NumberField extends Base {
  kind: "number" | "integer";
  minimum?: number;
  maximum?: number;
}
export interface BooleanField extends Base {
  kind: "boolean";
}
export interface EnumField extends Base {
  kind: "enum";
  options: (string | number)[];
}
export interface ConstField extends Base {
  kind: "const";
  value: unknown;
}
export interface ResourceField extends Base {
  kind: "resource";
  resource: ResourceKind;
}
export interface ResourceListField extends Base {
  kind: "resourceList";
  resource: ResourceKind;
  maxItems?: number;
}
export interface ArrayField extends Base {
  kind: "array";
  item: FieldSpec;
  minItems?: number;
  maxItems?: number;
}
export interface ObjectField extends Base {
  kind: "object";
  fields: FieldSpec[];
}
export interface UnionVariant {
  value: string;
  title: string;
  fields: FieldSpec[]; // without the discriminator field
}
export interface UnionField extends Base {
  kind: "union";
  discriminator: string;
  variants: UnionVariant[];
}
export interface MapField extends Base {
  kind: "map";
  value: FieldSpec;
  maxProperties?: number;
}
export interface UnknownField extends Base {
  kind: "unknown";
  schema: JSONSchema;
}

export type FieldSpec =
  | StringField
  | NumberField
  | BooleanField
  | EnumField
  | ConstField
  | ResourceField
  | ResourceListField
  | ArrayField
  | ObjectField
  | UnionField
  | MapField
  | UnknownField;

/** Property names whose integer values are ids of an account resource. */
export const RESOURCE_FIELDS: Record<string, ResourceKind> = {
  tag_id: "tags",
  tag_ids: "tags",
  auto_message_id: "auto-messages",
  auto_message_ids: "auto-messages",
  rich_menu_id: "rich-menus",
  rich_menu_ids: "rich-menus",
  qr_code_id: "qr-codes",
  qr_code_ids: "qr-codes",
  account_id: "accounts",
  account_ids: "accounts",
};

const MAX_DEPTH = 12;
const MULTILINE_MIN_LENGTH = 1000;

const isObj = (v: unknown): v is JSONSchema => !!v && typeof v === "object" && !Array.isArray(v);

/** Resolve a local JSON pointer reference ("#/$defs/X", "#/definitions/X", "#/a/b"). */
export function resolvePointer(root: JSONSchema, ref: string): JSONSchema | undefined {
  if (!ref.startsWith("#")) return undefined;
  const parts = ref
    .slice(1)
    .split("/")
    .filter((p) => p !== "")
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  let cur: unknown = root;
  for (const p of parts) {
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return isObj(cur) ? cur : undefined;
}

/** Follow $ref chains and single-member allOf; sibling keys (title, description, default) win. */
export function resolveSchema(schema: JSONSchema, root: JSONSchema, depth = 0): JSONSchema {
  if (depth > MAX_DEPTH) return schema;
  let s = schema;
  if (typeof s.$ref === "string") {
    const target = resolvePointer(root, s.$ref);
    if (target) {
      const { $ref: _ignored, ...siblings } = s;
      void _ignored;
      s = { ...resolveSchema(target, root, depth + 1), ...siblings };
    }
  }
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && isObj(s.allOf[0])) {
    const { allOf, ...rest } = s;
    s = { ...resolveSchema(allOf[0] as JSONSchema, root, depth + 1), ...rest };
  }
  return s;
}

function isNullSchema(s: JSONSchema): boolean {
  return s.type === "null" || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === "null");
}

/** The discriminator property of a set of object variants, if any. */
function findDiscriminator(variants: JSONSchema[], hint?: string): string | null {
  const constOf = (v: JSONSchema, prop: string): unknown => {
    const props = isObj(v.properties) ? v.properties : {};
    const p = isObj(props[prop]) ? (props[prop] as JSONSchema) : undefined;
    if (!p) return undefined;
    if (p.const !== undefined) return p.const;
    if (Array.isArray(p.enum) && p.enum.length === 1) return p.enum[0];
    return undefined;
  };
  const candidates = hint ? [hint] : Object.keys(isObj(variants[0]?.properties) ? (variants[0].properties as JSONSchema) : {});
  for (const prop of candidates) {
    const values = variants.map((v) => constOf(v, prop));
    if (values.every((x) => typeof x === "string") && new Set(values).size === values.length) return prop;
  }
  return null;
}

function baseOf(name: string, s: JSONSchema, required: boolean, nullable: boolean): Base {
  const b: Base = {
    name,
    required,
    nullable,
    hasDefault: Object.prototype.hasOwnProperty.call(s, "default"),
  };
  if (typeof s.title === "string") b.title = s.title;
  if (typeof s.description === "string") b.description = s.description;
  if (b.hasDefault) b.default = s.default;
  return b;
}

/** Derive the form fields of an object schema's properties, in declaration order. */
export function deriveFields(schema: JSONSchema, root: JSONSchema = schema, depth = 0): FieldSpec[] {
  const s = resolveSchema(schema, root, depth);
  const props = isObj(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  return Object.entries(props)
    .filter(([, v]) => isObj(v))
    .map(([name, v]) => deriveField(name, v as JSONSchema, required.has(name), root, depth + 1));
}

/** Derive one field from a property schema. */
export function deriveField(
  name: string,
  schema: JSONSchema,
  required: boolean,
  root: JSONSchema,
  depth = 0,
): FieldSpec {
  if (depth > MAX_DEPTH) return { ...baseOf(name, schema, required, false), kind: "unknown", schema };
  let s = resolveSchema(schema, root, depth);
  let nullable = false;

  // anyOf / oneOf: strip null, unwrap a single remaining member, or build a union.
  const alternatives = (Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null) as
    | JSONSchema[]
    | null;
  if (alternatives) {
    const resolved = alternatives.filter(isObj).map((a) => resolveSchema(a, root, depth + 1));
    const nonNull = resolved.filter((a) => !isNullSchema(a));
    nullable = nonNull.length < resolved.length;
    const { anyOf: _a, oneOf: _o, discriminator, ...outer } = s;
    void _a;
    void _o;
    if (nonNull.length === 1) {
      s = { ...nonNull[0], ...outer };
    } else if (nonNull.length > 1) {
      const hint = isObj(discriminator) && typeof discriminator.propertyName === "string"
        ? discriminator.propertyName
        : undefined;
      const allObjects = nonNull.every((a) => a.type === "object" || isObj(a.properties));
      const disc = allObjects ? findDiscriminator(nonNull, hint) : null;
      if (disc) {
        const variants: UnionVariant[] = nonNull.map((v) => {
          const p = (v.properties as JSONSchema)[disc] as JSONSchema;
          const value = String(p.const !== undefined ? p.const : (p.enum as unknown[])[0]);
          return {
            value,
            title: typeof v.title === "string" ? v.title : value,
            fields: deriveFields(v, root, depth + 1).filter((f) => f.name !== disc),
          };
        });
        return { ...baseOf(name, outer, required, nullable), kind: "union", discriminator: disc, variants };
      }
      // Not a discriminated union: fall back to the first alternative.
      s = { ...nonNull[0], ...outer };
    }
  }

  let type = s.type;
  if (Array.isArray(type)) {
    const nonNullTypes = type.filter((t) => t !== "null");
    if (nonNullTypes.length < type.length) nullable = true;
    type = nonNullTypes[0];
  }
  const base = baseOf(name, s, required, nullable);

  if (s.const !== undefined) return { ...base, kind: "const", value: s.const };
  if (Array.isArray(s.enum)) {
    const options = (s.enum as unknown[]).filter((o) => o !== null) as (string | number)[];
    if (options.length < (s.enum as unknown[]).length) base.nullable = true;
    return { ...base, kind: "enum", options };
  }
  if (!type && isObj(s.properties)) type = "object";
  if (!type && isObj(s.items)) type = "array";

  switch (type) {
    case "string":
      return {
        ...base,
        kind: "string",
        multiline:
          s.format === "textarea" ||
          (typeof s.maxLength === "number" && s.maxLength >= MULTILINE_MIN_LENGTH && !s.format && !s.pattern),
        ...(typeof s.minLength === "number" ? { minLength: s.minLength } : {}),
        ...(typeof s.maxLength === "number" ? { maxLength: s.maxLength } : {}),
        ...(typeof s.pattern === "string" ? { pattern: s.pattern } : {}),
        ...(typeof s.format === "string" ? { format: s.format } : {}),
      };
    case "integer":
    case "number": {
      if (type === "integer" && RESOURCE_FIELDS[name]) {
        return { ...base, kind: "resource", resource: RESOURCE_FIELDS[name] };
      }
      const min = typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum : undefined;
      const max = typeof s.maximum === "number" ? s.maximum : typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum : undefined;
      return {
        ...base,
        kind: type,
        ...(min !== undefined ? { minimum: min } : {}),
        ...(max !== undefined ? { maximum: max } : {}),
      };
    }
    case "boolean":
      return { ...base, kind: "boolean" };
    case "array": {
      const itemSchema = isObj(s.items) ? (s.items as JSONSchema) : {};
      const item = deriveField(name, itemSchema, true, root, depth + 1);
      const maxItems = typeof s.maxItems === "number" ? s.maxItems : undefined;
      if (item.kind === "resource") {
        return { ...base, kind: "resourceList", resource: item.resource, ...(maxItems !== undefined ? { maxItems } : {}) };
      }
      return {
        ...base,
        kind: "array",
        item,
        ...(typeof s.minItems === "number" ? { minItems: s.minItems } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
      };
    }
    case "object": {
      // A free-form object (a Flex container: `dict[str, Any]`) is edited as JSON.
      if (!isObj(s.properties) && (s.additionalProperties === true || s.format === "flex")) {
        return { ...base, kind: "unknown", schema: s };
      }
      if (isObj(s.properties) && Object.keys(s.properties).length > 0) {
        return { ...base, kind: "object", fields: deriveFields(s, root, depth + 1) };
      }
      if (isObj(s.additionalProperties)) {
        return {
          ...base,
          kind: "map",
          value: deriveField("value", s.additionalProperties as JSONSchema, true, root, depth + 1),
          ...(typeof s.maxProperties === "number" ? { maxProperties: s.maxProperties } : {}),
        };
      }
      return { ...base, kind: "object", fields: [] };
    }
    default:
      return { ...base, kind: "unknown", schema: s };
  }
}

const clone = <T,>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * The value a new instance of a field starts with (a new array item, a new node's config,
 * a union variant switched to). `undefined` means "leave the key out".
 */
export function defaultValue(field: FieldSpec): unknown {
  if (field.hasDefault && field.default !== null) return clone(field.default);
  switch (field.kind) {
    case "const":
      return clone(field.value);
    case "object":
      return field.required || !field.nullable ? objectDefaults(field.fields) : undefined;
    case "union": {
      const v = field.variants[0];
      return v ? { [field.discriminator]: v.value, ...objectDefaults(v.fields) } : undefined;
    }
    case "array": {
      if (!field.required) return undefined;
      const n = field.minItems ?? 0;
      return Array.from({ length: n }, () => itemDefault(field.item));
    }
    case "resourceList":
      return field.required ? [] : undefined;
    case "map":
      return field.required ? {} : undefined;
    case "boolean":
      return field.required ? false : undefined;
    case "enum":
      return field.required ? field.options[0] : undefined;
    default:
      return undefined;
  }
}

/** The value of a new array item (items are always present, so strings start empty). */
export function itemDefault(item: FieldSpec): unknown {
  const v = defaultValue({ ...item, required: true, nullable: false } as FieldSpec);
  if (v !== undefined) return v;
  if (item.kind === "string") return "";
  return null;
}

/** Defaults for an object's fields: required fields and fields with a non-null default. */
export function objectDefaults(fields: FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.required && !f.hasDefault) continue;
    const v = defaultValue(f);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** The config a freshly added node starts with. */
export function initialConfig(schema: JSONSchema): Record<string, unknown> {
  return objectDefaults(deriveFields(schema));
}

/** The union variant a value belongs to (by its discriminator), or the first. */
export function variantOf(field: UnionField, value: unknown): UnionVariant | undefined {
  const d = isObj(value) ? value[field.discriminator] : undefined;
  return field.variants.find((v) => v.value === d) ?? field.variants[0];
}

/** Switch a union value to another variant, keeping fields that both variants share. */
export function switchVariant(field: UnionField, value: unknown, to: string): Record<string, unknown> {
  const variant = field.variants.find((v) => v.value === to);
  if (!variant) return isObj(value) ? value : {};
  const out: Record<string, unknown> = { [field.discriminator]: to, ...objectDefaults(variant.fields) };
  if (isObj(value)) {
    for (const f of variant.fields) {
      const v = value[f.name];
      if (v === undefined) continue;
      if (f.kind === "enum" && !f.options.includes(v as string | number)) continue;
      out[f.name] = v;
    }
  }
  return out;
}

/**
 * Split an issue's JSON pointer ("/nodes/2/config/keywords/0") into the node index and the
 * path inside the node's config (["keywords", "0"]). Null when it does not point into a config.
 */
export function configPathFromPointer(pointer: string | null | undefined): { nodeIndex: number; path: string[] } | null {
  if (!pointer) return null;
  const parts = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] !== "nodes" || !/^\d+$/.test(parts[1] ?? "")) return null;
  const nodeIndex = Number(parts[1]);
  if (parts[2] !== "config") return { nodeIndex, path: [] };
  return { nodeIndex, path: parts.slice(3) };
}

/** Read a value at a path of keys / indices. */
export function getAt(value: unknown, path: (string | number)[]): unknown {
  let cur = value;
  for (const p of path) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[p as string];
  }
  return cur;
}

/** Immutably set (or, with undefined, delete) the value at a path. */
export function setAt(value: unknown, path: (string | number)[], next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  const isIndex = typeof head === "number" || /^\d+$/.test(String(head));
  if (Array.isArray(value) && isIndex) {
    const arr = value.slice();
    arr[Number(head)] = setAt(arr[Number(head)], rest, next);
    return arr;
  }
  const obj: Record<string, unknown> = isObj(value) ? { ...value } : {};
  const child = setAt(obj[head as string], rest, next);
  if (child === undefined) delete obj[head as string];
  else obj[head as string] = child;
  return obj;
}
