// Types of the API's answers. The main resources are aliases of the types generated from the
// server's OpenAPI document (src/api-types.ts, from the response models in api/schemas/), so a
// change of shape on the server fails `tsc` here. What is left hand-written is marked: shapes
// the web app narrows further (e.g. node categories) or that have no response model yet.
import type { components } from "./api-types";

type Schemas = components["schemas"];

export type WorkflowStatus = Schemas["WorkflowSummary"]["status"];
export type Organisation = Schemas["OrganisationRef"];
export type User = Schemas["Me"];
export type LoginResponse = Schemas["Login"];

export const REENTRY_RULES = ["once", "not_concurrent", "always"] as const;
export type Reentry = (typeof REENTRY_RULES)[number];

export type WorkflowSummary = Schemas["WorkflowSummary"];

/** One page of a list (generic: the generated types have one Page_X_ per item type). */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type Position = Schemas["Position"];
export type DefNode = Schemas["Node"];
/** The editor makes edges before the server names them: `id` may be absent. */
export type DefEdge = Omit<Schemas["Edge"], "id"> & { id?: string | null };
export interface Definition {
  nodes: DefNode[];
  edges: DefEdge[];
}
type Worded = "severity" | "text" | "text_ja";
/** The server's issues carry every field; the editor also makes its own (unsaved) ones. */
export type Issue = Omit<Schemas["Issue"], Worded> & Partial<Pick<Schemas["Issue"], Worded>>;
export interface Validation {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
}
export type Workflow = Omit<Schemas["Workflow"], "definition" | "validation"> & {
  definition: Definition;
  validation: Validation;
};
export type Revision = Schemas["Revision"];
export type RevisionSummary = Schemas["RevisionSummary"];
export type RevisionDiff = Schemas["RevisionDiff"];

export type Run = Schemas["RunSummary"];
export type RunDetail = Schemas["RunDetail"];
export type RunStep = Schemas["Step"];
export type RunStats = Schemas["RunStats"];
export type ExecutionPage = Schemas["ExecutionPage"];

export type Tag = Schemas["Tag"];
export type RichMenu = Schemas["RichMenu"];
export type AutoMessage = Schemas["AutoMessage"];
export type QrCode = Schemas["QrCode"];
export type Account = Schemas["Account"];
export type Friend = Schemas["Friend"];
export type FriendDetail = Schemas["FriendDetail"];
export type AuditEvent = Schemas["AuditEvent"];
export type DeadLetter = Schemas["DeadLetter"];
export type Integration = Schemas["Integration"];
export type AgentTurn = Schemas["Turn"];
export type AgentConversation = Schemas["Conversation"];

export type HandleSpec = Schemas["Handle"];

export type Category = Schemas["NodeType"]["category"];

/** `description_ja`: not sent today; the editor falls back to it for nodes added later. */
export type NodeTypeSpec = Schemas["NodeType"] & { description_ja?: string };

export interface Catalog {
  node_types: NodeTypeSpec[];
  /** Types that need an integration this organisation has not connected. */
  unavailable?: (NodeTypeSpec & { unavailable_reason: string })[];
}

export type Template = Schemas["Template"] & { description_ja?: string };

/** Hand-written: the resource pages treat tags, menus, messages, QR codes and accounts alike. */
export interface Resource {
  id: number;
  name: string;
  [key: string]: unknown;
}

export type ResourceKind = "tags" | "auto-messages" | "rich-menus" | "qr-codes" | "accounts";

/** An issue in the viewer's language, in plain words when the server gave them. */
export function issueText(i: Issue, lang: string): string {
  return (lang === "ja" ? i.text_ja : i.text) || i.text || i.message;
}
