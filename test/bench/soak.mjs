// `npm run bench:soak`: does the host hold on to memory as executions pile
// up, more than a bare load() does? (issue 14, point 3)
//
// It starts, each under `wrangler dev` on free ports (test/bench/servers.mjs):
//   host  host/dev/wrangler.jsonc, as `npm run start:single` runs it (the production shape);
//   bare  test/bench/bare-load.wrangler.jsonc: load() plus one RPC call (the floor).
// The host gets --runs executions from --clients closed loops, in the
// rotation of test/bench/soak-mix.mjs (an API call, a type error, a runtime
// error, logs, compute), each checked against the one answer its kind must
// get. Then the bare Worker gets as many requests, each checked for result 42.
// Each side first gets WARMUP_RUNS unmeasured executions, so the one-time
// cost of the first ones (the TypeScript libraries, the bundles) is not read
// as growth. The RSS of the side's workerd processes (the descendants of its
// wrangler process named workerd, from /proc) is sampled after the warm-up
// and every --every executions.
//
// Exit code 1 when an execution got a wrong answer or a server failed; a
// missed memory target is printed, never an exit code.
//
// Usage: npm run bench:soak [-- --runs 10000 --clients 4 --every 500 --json]
import { countedLoop } from "./closed-loop.mjs";
import { workerdResidentKb } from "./process-tree-rss.mjs";
import { soakExecution, verifyBare } from "./soak-mix.mjs";
import { formatSoak, summarizeSoak } from "./soak-report.mjs";
import { startAll, startWranglerDev, stopAll } from "./servers.mjs";

/** Unmeasured executions per side before the first RSS sample: two rounds of each kind of the mix. */
const WARMUP_RUNS = 10;
/** A side stops after this many wrong answers: the soak has failed, and more of them say nothing new. */
const MAX_WRONG = 100;
/** Wrong answers printed as examples. */
const SHOWN_WRONG = 5;

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a whole number of at least 1, not ${JSON.stringify(process.argv[at + 1])}.`);
  return value;
}

const runs = option("--runs", 10_000);
const clients = option("--clients", 4);
const every = option("--every", 500);
const json = process.argv.includes("--json");
if (every > runs) throw new Error(`--every ${every} is more than --runs ${runs}, so the curve would have one point; pass a smaller --every.`);
const startedAt = performance.now();
const progress = (line) => process.stderr.write(`[soak ${((performance.now() - startedAt) / 1000).toFixed(0)} s] ${line}\n`);

const execute = (base, index) => fetch(`${base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(soakExecution(index).body) });
/** Each side: how to send request i, and how to check its answer. */
const SIDES = {
  host: { label: "Ghostwire, single process", request: (server, index) => execute(server.base, index), verify: (index, status, text) => soakExecution(index).verify(status, text) },
  bare: { label: "bare load()", request: (server) => fetch(server.base), verify: (_index, status, text) => verifyBare(status, text) },
};

/**
 * Warms `side` up, then runs the soak against `server`, sampling its
 * workerd RSS. Resolves with `{ latencies, wrong, curve }`; rejects when the
 * server fails (no answer, or no workerd left to measure).
 */
async function soak(name, server) {
  const { label, request, verify } = SIDES[name];
  progress(`${label}: warming up with ${WARMUP_RUNS} executions`);
  const warm = await countedLoop({ clients, runs: WARMUP_RUNS, request: (index) => request(server, index), verify, maxWrong: MAX_WRONG });
  const curve = [{ executions: 0, kb: workerdResidentKb(server.pid).kb }];
  let sampling;
  const onAnswered = (answered) => {
    if (answered % every !== 0 && answered !== runs) return;
    try {
      curve.push({ executions: answered, kb: workerdResidentKb(server.pid).kb });
      progress(`${label}: ${answered} of ${runs}, workerd RSS ${(curve.at(-1).kb / 1024).toFixed(1)} MB`);
    } catch (error) {
      sampling ??= error;
    }
  };
  const measured = await countedLoop({ clients, runs, request: (index) => request(server, WARMUP_RUNS + index), verify: (index, status, text) => verify(WARMUP_RUNS + index, status, text), onAnswered, maxWrong: MAX_WRONG });
  if (sampling !== undefined) throw sampling;
  return { latencies: measured.latencies, wrong: [...warm.wrong, ...measured.wrong], curve };
}

let servers = {};
let exitCode = 0;
try {
  servers = await startAll({
    host: () => (progress("starting the host (host/dev/wrangler.jsonc)"), startWranglerDev("host/dev/wrangler.jsonc")),
    bare: () => (progress("starting bare load() (test/bench/bare-load.wrangler.jsonc)"), startWranglerDev("test/bench/bare-load.wrangler.jsonc")),
  });
  process.once("SIGINT", () => stopAll(servers).then(() => process.exit(130)));
  const host = await soak("host", servers.host);
  const bare = await soak("bare", servers.bare);
  const summary = summarizeSoak(host, bare);
  if (json) {
    console.log(JSON.stringify({ runs, clients, every, warmupRuns: WARMUP_RUNS, ...summary, wrong: { host: host.wrong.slice(0, SHOWN_WRONG), bare: bare.wrong.slice(0, SHOWN_WRONG) } }, null, 2));
  } else {
    console.log(`${runs} executions per server at ${clients} clients after ${WARMUP_RUNS} to warm up, closed loops over loopback HTTP to wrangler dev; RSS is the sum over each server's workerd processes.\n`);
    console.log(formatSoak(summary));
  }
  for (const [name, side] of Object.entries({ host, bare })) {
    for (const { index, message } of side.wrong.slice(0, SHOWN_WRONG)) process.stderr.write(`${SIDES[name].label}, execution ${index}: ${message}\n`);
  }
  if (host.wrong.length + bare.wrong.length > 0) {
    process.stderr.write(`${host.wrong.length + bare.wrong.length} executions got a wrong answer (the soak stops a server after ${MAX_WRONG}); each must get the one answer of its kind.\n`);
    exitCode = 1;
  }
} catch (error) {
  process.stderr.write(`The soak failed: ${error.message}\n`);
  exitCode = 1;
} finally {
  await stopAll(servers);
}
process.exit(exitCode);
