import { useState, type FormEvent } from "react";
import { useAuth } from "../auth";
import { useI18n } from "../i18nContext";
import { LanguageSwitch } from "../components";

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError((err as Error).message || t("login.failed"));
      setBusy(false);
    }
  };

  return (
    <div className="center-page login-page">
      <main className="card login-card">
        <div className="login-head">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true" />
            {t("app.name")}
          </div>
          <LanguageSwitch />
        </div>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.subtitle")}</p>
        <form onSubmit={submit} data-testid="login-form" noValidate>
          <div className="form-row">
            <label htmlFor="login-email">{t("login.email")}</label>
            <input
              id="login-email"
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              data-testid="login-email"
            />
          </div>
          <div className="form-row">
            <label htmlFor="login-password">{t("login.password")}</label>
            <input
              id="login-password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="login-password"
            />
          </div>
          {error && (
            <p className="form-error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy || !email || !password} data-testid="login-submit">
            {busy ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </main>
    </div>
  );
}
