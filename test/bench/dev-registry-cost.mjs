// `npm run bench:dev-registry`: what the hops between two `wrangler dev`
// processes cost, which `npm start` makes for every execution (its host calls
// the runner, host/isolates/runner-launcher.ts, and the runner's isolate calls
// the host's bridge back). Two Workers, each in a `wrangler dev` of its own,
// share one dev registry: the caller (test/bench/dev-registry-caller.ts)
// calls the callee (test/bench/dev-registry-callee.ts) through a service
// binding, in the ways the caller lists. The ways take turns, ROUNDS of CALLS
// each; it prints the median milliseconds per call of each (timings on a
// shared machine are noisy: compare within this run only).
//
// Usage: npm run bench:dev-registry [-- --rounds 10]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./bench-report.mjs";
import { startWranglerDev } from "./servers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const at = process.argv.indexOf("--rounds");
const ROUNDS = at === -1 ? 10 : Number(process.argv[at + 1]);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds takes a whole number of at least 1, not ${JSON.stringify(process.argv[at + 1])}.`);
const CALLS = 30;
const WARMUP_ROUNDS = 2;

/** The caller's ways (its paths), with what each line of the report says. */
const WAYS = {
  direct: "a call on the binding (npm start's host → runner, once per execution)",
  reused: "a call on a capability the binding gave once",
  callback: "a call on the binding, called back once (both hops of an execution with one API call)",
  kept: "a call on a Durable Object that keeps a capability from the binding across requests",
  load: "the callee loads a fresh isolate that calls back once (an execution in the runner)",
  local: "the same load() in the caller's own process (an execution in a single-process host)",
};

const registry = mkdtempSync(join(tmpdir(), "ghostwire-bench-registry-"));
const servers = [];
try {
  servers.push(await startWranglerDev(join(here, "dev-registry-callee.wrangler.jsonc"), { registry }));
  const caller = await startWranglerDev(join(here, "dev-registry-caller.wrangler.jsonc"), { registry });
  servers.push(caller);
  const ways = Object.keys(WAYS);
  const samples = Object.fromEntries(ways.map((way) => [way, []]));
  for (let round = -WARMUP_ROUNDS; round < ROUNDS; round++) {
    const turn = ((round % ways.length) + ways.length) % ways.length;
    for (const way of [...ways.slice(turn), ...ways.slice(0, turn)]) {
      const response = await fetch(`${caller.base}/${way}?calls=${CALLS}`);
      const text = await response.text();
      if (!response.ok) throw new Error(`GET /${way} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
      if (round >= 0) samples[way].push(JSON.parse(text).msPerCall);
    }
  }
  const ms = Object.fromEntries(ways.map((way) => [way, median(samples[way])]));
  console.log(`Calls between two wrangler dev processes, ms per call, median of ${ROUNDS} rounds of ${CALLS}:`);
  for (const [way, label] of Object.entries(WAYS)) console.log(`  ${ms[way].toFixed(2).padStart(6)}  ${label}`);
  console.log(`A call on the binding costs ${(ms.direct - ms.reused).toFixed(2)} ms more than one on a kept capability; an execution in the other process, ${(ms.load - ms.local).toFixed(2)} ms more than in the caller's.`);
} finally {
  for (const server of servers) await server.stop();
  rmSync(registry, { recursive: true, force: true });
}
