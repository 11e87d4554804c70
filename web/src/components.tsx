import { useEffect, useRef, type ReactNode } from "react";
import { useI18n } from "./i18nContext";
import type { WorkflowStatus } from "./types";
import { LANGS, type Lang } from "./i18n";

export function StatusBadge({ status, testid }: { status: WorkflowStatus; testid?: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}`} data-testid={testid ?? "status-badge"} data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/** A modal dialog on the native <dialog> element (focus trap, Esc to close). */
export function Modal({
  open,
  title,
  onClose,
  children,
  testid,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testid?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // showModal() focuses the first focusable (the close button): prefer the first field.
      d.querySelector<HTMLElement>(
        ".modal-body input, .modal-body select, .modal-body textarea, .modal-actions .button:first-child",
      )?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const { t } = useI18n();
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-labelledby={testid ? `${testid}-title` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid={testid}
    >
      {open && (
        <>
          <div className="modal-head">
            <h2 id={testid ? `${testid}-title` : undefined}>{title}</h2>
            <button type="button" className="icon-button" aria-label={t("common.close")} onClick={onClose}>
              ×
            </button>
          </div>
          {children}
        </>
      )}
    </dialog>
  );
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-box" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="button subtle" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang-switch">
      <span className="visually-hidden">{t("nav.language")}</span>
      <select
        data-testid="language-switch"
        value={lang}
        onChange={(e) => setLang(e.target.value as Lang)}
        aria-label={t("nav.language")}
      >
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {l === "en" ? "English" : "日本語"}
          </option>
        ))}
      </select>
    </label>
  );
}

/** "Skipped: already in a run" in the viewer's language. */
export function SkipReason({ reason }: { reason: string | null | undefined }) {
  const { t } = useI18n();
  if (!reason) return null;
  const key = `skip.${reason}`;
  const words = t(key);
  return (
    <div className="muted small skip-reason" data-testid="skip-reason">
      {t("run.skipped", { reason: words === key ? reason : words })}
    </div>
  );
}
