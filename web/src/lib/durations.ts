// Durations in words, plural-aware in both languages (Intl.NumberFormat's unit style picks
// "1 day" / "3 days", "1 日"): and a step's time split into waiting and running.
import { translate, type Lang } from "../i18n";

const UNITS: [unit: string, seconds: number][] = [["day", 86_400], ["hour", 3_600], ["minute", 60]];

/** 0.012 → "12 ms", 1.5 → "1.5 seconds", 259_205 → "3 days" (the largest whole unit, rounded). */
export function formatDuration(lang: Lang, seconds: number): string {
  const fmt = (unit: string, n: number, digits = 0, display: "long" | "short" = "long") =>
    new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: display, maximumFractionDigits: digits }).format(n);
  const s = Math.max(0, seconds);
  if (s < 1) return fmt("millisecond", Math.round(s * 1000), 0, "short");
  if (s < 60) return fmt("second", s, s < 10 ? 1 : 0);
  for (const [unit, size] of UNITS) if (s >= size) return fmt(unit, s / size, s / size < 10 ? 1 : 0);
  return fmt("second", s);
}

/** "Waited 3 days, ran 12 ms" for a Delay or Question that waited; "12 ms" for other steps. */
export function stepTime(lang: Lang, step: { status: string; waited_seconds?: number | null; ran_seconds?: number | null }): string {
  const waited = step.waited_seconds;
  const ran = step.ran_seconds;
  if (waited === null || waited === undefined) return ran === null || ran === undefined ? "" : formatDuration(lang, ran);
  if (step.status === "waiting") return translate(lang, "runs.waitingFor", { waited: formatDuration(lang, waited) });
  return translate(lang, "runs.waitedRan", { waited: formatDuration(lang, waited), ran: formatDuration(lang, ran ?? 0) });
}
