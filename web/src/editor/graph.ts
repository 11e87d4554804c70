// Graph helpers shared by the editor: handles, summaries, connection rules, ids, canonical form.
import type { Category, DefEdge, DefNode, Definition, HandleSpec, NodeTypeSpec, Resource } from "../types";
import { plural, type Lang } from "../i18n";

const MESSAGE_TYPE_JA: Record<string, string> = {
  image: "画像", video: "動画", audio: "音声", sticker: "スタンプ", location: "位置情報", imagemap: "イメージマップ",
  flex: "Flexメッセージ", coupon: "クーポン", buttons: "ボタン", confirm: "確認", carousel: "カルーセル", image_carousel: "画像カルーセル",
};

export type CatalogIndex = Record<string, NodeTypeSpec>;

export function indexCatalog(types: NodeTypeSpec[]): CatalogIndex {
  return Object.fromEntries(types.map((t) => [t.type, t]));
}

/** Output handles of a node: fixed ones from the catalog, or — for nodes whose outputs follow a
 * list in their config (branch arms, A/B variants) — derived from the catalog's output_pattern. */
export function outputHandles(spec: NodeTypeSpec | undefined, config: Record<string, unknown>): HandleSpec[] {
  if (!spec) return [{ id: "out", label: "Next", label_ja: "次へ" }];
  const p = spec.output_pattern;
  if (p) {
    const items = Array.isArray(config[p.list_field]) ? (config[p.list_field] as Record<string, unknown>[]) : [];
    const handles = items.map((item, i) => {
      const name = typeof item?.[p.label_field] === "string" ? (item[p.label_field] as string) : "";
      return { id: `${p.prefix}${i + 1}`, label: name || `${p.label} ${i + 1}`, label_ja: name || `${p.label_ja}${i + 1}` };
    });
    if (!handles.length && !p.trailing) return spec.outputs;
    return p.trailing ? [...handles, p.trailing] : handles;
  }
  return spec.outputs;
}

export function handleLabel(h: HandleSpec, lang: Lang): string {
  return lang === "ja" && h.label_ja ? h.label_ja : h.label;
}

export function typeLabel(spec: NodeTypeSpec | undefined, lang: Lang, fallback: string): string {
  if (!spec) return fallback;
  return lang === "ja" && spec.label_ja ? spec.label_ja : spec.label;
}

/** Which categories may follow a node of `category` ("+" picker and connection check). */
export function allowedNextCategory(category: Category | undefined): Category {
  return category === "start" ? "trigger" : "action";
}

export function canConnect(
  source: DefNode | undefined,
  target: DefNode | undefined,
  catalog: CatalogIndex,
): boolean {
  if (!source || !target || source.id === target.id) return false;
  const sc = catalog[source.type]?.category;
  const tc = catalog[target.type]?.category;
  if (tc === "start") return false;
  if (sc === "start") return tc === "trigger";
  if (tc === "trigger") return false;
  return true;
}

/** A readable, unique node id derived from the type ("send_message", "send_message_2", ...). */
export function newNodeId(type: string, existing: Iterable<string>): string {
  const taken = new Set(existing);
  const base = (type.split(".").pop() || "node").replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 50) || "node";
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}

export function edgeId(e: Pick<DefEdge, "source" | "source_handle" | "target">): string {
  return `e-${e.source}-${e.source_handle}-${e.target}`;
}

/** JSON with sorted object keys, for comparing definitions (dirty check). */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Canonical definition: rounded positions, edges with ids. */
export function canonical(def: Definition): Definition {
  return {
    nodes: def.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      config: n.config ?? {},
      position: { x: Math.round(n.position?.x ?? 0), y: Math.round(n.position?.y ?? 0) },
    })),
    edges: def.edges.map((e) => ({
      id: e.id || edgeId(e),
      source: e.source,
      source_handle: e.source_handle || "out",
      target: e.target,
    })),
  };
}

/** Drop edges whose source handle no longer exists (e.g. a branch arm was removed). */
export function pruneEdges(def: Definition, catalog: CatalogIndex): DefEdge[] {
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  return def.edges.filter((e) => {
    const src = byId.get(e.source);
    if (!src || !byId.has(e.target)) return false;
    const spec = catalog[src.type];
    if (!spec) return true;
    return outputHandles(spec, src.config).some((h) => h.id === e.source_handle);
  });
}

export interface Lookups {
  tags: Resource[];
  "auto-messages": Resource[];
  "rich-menus": Resource[];
  "qr-codes": Resource[];
  accounts: Resource[];
}

function nameOf(list: Resource[] | undefined, id: unknown): string {
  if (id === null || id === undefined || id === "") return "";
  const r = list?.find((x) => x.id === id);
  return r ? r.name : `#${String(id)}`;
}

