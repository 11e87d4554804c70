// Turn an error body from the API into one readable sentence.
// Shapes: {detail: "text"} | {detail: {code, message, errors?}} | {detail: [{loc, msg, type}]} | {message}.

interface PydanticError {
  loc?: (string | number)[];
  msg?: string;
}

function fromList(list: PydanticError[]): string {
  return list
    .slice(0, 5)
    .map((e) => {
      const loc = (e.loc ?? []).filter((p) => p !== "body").join(".");
      return loc ? `${loc}: ${e.msg ?? ""}` : e.msg ?? "";
    })
    .filter(Boolean)
    .join("; ");
}

export function errorMessage(body: unknown, status?: number): string {
  if (typeof body === "string" && body.trim() && body.length < 300 && !body.trim().startsWith("<")) return body.trim();
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    const d = b.detail;
    if (typeof d === "string" && d) return d;
    if (Array.isArray(d) && d.length) {
      const s = fromList(d as PydanticError[]);
      if (s) return s;
    }
    if (d && typeof d === "object" && !Array.isArray(d)) {
      const dd = d as Record<string, unknown>;
      if (typeof dd.message === "string" && dd.message) return dd.message;
      if (Array.isArray(dd.errors) && dd.errors.length) {
        const first = dd.errors[0] as { message?: string; msg?: string };
        if (first?.message) return first.message;
        const s = fromList(dd.errors as PydanticError[]);
        if (s) return s;
      }
    }
    if (typeof b.message === "string" && b.message) return b.message;
    if (typeof b.error === "string" && b.error) return b.error;
  }
  if (status === 401) return "Incorrect email or password.";
  if (status === 403) return "You do not have permission to do that.";
  if (status === 404) return "Not found.";
  if (status && status >= 500) return `The server had a problem (HTTP ${status}). Try again.`;
  return status ? `Request failed (HTTP ${status}).` : "Request failed.";
}

export interface ErrorIssue {
  code: string;
  message: string;
  node_id: string | null;
  field: string | null;
}

/**
 * Issues (with JSON pointers into the definition) from a 422/409 body, so the editor can
 * highlight the nodes: {detail: [{loc, msg, type}]} or {detail: {errors: [Issue | {loc, msg}]}}.
 */
export function issuesFromError(body: unknown): ErrorIssue[] {
  const detail = (body as { detail?: unknown } | null)?.detail;
  const list: unknown[] = Array.isArray(detail)
    ? detail
    : detail && typeof detail === "object" && Array.isArray((detail as { errors?: unknown }).errors)
      ? ((detail as { errors: unknown[] }).errors)
      : [];
  return list
    .filter((e): e is Record<string, unknown> => !!e && typeof e === "object")
    .map((e) => {
      if (typeof e.message === "string") {
        return {
          code: typeof e.code === "string" ? e.code : "invalid",
          message: e.message,
          node_id: typeof e.node_id === "string" ? e.node_id : null,
          field: typeof e.field === "string" ? e.field : null,
        };
      }
      const loc = Array.isArray(e.loc) ? [...(e.loc as (string | number)[])] : [];
      while (loc.length && (loc[0] === "body" || loc[0] === "definition")) loc.shift();
      const field = loc.length ? "/" + loc.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/") : null;
      const ci = loc.indexOf("config");
      const where = (ci >= 0 ? loc.slice(ci + 1) : loc).join(".");
      const msg = typeof e.msg === "string" ? e.msg : "invalid value";
      return { code: typeof e.type === "string" ? e.type : "invalid", message: where ? `${where}: ${msg}` : msg, node_id: null, field };
    });
}

/**
 * A 422 body's field errors by path ("menu/areas/0/bounds/x"; "body" dropped), so a form can
 * show each under its own field. `rest` holds the messages no field is named for.
 */
export function fieldErrorsFromBody(body: unknown): { byPath: Record<string, string[]>; rest: string[] } {
  const byPath: Record<string, string[]> = {};
  const rest: string[] = [];
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (!Array.isArray(detail)) return { byPath, rest };
  for (const e of detail as PydanticError[]) {
    const loc = (e.loc ?? []).filter((p, i) => !(i === 0 && p === "body"));
    const msg = e.msg ?? "invalid value";
    if (loc.length) (byPath[loc.join("/")] ??= []).push(msg);
    else rest.push(msg);
  }
  return { byPath, rest };
}
