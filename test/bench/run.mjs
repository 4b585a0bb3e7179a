// `npm run bench`: what one Code Mode execution costs, next to its peers,
// measured side by side in one run (timings on a shared machine are noisy:
// compare the ratios of one run, never runs with each other).
//
// Every path runs the same program, `math.add({ a: 20, b: 22 })`: one API
// call over Workers RPC from a fresh isolate per request. It starts, each on
// free ports:
//   bare      test/bench/bare-load.wrangler.jsonc: load() plus one RPC call, nothing else (the floor);
//   codemode  test/bench/codemode-peer.wrangler.jsonc: @cloudflare/codemode's DynamicWorkerExecutor (the peer);
//   single    host/dev/wrangler.jsonc under `wrangler dev`, as `npm run start:single` runs it (the production shape),
//             measured type-checked (the default) and with `check: false`;
//   layered   `npm start` (host/dev/start.mjs): host and runner, two processes, type-checked.
// All are loopback HTTP to `wrangler dev`. After one warm-up slice per path,
// each round times every path for --seconds at 1 client and at 8 clients
// (closed loops, test/bench/closed-loop.mjs); the order of the paths turns
// by one each round and the two loads swap, so noise hits every path alike.
// Every answer must be HTTP 200 with result 42: anything else stops the
// bench with exit code 1. A missed target is printed, never an exit code.
//
// Usage: npm run bench [-- --rounds 5 --seconds 3 --json]
import { loadavg } from "node:os";
import { BENCH_CODE, chargedSlice, executeAt, positiveOption, turnedOrder } from "./bench-program.mjs";
import { formatTables, judge, summarize } from "./bench-report.mjs";
import { startAll, startLayered, startWranglerDev, stopAll } from "./servers.mjs";

/** The load levels, in clients; the report's columns name them. */
const LOADS = { one: 1, eight: 8 };
/** Longest warm-up slice per path: the type checker, the bundles and the loaders get warm. */
const WARMUP_SECONDS = 2;

/** The paths in report order, key → label. */
const PATHS = {
  bare: "bare load(), one RPC call",
  codemode: "@cloudflare/codemode DynamicWorkerExecutor",
  checked: "Ghostwire, single process, type-checked",
  unchecked: "Ghostwire, single process, `check: false`",
  layered: "Ghostwire, `npm start` (host + runner), type-checked",
};

const rounds = Math.max(1, Math.round(positiveOption("--rounds", 5)));
const seconds = positiveOption("--seconds", 3);
const json = process.argv.includes("--json");
const startedAt = performance.now();
const progress = (line) => process.stderr.write(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0)} s] ${line}\n`);

const starters = {
  layered: startLayered,
  single: () => startWranglerDev("host/dev/wrangler.jsonc"),
  bare: () => startWranglerDev("test/bench/bare-load.wrangler.jsonc"),
  codemode: () => startWranglerDev("test/bench/codemode-peer.wrangler.jsonc"),
};
/** The 1-minute load average, said with the table: other work on the machine slows every path, and a reader should know how much. */
const loadAverage = () => loadavg()[0].toFixed(1);
const startLoad = loadAverage();
const servers = await startAll(Object.fromEntries(Object.entries(starters).map(([name, start]) => [name, () => (progress(`starting ${name}`), start())])));
process.once("SIGINT", () => stopAll(servers).then(() => process.exit(130)));

const requests = {
  bare: () => fetch(servers.bare.base),
  codemode: () => fetch(servers.codemode.base),
  checked: executeAt(servers.single.base, { code: BENCH_CODE, apis: ["math"] }),
  unchecked: executeAt(servers.single.base, { code: BENCH_CODE, apis: ["math"], check: false }),
  layered: executeAt(servers.layered.base, { code: BENCH_CODE, apis: ["math"] }),
};
/** The server each path runs on, whose workerd processes' CPU time its slices are charged. */
const serverOf = { bare: "bare", codemode: "codemode", checked: "single", unchecked: "single", layered: "layered" };
/** One slice of `key` at `clients`: closedLoop's figures, plus `cpuMs`, what the path's workerd processes spent meanwhile. */
const slice = (key, clients, length) => chargedSlice({ pid: servers[serverOf[key]].pid, label: `${PATHS[key]}, ${clients} client(s)`, clients, seconds: length, request: requests[key] });

try {
  const keys = Object.keys(PATHS);
  const measured = Object.fromEntries(keys.map((key) => [key, Object.fromEntries(Object.keys(LOADS).map((load) => [load, { latencies: [], completed: 0, elapsedMs: 0, cpuMs: 0 }]))]));
  for (const key of keys) {
    progress(`warming up: ${PATHS[key]}`);
    await slice(key, LOADS.eight, Math.min(seconds, WARMUP_SECONDS));
  }
  for (let round = 0; round < rounds; round++) {
    progress(`round ${round + 1} of ${rounds}`);
    const order = turnedOrder(keys, round);
    const loads = round % 2 === 0 ? Object.keys(LOADS) : Object.keys(LOADS).reverse();
    for (const load of loads) {
      for (const key of order) {
        const { latencies, completed, elapsedMs, cpuMs } = await slice(key, LOADS[load], seconds);
        const sum = measured[key][load];
        sum.latencies.push(...latencies);
        sum.completed += completed;
        sum.elapsedMs += elapsedMs;
        sum.cpuMs += cpuMs;
      }
    }
  }
  const rows = summarize(PATHS, measured);
  const verdicts = judge(rows);
  const loadAverages = { start: Number(startLoad), end: Number(loadAverage()) };
  if (json) {
    console.log(JSON.stringify({ rounds, seconds, clients: Object.values(LOADS), loadAverages, rows, targets: verdicts }, null, 2));
  } else {
    const samples = Math.min(...rows.map((row) => row.samples1));
    console.log(`${rounds} alternating rounds of ${seconds} s per path and load, closed loops over loopback HTTP to wrangler dev; compare within this run only.`);
    console.log(`Load average (1 min) ${loadAverages.start} at the start, ${loadAverages.end} at the end; at least ${samples} 1-client samples per p50.\n`);
    console.log(formatTables(rows, verdicts));
  }
} finally {
  await stopAll(servers);
}
