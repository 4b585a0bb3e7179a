// What `npm run bench:soak` prints: latency percentiles, the two RSS curves
// (host and bare load()) side by side, the growth per execution of each,
// and issue 14's memory target with met / not met. Pure functions over the
// samples, so the arithmetic can be tested apart from any server.

/** Issue 14's memory target: the host's RSS growth per execution is at most this many times the bare Worker's per load(). */
export const GROWTH_LIMIT = 1.2;

/** The `p`-th percentile (0–100) of `values`, nearest rank; NaN for none. */
export function percentile(values, p) {
  if (!(p >= 0 && p <= 100)) throw new Error(`A percentile lies between 0 and 100, not ${p}.`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * KB of RSS gained per execution over `curve` (`[{ executions, kb }]`, in
 * order): from its first sample to its last, so one garbage collection in
 * between does not count. NaN with fewer than two samples.
 */
export function growthPerRunKb(curve) {
  if (curve.length < 2) return Number.NaN;
  const first = curve[0];
  const last = curve[curve.length - 1];
  return (last.kb - first.kb) / (last.executions - first.executions);
}

/**
 * The host's growth per execution against the bare Worker's per load():
 * `{ ratio, met }`. When the bare Worker did not grow, there is no ratio
 * (NaN) and the target is met only if the host did not grow either.
 */
export function judgeGrowth(hostKbPerRun, bareKbPerRun) {
  if (!(bareKbPerRun > 0)) return { ratio: Number.NaN, met: hostKbPerRun <= 0 };
  const ratio = hostKbPerRun / bareKbPerRun;
  return { ratio, met: ratio <= GROWTH_LIMIT };
}

/** One side of the soak: `{ latencies, wrong, curve }` → its figures. */
function figures({ latencies, wrong, curve }) {
  return { executions: latencies.length, errors: wrong.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), kbPerRun: growthPerRunKb(curve) };
}

/**
 * The soak's summary from the `host` and `bare` sides (each `{ latencies,
 * wrong, curve }`): their figures, the curves merged by execution count,
 * and the growth verdict.
 */
export function summarizeSoak(host, bare) {
  const hostFigures = figures(host);
  const bareFigures = figures(bare);
  const bareAt = new Map(bare.curve.map((sample) => [sample.executions, sample.kb]));
  const curve = host.curve.map((sample) => ({ executions: sample.executions, hostKb: sample.kb, bareKb: bareAt.get(sample.executions) ?? Number.NaN }));
  return { host: hostFigures, bare: bareFigures, curve, growth: { limit: GROWTH_LIMIT, ...judgeGrowth(hostFigures.kbPerRun, bareFigures.kbPerRun) } };
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : "—");
const mb = (kb) => fixed(kb / 1024, 1);

/** The Markdown tables the soak prints: the figures, the curves, then the target. */
export function formatSoak(summary) {
  const { host, bare, curve, growth } = summary;
  const row = (label, side) => `| ${label} | ${side.executions} | ${side.errors} | ${fixed(side.p50Ms, 1)} | ${fixed(side.p99Ms, 1)} | ${fixed(side.kbPerRun, 1)} |`;
  return [
    "| server | executions | errors | p50 ms | p99 ms | RSS growth, KB per execution |",
    "|---|---|---|---|---|---|",
    row("Ghostwire, single process (mixed)", host),
    row("bare load(), one RPC call", bare),
    "",
    "| executions | host workerd RSS MB | bare load() workerd RSS MB |",
    "|---|---|---|",
    ...curve.map((sample) => `| ${sample.executions} | ${mb(sample.hostKb)} | ${mb(sample.bareKb)} |`),
    "",
    "| target (issue 14) | measured | |",
    "|---|---|---|",
    `| host RSS growth per execution ≤ ${growth.limit}× bare load()'s per load() | ${Number.isFinite(growth.ratio) ? `${growth.ratio.toFixed(2)}×` : "— (bare did not grow)"} | ${growth.met ? "met" : "not met"} |`,
  ].join("\n");
}
