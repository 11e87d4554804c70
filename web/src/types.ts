export type WorkflowStatus = "draft" | "active" | "inactive";

export interface Organisation {
  id: number;
  name: string;
}

export interface User {
  id: number;
  email: string;
  role: string;
  organisation: Organisation;
}

export interface LoginResponse {
  token: string;
  user: User;
}

export const REENTRY_RULES = ["once", "not_concurrent", "always"] as const;
export type Reentry = (typeof REENTRY_RULES)[number];

export interface WorkflowSummary {
  id: number;
  reentry?: Reentry;
  name: string;
  description: string;
  status: WorkflowStatus;
  revision: number;
  published_revision: number | null;
  has_unpublished_changes: boolean;
  run_count: number;
  last_run_at: string | null;
  updated_at: string;
  created_at: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Position {
  x: number;
  y: number;
}

export interface DefNode {
  id: string;
  type: string;
  config: Record<string, unknown>;
  position: Position;
}

export interface DefEdge {
  id?: string | null;
  source: string;
  source_handle: string;
  target: string;
}

export interface Definition {
  nodes: DefNode[];
  edges: DefEdge[];
}

export interface Issue {
  code: string;
  message: string;
  /** The same in plain words (English / Japanese), for people. */
  text?: string;
  text_ja?: string;
  node_id: string | null;
  field: string | null;
  severity?: "error" | "warning";
}

export interface Validation {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export interface Workflow extends Partial<Omit<WorkflowSummary, "id" | "name">> {
  id: number;
  name: string;
  description: string;
  status: WorkflowStatus;
  revision: number;
  published_revision: number | null;
  has_unpublished_changes: boolean;
  definition: Definition;
  validation: Validation;
}

export interface HandleSpec {
  id: string;
  label: string;
  label_ja?: string;
}

export type Category = "start" | "trigger" | "action";

export interface NodeTypeSpec {
  type: string;
  category: Category;
  label: string;
  label_ja: string;
  description: string;
  description_ja?: string;
  inputs: string[];
  outputs: HandleSpec[];
  dynamic_outputs: boolean;
  output_pattern?: {
    list_field: string;
    prefix: string;
    label_field: string;
    label: string;
    label_ja: string;
    trailing: HandleSpec | null;
  } | null;
  schema: Record<string, unknown>;
  integration?: string | null;
}

export interface Catalog {
  node_types: NodeTypeSpec[];
  /** Types that need an integration this organisation has not connected. */
  unavailable?: (NodeTypeSpec & { unavailable_reason: string })[];
}

export interface Template {
  id: string;
  name: string;
  name_ja: string;
  description: string;
  description_ja?: string;
}

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
