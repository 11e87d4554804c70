// Runs over time: stacked bars per hour or day (from /executions/timeline), with a legend.
import { useI18n } from "./i18nContext";
import { bucketLabel, chartScale, type Bucket, type Timeline } from "./lib/chart";

const SERIES = [
  { key: "succeeded", cls: "ok" },
  { key: "failed", cls: "bad" },
  { key: "waiting", cls: "wait" },
  { key: "running", cls: "run" },
  { key: "cancelled", cls: "cancel" },
] as const;

const W = 720;
const H = 150;
const PAD = { left: 34, right: 8, top: 10, bottom: 24 };

export function RunsChart({
  timeline,
  bucket,
  onBucket,
  timeZone,
}: {
  timeline: Timeline | null;
  bucket: Bucket;
  onBucket: (b: Bucket) => void;
  timeZone: string;
}) {
  const { t, lang } = useI18n();
  const buckets = timeline?.bucket === bucket ? timeline.buckets : [];
  const max = chartScale(buckets.map((b) => b.total));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = buckets.length ? plotW / buckets.length : plotW;
  const barW = Math.max(2, slot * 0.7);
  const every = Math.max(1, Math.ceil(buckets.length / 12));
  const sum = buckets.reduce((n, b) => n + b.total, 0);
  const summary = t(bucket === "day" ? "chart.summaryDays" : "chart.summaryHours", { count: buckets.length, total: sum });
  return (
    <section className="card chart-card" aria-label={t("chart.title")} data-testid="runs-chart" data-bucket={bucket} data-total={sum}>
      <div className="chart-head">
        <h2>{t("chart.title")}</h2>
        <div className="segmented" role="group" aria-label={t("chart.bucket")}>
          {(["hour", "day"] as Bucket[]).map((b) => (
            <button
              key={b}
              type="button"
              className={b === bucket ? "button small active" : "button subtle small"}
              aria-pressed={b === bucket}
              onClick={() => onBucket(b)}
              data-testid={`chart-bucket-${b}`}
            >
              {t(`chart.${b}`)}
            </button>
          ))}
        </div>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={summary}>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} className="chart-axis" />
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top} y2={PAD.top} className="chart-grid" />
        <text x={PAD.left - 6} y={PAD.top + 4} className="chart-tick" textAnchor="end">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} className="chart-tick" textAnchor="end">
          0
        </text>
        {buckets.map((b, i) => {
          const x = PAD.left + i * slot + (slot - barW) / 2;
          let y = PAD.top + plotH;
          const label = bucketLabel(b.start, bucket, lang, timeZone);
          return (
            <g key={b.start} data-testid={`chart-bar-${i}`} data-total={b.total} data-start={b.start}>
              <title>
                {`${label}: ${b.total} — ${SERIES.filter((s) => b[s.key] > 0)
                  .map((s) => `${t(`runs.stat.${s.key}`)} ${b[s.key]}`)
                  .join(", ") || t("chart.none")}`}
              </title>
              <rect x={PAD.left + i * slot} y={PAD.top} width={slot} height={plotH} className="chart-hit" />
              {SERIES.map((s) => {
                const v = b[s.key];
                if (!v) return null;
                const h = (v / max) * plotH;
                y -= h;
                return <rect key={s.key} x={x} y={y} width={barW} height={h} className={`chart-bar ${s.cls}`} />;
              })}
              {i % every === 0 && (
                <text x={x + barW / 2} y={H - 8} className="chart-tick" textAnchor="middle">
                  {label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend">
        {SERIES.map((s) => (
          <li key={s.key}>
            <span className={`legend-swatch ${s.cls}`} aria-hidden="true" /> {t(`runs.stat.${s.key}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
