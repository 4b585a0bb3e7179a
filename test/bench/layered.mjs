// The layered bench: what one execution costs under `npm start`, where
// agent code runs in the runner process (host/isolates/runner/), next to a request
// that runs no code, measured side by side in alternating rounds on one host
// (timings on a shared machine are noisy: compare the rows of one run only).
//
// Usage: npm run build && npm exec -- node test/bench/layered.mjs [--rounds 60]
// (npm exec puts the Node 22 of devDependencies on PATH).
import { startHost } from "../e2e/host-process.mjs";

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const ROUNDS = Number(option("--rounds", "60"));
const WARMUP = 8;

const p50 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const host = await startHost();
try {
  const execute = () =>
    fetch(`${host.base}/v1/execute`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code: "return await math.add({ a: 20, b: 22 });", apis: ["math"], check: false }),
    });
  const variants = {
    "plain request to the host (GET /, no isolate)": () => fetch(`${host.base}/`),
    "execution in the runner, one API call (check: false)": execute,
  };
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = -WARMUP; round < ROUNDS; round++) {
    for (const [name, request] of Object.entries(variants)) {
      const started = performance.now();
      const response = await request();
      const body = await response.text();
      const ms = performance.now() - started;
      if (!response.ok) throw new Error(`${name}: HTTP ${response.status}: ${body.slice(0, 200)}`);
      if (name.startsWith("execution") && JSON.parse(body).result !== 42) throw new Error(`The execution answered ${body.slice(0, 200)}.`);
      if (round >= 0) samples[name].push(ms);
    }
  }
  const baseline = p50(samples["plain request to the host (GET /, no isolate)"]);
  console.log(`p50 over ${ROUNDS} alternating rounds, loopback HTTP, \`npm start\` (host and runner processes):\n`);
  console.log("| what | p50 ms | ratio to GET / |");
  console.log("|---|---|---|");
  for (const [name, values] of Object.entries(samples)) console.log(`| ${name} | ${p50(values).toFixed(1)} | ${(p50(values) / baseline).toFixed(2)} |`);
} finally {
  await host.stop();
}
