// `npm run bench`: what one Code Mode execution costs, next to the least an
// execution can cost, measured side by side in one run (timings on a shared
// machine are noisy: compare the rows of one run, never runs with each other).
//
// It starts two single-process `wrangler dev` servers on free ports:
//   host  host/dev/wrangler.jsonc (top level: one process, the production shape, with the demo APIs);
//   bare  test/bench/bare-load.wrangler.jsonc: load() a fresh isolate that makes one RPC call.
// and then, round by round in alternation, times over loopback HTTP:
//   - GET / on the host (no isolate): the floor of any request;
//   - the bare load() + one RPC call;
//   - POST /v1/execute with one API call (type-checked, the default);
//   - the same with check: false.
//
// Usage: npm run bench [-- --rounds 60]
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../e2e/host-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const ROUNDS = Number(option("--rounds", "60"));
const WARMUP = 8;
const STARTUP_MS = 120_000;
const CODE = "return await math.add({ a: 20, b: 22 });";

async function startWrangler(config) {
  const port = await freePort();
  const inspector = await freePort();
  const child = spawn(join(root, "node_modules", ".bin", "wrangler"), ["dev", "-c", config, "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"], {
    cwd: root,
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" },
    detached: true,
    stdio: ["ignore", "ignore", "ignore"],
  });
  const base = `http://localhost:${port}`;
  const giveUp = Date.now() + STARTUP_MS;
  for (;;) {
    try {
      if ((await fetch(base, { signal: AbortSignal.timeout(5000) })).status < 500) break;
    } catch {
      // Not up yet.
    }
    if (Date.now() > giveUp) throw new Error(`wrangler dev -c ${config} did not answer within ${STARTUP_MS} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  return { base, stop };
}

async function timed(request) {
  const started = performance.now();
  const response = await request();
  const body = await response.json();
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

const p50 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const host = await startWrangler("host/dev/wrangler.jsonc");
const bare = await startWrangler("test/bench/bare-load.wrangler.jsonc");
try {
  const execute = (check) => () =>
    fetch(`${host.base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: CODE, apis: ["math"], check }) });
  const variants = {
    "plain request to the host (GET /, no isolate)": () => fetch(`${host.base}/`),
    "bare load() + one RPC call": () => fetch(bare.base),
    "execution, one API call (type-checked)": execute(true),
    "execution, one API call (check: false)": execute(false),
  };
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = -WARMUP; round < ROUNDS; round++) {
    for (const [name, request] of Object.entries(variants)) {
      const { ms, body } = await timed(request);
      if (name.startsWith("execution") && body.result !== 42) throw new Error(`The execution answered ${JSON.stringify(body)}.`);
      if (name.startsWith("bare") && body.result !== 42) throw new Error(`The bare isolate answered ${JSON.stringify(body)}.`);
      if (round >= 0) samples[name].push(ms);
    }
  }
  const baseline = p50(samples["bare load() + one RPC call"]);
  console.log(`p50 over ${ROUNDS} alternating rounds, loopback HTTP, single-process wrangler dev:\n`);
  console.log("| what | p50 ms | ratio to bare load() |");
  console.log("|---|---|---|");
  for (const [name, values] of Object.entries(samples)) {
    console.log(`| ${name} | ${p50(values).toFixed(1)} | ${(p50(values) / baseline).toFixed(2)} |`);
  }
} finally {
  host.stop();
  bare.stop();
}
