// What the audit log records, as the API names it (engine/audit.py TARGET_TYPES and ACTIONS);
// audit.test.ts keeps these equal to the API's published query patterns.
export const TARGET_TYPES = ["workflow", "account", "tag", "auto_message", "rich_menu", "qr_code", "integration", "agent_conversation"];

// The list page of a resource kept elsewhere than the workflow editor.
export const PAGE_OF: Record<string, string> = {
  account: "/accounts", tag: "/tags", auto_message: "/auto-messages", rich_menu: "/rich-menus",
  qr_code: "/qr-codes", integration: "/integrations",
};

/** Where a log row links to: nowhere once the resource is gone. */
export function auditLink(e: { action: string; target: { type: string; id: number | null } }): string | null {
  if (e.action === "deleted" || e.action === "disconnected") return null;
  if (e.target.type === "workflow") return e.target.id ? `/workflows/${e.target.id}` : null;
  return PAGE_OF[e.target.type] ?? null;
}
