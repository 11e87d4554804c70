import { Suspense, lazy, useEffect, type ReactNode } from "react";
import { AuthProvider, useAuth } from "./auth";
import { I18nProvider, useI18n } from "./i18nContext";
import { Link, RouterProvider, matchPath, useRouter } from "./router";
import { ToastProvider } from "./toast";
import { LanguageSwitch } from "./components";
import { LoginPage } from "./pages/LoginPage";
import { WorkflowsPage } from "./pages/WorkflowsPage";
import { FriendsPage } from "./pages/FriendsPage";
import { AuditPage } from "./pages/AuditPage";
import { IntegrationsPage } from "./pages/IntegrationsPage";
import { RevisionsPage } from "./pages/RevisionsPage";
import {
  AccountsPage,
  AutoMessagesPage,
  QrCodesPage,
  RichMenusPage,
  TagsPage,
} from "./pages/ResourcePages";

export function App() {
  return (
    <RouterProvider>
      <I18nProvider>
        <ToastProvider>
          <AuthProvider>
            <Routes />
          </AuthProvider>
        </ToastProvider>
      </I18nProvider>
    </RouterProvider>
  );
}

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => {
    navigate(to, { replace: true, force: true });
  }, [navigate, to]);
  return null;
}

// The editor (and @xyflow/react) is loaded on demand: sign-in and lists stay light.
const EditorPage = lazy(() => import("./pages/EditorPage").then((m) => ({ default: m.EditorPage })));

const ExecutionsPage = lazy(() =>
  import("./pages/ExecutionsPage").then((m) => ({ default: m.ExecutionsPage })),
);

const AgentPage = lazy(() => import("./pages/AgentPage").then((m) => ({ default: m.AgentPage })));

const PAGES: { path: string; render: () => ReactNode }[] = [
  { path: "/workflows", render: () => <WorkflowsPage /> },
  { path: "/friends", render: () => <FriendsPage /> },
  { path: "/audit", render: () => <AuditPage /> },
  { path: "/integrations", render: () => <IntegrationsPage /> },
  {
    path: "/agent",
    render: () => (
      <Suspense fallback={<div className="page" aria-busy="true">…</div>}>
        <AgentPage />
      </Suspense>
    ),
  },
  { path: "/tags", render: () => <TagsPage /> },
  { path: "/auto-messages", render: () => <AutoMessagesPage /> },
  { path: "/rich-menus", render: () => <RichMenusPage /> },
  { path: "/qr-codes", render: () => <QrCodesPage /> },
  { path: "/accounts", render: () => <AccountsPage /> },
];

function Routes() {
  const { pathname } = useRouter();
  const { user, loadError, retry } = useAuth();
  const { t } = useI18n();

  if (pathname === "/login") {
    return user ? <Redirect to="/workflows" /> : <LoginPage />;
  }
  if (user === undefined) {
    return (
      <div className="center-page">
        {loadError ? (
          <div className="card" role="alert">
            <p>{loadError}</p>
            <button type="button" className="button primary" onClick={retry}>
              {t("common.retry")}
            </button>
          </div>
        ) : (
          <p aria-busy="true">{t("common.loading")}</p>
        )}
      </div>
    );
  }
  if (user === null) {
    const here = pathname + window.location.search;
    return <Redirect to={pathname === "/" ? "/login" : `/login?next=${encodeURIComponent(here)}`} />;
  }
  if (pathname === "/" || pathname === "") return <Redirect to="/workflows" />;

  const editor = matchPath("/workflows/:id", pathname);
  if (editor) {
    return (
      <Suspense fallback={<div className="center-page" aria-busy="true">{t("common.loading")}</div>}>
        <EditorPage key={editor.id} workflowId={editor.id} />
      </Suspense>
    );
  }

  const revs = matchPath("/workflows/:id/revisions", pathname);
  if (revs) {
    return (
      <Shell>
        <RevisionsPage key={revs.id} workflowId={revs.id} />
      </Shell>
    );
  }

  const runs = matchPath("/workflows/:id/executions", pathname);
  if (runs) {
    return (
      <Shell>
        <Suspense fallback={<div className="page" aria-busy="true">{t("common.loading")}</div>}>
          <ExecutionsPage key={runs.id} workflowId={runs.id} />
        </Suspense>
      </Shell>
    );
  }

  const page = PAGES.find((p) => matchPath(p.path, pathname));
  return (
    <Shell>
      {page ? (
        page.render()
      ) : (
        <div className="page">
          <h1>{t("common.notFound")}</h1>
          <Link to="/workflows">{t("common.backHome")}</Link>
        </div>
      )}
    </Shell>
  );
}

function NavItem({ to, label, testid }: { to: string; label: string; testid: string }) {
  const { pathname } = useRouter();
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <li>
      <Link to={to} className={active ? "nav-link active" : "nav-link"} aria-current={active ? "page" : undefined} data-testid={testid}>
        {label}
      </Link>
    </li>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { user, logout } = useAuth();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          {t("app.name")}
        </div>
        <div className="nav-section">{t("nav.automation")}</div>
        <ul>
          <NavItem to="/workflows" label={t("nav.workflows")} testid="nav-workflows" />
          <NavItem to="/agent" label={t("nav.agent")} testid="nav-agent" />
          <NavItem to="/audit" label={t("nav.audit")} testid="nav-audit" />
        </ul>
        <div className="nav-section">{t("nav.resources")}</div>
        <ul>
          <NavItem to="/friends" label={t("nav.friends")} testid="nav-friends" />
          <NavItem to="/tags" label={t("nav.tags")} testid="nav-tags" />
          <NavItem to="/auto-messages" label={t("nav.autoMessages")} testid="nav-auto-messages" />
          <NavItem to="/rich-menus" label={t("nav.richMenus")} testid="nav-rich-menus" />
          <NavItem to="/qr-codes" label={t("nav.qrCodes")} testid="nav-qr-codes" />
          <NavItem to="/accounts" label={t("nav.accounts")} testid="nav-accounts" />
          <NavItem to="/integrations" label={t("nav.integrations")} testid="nav-integrations" />
        </ul>
        <div className="sidebar-footer">
          <LanguageSwitch />
          {user && (
            <div className="user-box">
              <div className="user-email" data-testid="current-user">
                {user.email}
              </div>
              <div className="user-org">{user.organisation?.name}</div>
            </div>
          )}
          <button type="button" className="button subtle" onClick={() => void logout()} data-testid="sign-out">
            {t("nav.signOut")}
          </button>
        </div>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