function clip(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const UNIT_JA: Record<string, string> = { minutes: "分", hours: "時間", days: "日", weeks: "週" };
const MATCH_EN: Record<string, string> = { equals: "is", contains: "contains", starts_with: "starts with", ends_with: "ends with" };
const MATCH_JA: Record<string, string> = { equals: "完全一致", contains: "を含む", starts_with: "で始まる", ends_with: "で終わる" };

/** One line describing a node's configuration, shown on the canvas. "" when nothing to say. */
export function nodeSummary(type: string, config: Record<string, unknown>, lookups: Partial<Lookups>, lang: Lang): string {
  const ja = lang === "ja";
  const c = config ?? {};
  switch (type) {
    case "start": {
      const ids = Array.isArray(c.account_ids) ? c.account_ids : [];
      if (!ids.length) return ja ? "アカウント未選択" : "No LINE account selected";
      return ids.map((id) => nameOf(lookups.accounts, id)).join(", ");
    }
    case "trigger.message_received": {
      const kws = Array.isArray(c.keywords) ? (c.keywords as string[]).filter(Boolean) : [];
      const mt = String(c.match_type ?? "contains");
      if (!kws.length) return ja ? "すべてのテキストメッセージ" : "Any text message";
      const list = kws.map((k) => `“${k}”`).join(", ");
      return clip(ja ? `${list} ${MATCH_JA[mt] ?? mt}` : `Message ${MATCH_EN[mt] ?? mt} ${list}`, 60);
    }
    case "trigger.postback":
      return c.data ? clip(`data: ${String(c.data)}`) : "";
    case "trigger.qr_scan":
      return c.qr_code_id ? nameOf(lookups["qr-codes"], c.qr_code_id) : ja ? "すべてのQRコード" : "Any QR code";
    case "trigger.video_viewed":
      return c.tracking_id ? `trackingId: ${String(c.tracking_id)}` : "";
    case "action.send_message": {
      const msgs = Array.isArray(c.messages) ? (c.messages as Record<string, unknown>[]) : [];
      const first = msgs[0];
      if (!first) return "";
      const more = msgs.length > 1 ? ` (+${msgs.length - 1})` : "";
      if (first.type && first.type !== "text") {
        const tpl = first.template as Record<string, unknown> | undefined;
        const kind = first.type === "template" && tpl ? String(tpl.type) : String(first.type);
        const label = tpl?.text ? ` “${clip(String(tpl.text))}”` : "";
        return (ja ? MESSAGE_TYPE_JA[kind] ?? kind : kind.replace("_", " ")) + label + more;
      }
      return first.text ? `“${clip(String(first.text))}”${more}` : "";
    }
    case "action.auto_message":
      return c.auto_message_id ? nameOf(lookups["auto-messages"], c.auto_message_id) : "";
    case "action.question": {
      // Messages (image, Flex…) sent before the question text show as a count.
      const more = Array.isArray(c.messages) && c.messages.length ? `(+${c.messages.length}) ` : "";
      return c.text ? `${more}“${clip(String(c.text))}”${c.attribute ? ` → ${String(c.attribute)}` : ""}` : "";
    }
    case "action.branch": {
      const n = Array.isArray(c.branches) ? c.branches.length : 0;
      return ja ? `${n}件の分岐 + それ以外` : `${n} ${plural(n, "branch", "branches")} + else`;
    }
    case "action.delay": {
      if (c.amount === undefined || c.amount === null) return "";
      const unit = String(c.unit ?? "days");
      const amount = Number(c.amount);
      const word = plural(amount, unit.replace(/s$/, ""), unit);
      return ja ? `${String(c.amount)}${UNIT_JA[unit] ?? unit}待つ` : `Wait ${String(c.amount)} ${word}`;
    }
    case "action.tag": {
      if (!c.tag_id) return "";
      const name = nameOf(lookups.tags, c.tag_id);
      const remove = c.operation === "remove";
      return ja ? `タグ「${name}」を${remove ? "外す" : "付ける"}` : `${remove ? "Remove" : "Add"} tag “${name}”`;
    }
    case "action.rich_menu": {
      if (c.operation === "unlink") return ja ? "リッチメニューを解除" : "Unlink rich menu";
      return c.rich_menu_id ? nameOf(lookups["rich-menus"], c.rich_menu_id) : "";
    }
    case "action.customer_agent":
      return c.instructions ? clip(String(c.instructions)) : "";
    case "action.klaviyo":
      return c.operation === "track_event" ? String(c.event_name ?? "") : String(c.list_id ?? "");
    default:
      return "";
  }
}

/** Positions for a node added below `source` (n-th child, centred under the source). */
export function positionBelow(source: DefNode | undefined, siblingIndex: number, siblingCount: number) {
  const x0 = source?.position.x ?? 0;
  const y0 = source?.position.y ?? 0;
  const spread = 280;
  return { x: x0 + (siblingIndex - (siblingCount - 1) / 2) * spread, y: y0 + 160 };
}
