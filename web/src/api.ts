// HTTP client for the Lumo backend. Same-origin fetches with the session cookie
// (and the bearer token from sign-in, when we have one).
import { errorMessage } from "./lib/errors";

export { errorMessage };

export class ApiError extends Error {
  status: number;
  body: unknown;
  code: string | null;
  constructor(status: number, message: string, body: unknown) {
    super(message);
    this.status = status;
    this.body = body;
    const detail = (body as { detail?: { code?: unknown } } | null)?.detail;
    this.code = detail && typeof detail === "object" && !Array.isArray(detail) && typeof detail.code === "string"
      ? detail.code
      : null;
  }
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

const TOKEN_KEY = "lumo.token";
let token: string | null = null;
try {
  token = sessionStorage.getItem(TOKEN_KEY);
} catch {
  token = null;
}

const SESSION_HINT = "lumo.signedIn";

/** Whether this browser signed in before (a hint only: the cookie decides). Avoids a 401 on first visit. */
export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(SESSION_HINT) === "1" || !!token;
  } catch {
    return true;
  }
}

export function setSignedIn(on: boolean) {
  try {
    if (on) localStorage.setItem(SESSION_HINT, "1");
    else localStorage.removeItem(SESSION_HINT);
  } catch {
    /* ignore */
  }
}

export function setToken(next: string | null) {
  token = next;
  setSignedIn(!!next);
  try {
    if (next) sessionStorage.setItem(TOKEN_KEY, next);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* ignore */
  }
}

let unauthorizedHandler: (() => void) | null = null;
export function onUnauthorized(handler: (() => void) | null) {
  unauthorizedHandler = handler;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not trigger the global "go to sign-in" on 401 (the sign-in call itself). */
  noAuthRedirect?: boolean;
}

const CSRF_COOKIE = "lumo_csrf";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A cookie's value from a `document.cookie` string (null when absent). */
export function readCookie(name: string, cookies: string): string | null {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return null;
}

/** Double-submit CSRF: unsafe requests echo the readable `lumo_csrf` cookie set at sign-in. */
export function csrfHeaders(method: string, cookies: string): Record<string, string> {
  if (SAFE_METHODS.has(method.toUpperCase())) return {};
  const value = readCookie(CSRF_COOKIE, cookies);
  return value ? { "X-CSRF-Token": value } : {};
}

function documentCookies(): string {
  try {
    return typeof document === "undefined" ? "" : document.cookie;
  } catch {
    return "";
  }
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json",
    ...csrfHeaders(method, documentCookies()),
    ...(opts.headers ?? {}),
  };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (token && !headers.Authorization) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(0, "The server could not be reached. Check your connection and try again.", null);
  }
  let body: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.noAuthRedirect) {
      setToken(null);
      unauthorizedHandler?.();
    }
    throw new ApiError(res.status, errorMessage(body, res.status), body);
  }
  return { data: body as T, status: res.status, headers: res.headers };
}

export async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await request<T>(path, { signal })).data;
}

export async function post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  return (await request<T>(path, { method: "POST", body: body ?? {}, headers })).data;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** "3" / W/"3" / 3 -> "3" */
export function etagRevision(etag: string | null): string | null {
  if (!etag) return null;
  const m = etag.match(/"?([^"]*)"?$/);
  return m ? m[1] : etag;
}
