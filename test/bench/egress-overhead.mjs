// What one request through the egress gateway adds to an execution's time,
// measured side by side against a running host (timings on a shared machine
// are noisy; compare the rows of one run, not runs with each other).
//
// Usage: npm start -- --port 8791   (in another terminal), then
//        node test/bench/egress-overhead.mjs [--url http://localhost:8791] [--rounds 40]
//
// Every variant runs in the same execution shape (same grants, same code
// length class) and the variants are interleaved round by round, so drift
// hits them alike. Two views:
// - wall: p50 of the host's stats.wallMs per variant, and the difference to
//   the variant with no outbound request, divided by the number of requests;
// - inside: the agent code times its own loop of N awaited requests
//   (Date.now() advances across I/O), p50 of the per-request time.

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
};
const URL_BASE = option("--url", "http://localhost:8791");
const ROUNDS = Number(option("--rounds", "40"));
const N = 10;

const loop = (call) => `const started = Date.now();\nfor (let i = 0; i < ${N}; i++) ${call};\nreturn (Date.now() - started) / ${N};`;

const VARIANTS = {
  "no request": { code: `const started = Date.now();\nreturn (Date.now() - started) / ${N};`, count: 0 },
  [`${N} × bridge call (math.add, no egress)`]: { code: loop("await math.add({ a: i, b: 1 })"), count: N },
  [`${N} × fetch() through the gateway`]: { code: loop(`await (await fetch("http://rates.demo.invalid/v1/latest?symbols=USD")).text()`), count: N },
  [`${N} × fetch() the gateway refuses (no upstream hop)`]: { code: loop(`await fetch("https://refused.example/").catch(() => 0)`), count: N },
  [`${N} × API call that fetches through the gateway (rates.latest)`]: { code: loop(`await rates.latest({ symbols: ["USD"] })`), count: N },
};

async function execute(code) {
  const response = await fetch(`${URL_BASE}/v1/execute`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, apis: ["math", "rates"] }),
  });
  const body = await response.json();
  if (!body.ok) throw new Error(`The execution failed: ${JSON.stringify(body.error)}`);
  return body;
}

const p50 = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function main() {
  const samples = Object.fromEntries(Object.keys(VARIANTS).map((name) => [name, { wall: [], inside: [] }]));
  for (const { code } of Object.values(VARIANTS)) await execute(code); // warm the checker and the upstream
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { code }] of Object.entries(VARIANTS)) {
      const body = await execute(code);
      samples[name].wall.push(body.stats.wallMs);
      samples[name].inside.push(body.result);
    }
  }
  const base = p50(samples["no request"].wall);
  const bridge = p50(samples[`${N} × bridge call (math.add, no egress)`].inside);
  console.log(`${URL_BASE}, ${ROUNDS} interleaved rounds, p50 in ms\n`);
  console.log("variant".padEnd(64), "wall", "  +/request", "  inside/request", "  vs bridge call");
  for (const [name, { count }] of Object.entries(VARIANTS)) {
    const wall = p50(samples[name].wall);
    const inside = p50(samples[name].inside);
    const added = count === 0 ? "" : ((wall - base) / count).toFixed(2);
    const ratio = count === 0 || bridge === 0 ? "" : `${(inside / bridge).toFixed(1)}×`;
    console.log(name.padEnd(64), String(wall).padStart(4), added.padStart(11), (count === 0 ? "" : inside.toFixed(2)).padStart(16), ratio.padStart(17));
  }
}

await main();
