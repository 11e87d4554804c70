import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError, get, hasSessionHint, onUnauthorized, request, setSignedIn, setToken } from "./api";
import { useRouter } from "./router";
import type { LoginResponse, User } from "./types";

interface AuthValue {
  /** undefined while loading, null when signed out. */
  user: User | null | undefined;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  loadError: string | null;
  retry: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

function unwrapUser(data: unknown): User {
  const d = data as { user?: User } & User;
  return d && typeof d === "object" && d.user ? d.user : d;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const { pathname, search, navigate } = useRouter();
  // Without a sign-in hint there is no session to look up: go straight to sign-in (no 401 logged).
  const [user, setUser] = useState<User | null | undefined>(pathname === "/login" || !hasSessionHint() ? null : undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => {
    setLoadError(null);
    setAttempt((a) => a + 1);
  }, []);

  const goToLogin = useCallback(() => {
    setUser(null);
    const here = window.location.pathname + window.location.search;
    if (window.location.pathname !== "/login") {
      navigate(`/login${here && here !== "/" ? `?next=${encodeURIComponent(here)}` : ""}`, { replace: true, force: true });
    }
  }, [navigate]);

  useEffect(() => {
    onUnauthorized(goToLogin);
    return () => onUnauthorized(null);
  }, [goToLogin]);

  useEffect(() => {
    if (user !== undefined) return;
    const ctrl = new AbortController();
    get<unknown>("/api/me", ctrl.signal)
      .then((d) => {
        setSignedIn(true);
        setUser(unwrapUser(d));
      })
      .catch((e: unknown) => {
        if ((e as Error).name === "AbortError") return;
        if (e instanceof ApiError && e.status === 401) return; // goToLogin already ran
        setLoadError((e as Error).message);
      });
    return () => ctrl.abort();
  }, [user, attempt]);

  const login = useCallback(
    async (email: string, password: string) => {
      const res = await request<LoginResponse>("/api/auth/login", {
        method: "POST",
        body: { email, password },
        noAuthRedirect: true,
      });
      setToken(res.data.token ?? null);
      setSignedIn(true);
      setUser(res.data.user);
      const next = new URLSearchParams(search).get("next");
      navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/workflows", { replace: true });
    },
    [navigate, search],
  );

  const logout = useCallback(async () => {
    try {
      await request("/api/auth/logout", { method: "POST", body: {}, noAuthRedirect: true });
    } catch {
      /* the session cookie may outlive this call; the token is dropped anyway */
    }
    setToken(null);
    setUser(null);
    navigate("/login", { replace: true, force: true });
  }, [navigate]);

  const value = useMemo(() => ({ user, login, logout, loadError, retry }), [user, login, logout, loadError, retry]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}
