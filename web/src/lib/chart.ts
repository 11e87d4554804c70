// Helpers of the runs-over-time chart (pure).
import type { Lang } from "../i18n";

export type Bucket = "hour" | "day";

export interface TimelineBucket {
  start: string;
  total: number;
  succeeded: number;
  failed: number;
  waiting: number;
  running: number;
  cancelled: number;
}

export interface Timeline {
  bucket: Bucket;
  tz: string;
  periods: number;
  buckets: TimelineBucket[];
}

/** The y-axis maximum: the largest value rounded up to 1, 2 or 5 × 10^n (never 0). */
export function chartScale(values: number[]): number {
  const max = Math.max(0, ...values);
  if (max <= 1) return 1;
  const pow = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * pow >= max) return m * pow;
  return 10 * pow;
}

/** The viewer's IANA time zone (UTC when the browser does not say). */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Short axis label of a bucket start: "11/25" per day, "14:00" / "14時" per hour. */
export function bucketLabel(iso: string, bucket: Bucket, lang: Lang, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, month: "numeric", day: "numeric", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  if (bucket === "day") return `${parts.month}/${parts.day}`;
  return lang === "ja" ? `${Number(parts.hour)}時` : `${parts.hour}:00`;
}
