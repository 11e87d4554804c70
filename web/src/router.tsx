// A small history-API router: <RouterProvider>, useLocation, navigate, <Link>, matchPath,
// and navigation blockers (used by the editor's unsaved-changes guard).
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
} from "react";
import { matchPath } from "./lib/path";

export { matchPath };

type Blocker = () => boolean; // returns true when navigation may proceed

interface RouterValue {
  pathname: string;
  search: string;
  navigate: (to: string, opts?: { replace?: boolean; force?: boolean }) => boolean;
  addBlocker: (b: Blocker) => () => void;
}

const RouterContext = createContext<RouterValue | null>(null);

function current() {
  return { pathname: window.location.pathname, search: window.location.search };
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [loc, setLoc] = useState(current);
  const blockers = useRef(new Set<Blocker>());
  const lastLoc = useRef(loc);
  lastLoc.current = loc;

  const allowed = useCallback(() => {
    for (const b of blockers.current) if (!b()) return false;
    return true;
  }, []);

  const navigate = useCallback(
    (to: string, opts?: { replace?: boolean; force?: boolean }) => {
      const target = new URL(to, window.location.origin);
      if (target.pathname === lastLoc.current.pathname && target.search === lastLoc.current.search) {
        return true;
      }
      if (!opts?.force && !allowed()) return false;
      if (opts?.replace) window.history.replaceState(null, "", target.pathname + target.search);
      else window.history.pushState(null, "", target.pathname + target.search);
      setLoc({ pathname: target.pathname, search: target.search });
      window.scrollTo?.(0, 0);
      return true;
    },
    [allowed],
  );

  useEffect(() => {
    const onPop = () => {
      const next = current();
      if (!allowed()) {
        // Undo the browser's move: put the previous URL back.
        window.history.pushState(null, "", lastLoc.current.pathname + lastLoc.current.search);
        return;
      }
      setLoc(next);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [allowed]);

  const addBlocker = useCallback((b: Blocker) => {
    blockers.current.add(b);
    return () => {
      blockers.current.delete(b);
    };
  }, []);

  const value = useMemo(
    () => ({ pathname: loc.pathname, search: loc.search, navigate, addBlocker }),
    [loc, navigate, addBlocker],
  );
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterValue {
  const ctx = useContext(RouterContext);
  if (!ctx) throw new Error("useRouter outside RouterProvider");
  return ctx;
}

/** Block in-app and browser navigation while `when` is true (confirm dialog + beforeunload). */
export function useBlocker(when: boolean, message: string) {
  const { addBlocker } = useRouter();
  const whenRef = useRef(when);
  whenRef.current = when;
  useEffect(() => {
    const remove = addBlocker(() => !whenRef.current || window.confirm(message));
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!whenRef.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      remove();
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [addBlocker, message]);
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} {...rest}>
      {children}
    </a>
  );
}
