// Node-type descriptions in the UI language. The catalog carries `label_ja` but English-only
// descriptions, so the Japanese text lives here (keyed by type); a type missing from the table
// (a node added later) falls back to the catalog's `description_ja`, then to English.
import type { Lang } from "../i18n";
import type { NodeTypeSpec } from "../types";

export const DESCRIPTIONS_JA: Record<string, string> = {
  start: "入口です。LINEアカウントを選び、その下にトリガーをつなぎます。",
  "trigger.friend_add": "ユーザーがLINEアカウントを友だち追加したときに開始します。",
  "trigger.message_received": "友だちがキーワードに一致するテキストメッセージを送ったときに開始します。",
  "trigger.postback": "友だちがボタンをタップし、ポストバックデータが一致したときに開始します。",
  "trigger.qr_scan":
    "友だちがトラッキング用QRコードを読み取ったときに開始します(QRコードが送る定型文、またはその後の友だち追加で判定します)。",
  "trigger.video_viewed": "友だちがこのトラッキングIDの動画を最後まで視聴したときに開始します。",
  "trigger.block": "友だちがアカウントをブロックしたときに開始します。メッセージは送れないため、タグや外部連携に使います。",
  "trigger.purchase_completed": "ショップから友だちの購入完了イベントが届いたときに開始します。",
  "trigger.cart_abandoned": "ショップから友だちのカゴ落ちイベントが届いたときに開始します。",
  "action.send_message": "友だちにテキストや画像のメッセージを送ります。",
  "action.auto_message": "アカウントに保存した自動送信メッセージを1つ送ります。",
  "action.question": "質問を送って友だちの回答を待ち、回答を属性として保存します。",
  "action.branch": "条件(タグ・属性・回答)を満たす最初の分岐へ進みます。どれも満たさなければ「それ以外」へ進みます。",
  "action.delay": "次のステップまで1分から365日まで待ちます。",
  "action.tag": "友だちにタグを付けるか、外します。",
  "action.rich_menu": "友だちにリッチメニューをリンクするか、リンクを解除します(デフォルトのメニューに戻ります)。",
  "action.customer_agent":
    "自動応答セッションを開始します。有人対応への切り替えか無操作タイムアウトまで、カスタマーエージェントが友だちのメッセージに答えます。",
  "action.hubspot": "LINEユーザーIDをキーにHubSpotのコンタクトを作成・更新します。",
  "action.klaviyo": "友だちをKlaviyoのリストに追加するか、イベントを送信します。",
  "action.ab_split": "友だちを割合に応じてランダムに振り分けます。同じ友だちには常に同じパターンが選ばれます。",
};

/** The description of a node type in `lang` ("" when the catalog has none). */
export function nodeDescription(spec: Pick<NodeTypeSpec, "type" | "description" | "description_ja"> | undefined, lang: Lang): string {
  if (!spec) return "";
  if (lang === "ja") return DESCRIPTIONS_JA[spec.type] ?? spec.description_ja ?? spec.description ?? "";
  return spec.description ?? "";
}
