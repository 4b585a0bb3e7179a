// What `npm run bench` prints: the measured figures of each path, their
// ratios to the two peers of the same run (the bare load() floor and
// @cloudflare/codemode), and issue 14's targets with met / not met. Pure
// functions over the samples, so the arithmetic can be tested apart from
// any server.

/** The path every p50 is divided by: the least an execution can cost. */
export const FLOOR = "bare";
/** The path every 8-client throughput is divided by. */
export const PEER = "codemode";

/**
 * Issue 14's targets, as ratios within one run. `metric` names a field of
 * a summary row; `at` is at most (`max`) or at least (`min`) `limit`.
 */
export const TARGETS = [
  { path: "checked", metric: "vsFloor", at: "max", limit: 1.25, text: "type-checked single-process p50 ≤ 1.25× bare load()" },
  { path: "checked", metric: "rps8VsPeer", at: "min", limit: 0.9, text: "type-checked single-process rps at 8 clients ≥ 0.9× codemode" },
  { path: "layered", metric: "vsFloor", at: "max", limit: 1.5, text: "`npm start` p50 ≤ 1.5× bare load()" },
];

/**
 * Fewest samples a verdict is given on: 1-client latencies of each path a p50
 * target compares, 8-client answers of each path a throughput target
 * compares. With fewer, the target reads "too few samples", never met or not.
 */
export const MIN_VERDICT_SAMPLES = 50;

/** The median of `values` (the upper one of an even count); NaN for none. */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * One row per path, in the order of `paths` (key → label). `measured` maps
 * each key to `{ one, eight }`, each `{ latencies, completed, elapsedMs,
 * cpuMs }` summed over the rounds (test/bench/closed-loop.mjs; cpuMs is what
 * the path's workerd processes spent meanwhile). p50 is of the 1-client
 * latencies; rps is completed requests over wall time; CPU per request is
 * over both loads.
 */
export function summarize(paths, measured) {
  for (const key of [FLOOR, PEER]) {
    if (!(key in measured)) throw new Error(`The bench measured no "${key}" path, which every ratio is taken against.`);
  }
  const rps = ({ completed, elapsedMs }) => (elapsedMs > 0 ? (completed * 1000) / elapsedMs : Number.NaN);
  const cpuPerRequest = ({ one, eight }) => (one.cpuMs + eight.cpuMs) / (one.completed + eight.completed);
  const floorP50 = median(measured[FLOOR].one.latencies);
  const floorCpu = cpuPerRequest(measured[FLOOR]);
  const peerRps8 = rps(measured[PEER].eight);
  return Object.entries(paths).map(([key, label]) => {
    const { one, eight } = measured[key];
    const p50Ms = median(one.latencies);
    const rps8 = rps(eight);
    const cpuMs = cpuPerRequest(measured[key]);
    return {
      key,
      path: label,
      p50Ms,
      vsFloor: p50Ms / floorP50,
      rps1: rps(one),
      rps8,
      rps8VsPeer: rps8 / peerRps8,
      cpuMs,
      cpuVsFloor: cpuMs / floorCpu,
      samples1: one.latencies.length,
      samples8: eight.completed,
      requests: one.completed + eight.completed,
    };
  });
}

/**
 * Each target of TARGETS against `rows`: the measured ratio and whether it
 * is met; `met` is null when a path it compares has fewer than
 * MIN_VERDICT_SAMPLES samples.
 */
export function judge(rows) {
  const row = (key) => rows.find((candidate) => candidate.key === key);
  return TARGETS.map(({ path, metric, at, limit, text }) => {
    const measured = row(path)?.[metric] ?? Number.NaN;
    const [samples, other] = metric === "vsFloor" ? ["samples1", FLOOR] : ["samples8", PEER];
    const enough = Math.min(row(path)?.[samples] ?? 0, row(other)?.[samples] ?? 0) >= MIN_VERDICT_SAMPLES;
    const met = !enough ? null : at === "max" ? measured <= limit : measured >= limit;
    return { target: text, path, metric, limit, measured, met };
  });
}

const VERDICTS = new Map([[true, "met"], [false, "not met"], [null, `too few samples (under ${MIN_VERDICT_SAMPLES})`]]);

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : "—");

/** The Markdown tables the bench prints: the paths, then the targets. */
export function formatTables(rows, verdicts) {
  const lines = [
    "| path | p50 ms, 1 client | vs bare load() p50 | rps, 1 client | rps, 8 clients | 8-client rps vs codemode | workerd CPU ms per request | CPU vs bare load() |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map(
      (row) =>
        `| ${row.path} | ${fixed(row.p50Ms, 1)} | ${fixed(row.vsFloor, 2)} | ${fixed(row.rps1, 0)} | ${fixed(row.rps8, 0)} | ${fixed(row.rps8VsPeer, 2)} | ${fixed(row.cpuMs, 1)} | ${fixed(row.cpuVsFloor, 2)} |`,
    ),
    "",
    "| target (issue 14) | measured | |",
    "|---|---|---|",
    ...verdicts.map((verdict) => `| ${verdict.target} | ${fixed(verdict.measured, 2)}× | ${VERDICTS.get(verdict.met)} |`),
  ];
  return lines.join("\n");
}
