// `npm run bench:check`: what type-checking costs the host, for realistic
// agent programs and for the bombs of test/workerd/execution/check-bombs.ts, with the
// host's budget (host/execution/check/check-budget.ts) and, with --unbounded, without it.
// Each program runs in a child process of its own (Node, the same compiler
// and type environment the host uses), whose CPU time and peak memory are
// printed. With --unbounded a child gets at most HEAP_LIMIT_MB of heap and
// TIMEOUT_MS, the way a host's workerd would abort or stall.
//
// Then it prints the warm check time of a 30-line program against the demo's
// 5 APIs and against one imported API of 100 methods (test/bench/check-warm.ts),
// in a process that has made many checks and in a new one, next to issue 14's
// target for the first: WARM_TARGET_MS.
//
// Usage: npm run bench:check [-- --unbounded]
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleForNode } from "../node-bundle.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const out = join(root, "node_modules", ".cache", "ghostwire-bench", "check-cost.mjs");
const HEAP_LIMIT_MB = 1536;
const TIMEOUT_MS = 120_000;
const unbounded = process.argv.includes("--unbounded");
/** Issue 14 point 4: a warm check of a 30-line program against the demo's 5 APIs takes at most this long. */
const WARM_TARGET_MS = 5;
/** How long one child of the warm report may run: about 1,000 checks, slow ones on a loaded machine. */
const WARM_TIMEOUT_MS = 600_000;

mkdirSync(dirname(out), { recursive: true });
await bundleForNode(join(root, "test", "bench", "check-cost.ts"), out);
const programs = join(dirname(out), "programs.mjs");
await build({ entryPoints: [join(root, "test", "workerd", "execution", "check-bombs.ts")], bundle: true, format: "esm", outfile: programs, logLevel: "error" });
const { CHECK_BOMBS, REALISTIC_PROGRAMS } = await import(programs);

const rows = [];
for (const [kind, programs] of [["realistic", REALISTIC_PROGRAMS], ["bomb", CHECK_BOMBS]]) {
  for (const name of Object.keys(programs)) {
    const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, out, name, unbounded ? "unbounded" : "budget"], {
      cwd: root,
      encoding: "utf8",
      timeout: TIMEOUT_MS,
    });
    const line = child.stdout.trim().split("\n").pop() ?? "";
    let row;
    try {
      row = JSON.parse(line);
    } catch {
      row = { outcome: child.error ? `stopped after ${TIMEOUT_MS / 1000} s` : `aborted (${child.signal ?? `exit ${child.status}`}), heap limit ${HEAP_LIMIT_MB} MB` };
    }
    rows.push({ kind, name, ...row });
  }
}
console.log(`Type checks ${unbounded ? "without a budget" : "with the host's budget"} (one process per program):`);
console.table(rows);

const warmOut = join(dirname(out), "check-warm.mjs");
await bundleForNode(join(root, "test", "bench", "check-warm.ts"), warmOut);
/** One child run of the warm report (test/bench/check-warm.ts) with `args`; its rows. */
function warmReport(...args) {
  const child = spawnSync(process.execPath, [warmOut, ...args], { cwd: root, encoding: "utf8", timeout: WARM_TIMEOUT_MS });
  if (child.status !== 0) throw new Error(`The warm check report (${args.join(" ")}) failed (${child.error?.message ?? child.signal ?? `exit ${child.status}`}): ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split("\n").pop());
}
const steady = warmReport("steady");
const fresh = [...warmReport("fresh", "demo"), ...warmReport("fresh", "imported")];
const warmRows = steady.map((row) => {
  const { freshP50Ms, freshCpuP50Ms } = fresh.find((early) => early.apis === row.apis);
  return { ...row, freshP50Ms, freshCpuP50Ms };
});
console.log(
  "\nWarm check step (declarations + check) of a 30-line program, new code each time, medians; wall times are noisy on a busy machine." +
    "\nsteady*: a process that has already made 300 checks of each set and 50 more of this one, as a host isolate that has served a while; fresh*: checks 6 to 20 of a new process, while V8 still optimizes the compiler:",
);
console.table(warmRows);
const demo = warmRows[0];
const verdict = (ms) => `${ms.toFixed(1)} ms, ${ms <= WARM_TARGET_MS ? "met" : "not met"}`;
console.log(`Target: warm check against the demo's 5 APIs ≤ ${WARM_TARGET_MS} ms: steady ${verdict(demo.steadyP50Ms)}; in a fresh process ${verdict(demo.freshP50Ms)}.`);
