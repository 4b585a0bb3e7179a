// `npm run bench:runtime-floor`: where Ghostwire's 8-client throughput gap to
// @cloudflare/codemode sits, measured side by side in one run. Three paths,
// each under `wrangler dev`, all running `math.add({ a: 20, b: 22 })` from a
// fresh isolate per request:
//   codemode  @cloudflare/codemode's DynamicWorkerExecutor (test/bench/codemode-peer.ts), the peer;
//   host      the host as `npm run start:single` runs it, type-checked;
//   floor     the same host, built from a copy of host/ and api-types/ in a
//             temporary folder whose sandbox runtime is test/bench/floor-runtime.mjs:
//             the host's protocol without the runtime's guarantees.
// Everything but the runtime is the same between host and floor: the HTTP
// front, request validation, the check, the bridge and its validation, the
// load() and the outcome's validation. So floor ×codemode is what the host
// costs around the isolate, and host against floor what the runtime's
// guarantees cost in every fresh isolate. Rounds of --seconds at 8 clients
// (closed loops), the order of the paths turning by one each round. Any
// answer other than HTTP 200 with result 42 stops it with exit code 1.
//
// Usage: npm run bench:runtime-floor [-- --rounds 6 --seconds 3 --json]
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_CODE, chargedSlice, executeAt, positiveOption, turnedOrder } from "./bench-program.mjs";
import { FLOOR_RUNTIME_JS } from "./floor-runtime.mjs";
import { startAll, startWranglerDev, stopAll } from "./servers.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLIENTS = 8;
const WARMUP_SECONDS = 2;
const PATHS = {
  codemode: "@cloudflare/codemode DynamicWorkerExecutor",
  host: "Ghostwire, single process, type-checked",
  floor: "the same host, floor runtime (no guarantees)",
};

/**
 * A copy of the host's sources in a temporary folder, with the floor runtime
 * in place of the generated sandbox runtime. Returns its wrangler
 * config and a function that removes the folder.
 */
function floorHostTree() {
  const folder = mkdtempSync(join(tmpdir(), "ghostwire-floor-host-"));
  const skipState = (source) => !source.split("/").includes(".wrangler");
  for (const part of ["host", "api-types", "package.json"]) cpSync(join(root, part), join(folder, part), { recursive: true, filter: skipState });
  symlinkSync(join(root, "node_modules"), join(folder, "node_modules"), "dir");
  writeFileSync(join(folder, "host", "generated", "sandbox-runtime.ts"), `// Written by test/bench/runtime-floor.mjs.\nexport const SANDBOX_RUNTIME_JS: string = ${JSON.stringify(FLOOR_RUNTIME_JS)};\n`);
  return { config: join(folder, "host", "dev", "wrangler.jsonc"), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

const rounds = Math.max(1, Math.round(positiveOption("--rounds", 6)));
const seconds = positiveOption("--seconds", 3);
const json = process.argv.includes("--json");
const progress = (line) => process.stderr.write(`[runtime-floor] ${line}\n`);

const tree = floorHostTree();
let servers = {};
try {
  servers = await startAll({
    codemode: () => (progress("starting codemode"), startWranglerDev("test/bench/codemode-peer.wrangler.jsonc")),
    host: () => (progress("starting the host"), startWranglerDev("host/dev/wrangler.jsonc")),
    floor: () => (progress("starting the host with the floor runtime"), startWranglerDev(tree.config)),
  });
  const body = { code: BENCH_CODE, apis: ["math"] };
  const requests = { codemode: () => fetch(servers.codemode.base), host: executeAt(servers.host.base, body), floor: executeAt(servers.floor.base, body) };
  const sums = Object.fromEntries(Object.keys(PATHS).map((key) => [key, { completed: 0, elapsedMs: 0, cpuMs: 0 }]));
  const slice = (key, length) => chargedSlice({ pid: servers[key].pid, label: PATHS[key], clients: CLIENTS, seconds: length, request: requests[key] });
  const keys = Object.keys(PATHS);
  for (const key of keys) await slice(key, Math.min(seconds, WARMUP_SECONDS));
  for (let round = 0; round < rounds; round++) {
    progress(`round ${round + 1} of ${rounds}`);
    for (const key of turnedOrder(keys, round)) {
      const { completed, elapsedMs, cpuMs } = await slice(key, seconds);
      sums[key].completed += completed;
      sums[key].elapsedMs += elapsedMs;
      sums[key].cpuMs += cpuMs;
    }
  }
  const rps = (key) => (sums[key].completed * 1000) / sums[key].elapsedMs;
  const rows = keys.map((key) => ({ key, path: PATHS[key], rps8: rps(key), rps8VsPeer: rps(key) / rps("codemode"), cpuMs: sums[key].cpuMs / sums[key].completed, requests: sums[key].completed }));
  if (json) {
    console.log(JSON.stringify({ rounds, seconds, clients: CLIENTS, rows }, null, 2));
  } else {
    console.log(`${rounds} rounds of ${seconds} s per path at ${CLIENTS} clients; compare within this run only.\n`);
    console.log(`${"path".padEnd(48)} ${"rps8".padStart(6)} ${"×codemode".padStart(10)} ${"CPU ms/req".padStart(11)}`);
    for (const row of rows) console.log(`${row.path.padEnd(48)} ${row.rps8.toFixed(1).padStart(6)} ${row.rps8VsPeer.toFixed(3).padStart(10)} ${row.cpuMs.toFixed(2).padStart(11)}`);
    const cpuOf = (key) => rows.find((row) => row.key === key).cpuMs;
    const cost = cpuOf("host") - cpuOf("floor");
    console.log(`\nThe runtime's guarantees: ${cost.toFixed(2)} ms of CPU per execution (host − floor).`);
  }
} finally {
  await stopAll(servers);
  tree.remove();
}
