// The one-host step of `npm run test:imports`, issue 18's "Done when":
// Stripe, GitHub and the tricky MCP server import on one real host
// (worker.ts under wrangler dev) that still answers `math` in under 50 ms.
//
// It starts two hosts of the same shape, one with the imports and one
// without, and times ROUNDS checked `math.add` executions on each,
// alternating, client-side (request to answer). The 50 ms target is printed
// with whether it was met, never enforced: the machine is shared and noisy.
// The step fails only when a host does not start, an execution errors, or
// /v1/apis lacks github, stripe or the MCP server. It also proves the big
// API usable: it asks the host's MCP `search` for a GitHub task and runs a
// type-checked call of the method it names, which the egress gateway refuses
// (worker.ts's rules cover no real path), so nothing reaches the network.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { startMcpServer } from "../../e2e/mcp-fixture-server.mjs";
import { registerTrickyTools } from "../../e2e/mcp-tricky-tools.mjs";
import { buildHost, startHost } from "./wrangler-host.mjs";

/** Timed executions per host, after WARMUP untimed ones. */
const ROUNDS = 40;
const WARMUP = 5;
/** The issue's target for `math` on the host with the imports, p50. */
const TARGET_MS = 50;
/** The MCP server's namespace on the host. */
const MCP_NAME = "tricky";
/** The GitHub task whose top search hit is called; the call's input uses the spec's parameter names, whatever the method is named. */
const GITHUB_TASK = "add labels to an issue";
const GITHUB_INPUT = { owner: "octocat", repo: "hello-world", issue_number: 1, body: { labels: ["bug"] } };
const MATH = { code: "return await math.add({ a: 1, b: 2 });", apis: ["math"] };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** POSTs an execute request; resolves with the answer and the round trip in ms. Throws when the host does not answer 200. */
async function execute(base, body) {
  const started = performance.now();
  const response = await fetch(`${base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`POST /v1/execute answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  return { answer: JSON.parse(text), ms };
}

/** Times one `math.add`; throws when it does not return 3. */
async function timeMath(base) {
  const { answer, ms } = await execute(base, MATH);
  if (answer.ok !== true || answer.result !== 3) throw new Error(`math.add on ${base} answered ${JSON.stringify(answer).slice(0, 300)}`);
  return ms;
}

/** The names /v1/apis lists, how many methods each has, and the reasons it gives for unavailable ones. */
async function listedApis(base) {
  const { apis } = await (await fetch(`${base}/v1/apis`)).json();
  return {
    names: apis.map((api) => api.name),
    methods: Object.fromEntries(apis.map((api) => [api.name, api.methods.length])),
    unavailable: apis.filter((api) => api.unavailable).map((api) => `${api.name}: ${api.unavailable}`),
  };
}

/**
 * Times ROUNDS executions of `code` (a GitHub call the egress gateway
 * refuses; its check and compilation already made) with GitHub granted,
 * alternating with `math.add` on the same host: what granting an API of
 * `methodCount` methods adds to an execution. Resolves with the line to print.
 */
async function timeGrantedGithub(base, code, methodCount) {
  const times = { github: [], math: [] };
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? ["github", "math"] : ["math", "github"];
    for (const which of order) times[which].push(which === "math" ? await timeMath(base) : (await execute(base, { code, apis: ["github"] })).ms);
  }
  const [github, math] = [median(times.github), median(times.math)];
  return `The same call with GitHub (${methodCount} methods) granted, ${ROUNDS} runs alternating with math.add on that host: p50 ${github.toFixed(1)} ms, against ${math.toFixed(1)} ms for math.add.`;
}

/** The first GitHub method the host's MCP `search` gives for GITHUB_TASK. */
async function searchGithub(base) {
  const client = new Client({ name: "test-imports", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
  try {
    const { structuredContent } = await client.callTool({ name: "search", arguments: { query: GITHUB_TASK, limit: 5 } });
    return structuredContent.hits.find((hit) => hit.api === "github")?.method;
  } finally {
    await client.close();
  }
}

/**
 * Runs the step. `specs` maps "github" and "stripe" to their JSON's path;
 * `workDir` holds the generated configs. Resolves with the lines to print
 * and the failures, each a sentence.
 */
export async function runOneHost(specs, workDir) {
  const lines = [];
  const failures = [];
  const persist = mkdtempSync(join(tmpdir(), "ghostwire-one-host-"));
  const remote = await startMcpServer(registerTrickyTools);
  const imports = [
    { name: "github", egress: "github", path: specs.github },
    { name: "stripe", egress: "stripe", path: specs.stripe },
  ];
  const suffix = process.pid;
  const hosts = [];
  try {
    let started = performance.now();
    const [withConfig, bareConfig] = await Promise.all([
      buildHost(join(workDir, "with-imports"), `ghostwire-one-host-with-${suffix}`, imports),
      buildHost(join(workDir, "without-imports"), `ghostwire-one-host-without-${suffix}`, []),
    ]);
    lines.push(`Both hosts built in ${((performance.now() - started) / 1000).toFixed(1)} s (wrangler deploy --dry-run).`);
    started = performance.now();
    const settled = await Promise.allSettled([
      startHost(withConfig, join(persist, "with"), { GHOSTWIRE_MCP_SERVERS: JSON.stringify([{ name: MCP_NAME, url: remote.url }]) }),
      startHost(bareConfig, join(persist, "without")),
    ]);
    hosts.push(...settled.filter((result) => result.status === "fulfilled").map((result) => result.value));
    const notStarted = settled.find((result) => result.status === "rejected");
    if (notStarted !== undefined) throw notStarted.reason;
    const [full, bare] = hosts;
    lines.push(`Both hosts answered ${((performance.now() - started) / 1000).toFixed(1)} s after wrangler dev started them.`);

    started = performance.now();
    const listed = await listedApis(full.base);
    lines.push(`GET /v1/apis on the host with the imports: ${listed.names.join(", ")} (${Math.round(performance.now() - started)} ms).`);
    const missing = ["github", "stripe", MCP_NAME].filter((name) => !listed.names.includes(name) || listed.unavailable.some((entry) => entry.startsWith(`${name}:`)));
    if (missing.length > 0) failures.push(`/v1/apis does not offer ${missing.join(", ")}${listed.unavailable.length > 0 ? ` (${listed.unavailable.join("; ")})` : ""}`);

    const method = await searchGithub(full.base);
    if (method === undefined) failures.push(`the host's search found no GitHub method for "${GITHUB_TASK}"`);
    else {
      const code = `try { await github.${method}(${JSON.stringify(GITHUB_INPUT)}); return "sent"; } catch (error) { return (error as Error).message; }`;
      // Twice: the first check of code against GitHub's declarations builds their type environment.
      const runs = [await execute(full.base, { code, apis: ["github"] }), await execute(full.base, { code, apis: ["github"] })];
      const refused = ({ answer }) => answer.ok === true && answer.stats?.egress?.some((entry) => entry.refused !== undefined && entry.host === "api.github.com");
      lines.push(`search "${GITHUB_TASK}" → github.${method}; a checked call of it with GitHub granted took ${runs.map(({ ms }) => `${Math.round(ms)} ms`).join(", then ")}, and ${runs.every(refused) ? "was refused by egress, as expected" : `answered ${JSON.stringify(runs.find((run) => !refused(run)).answer).slice(0, 300)}`}.`);
      const wrong = runs.find((run) => !refused(run))?.answer;
      if (wrong !== undefined) failures.push(`the checked call of github.${method} did not type-check and reach the egress gateway: ${JSON.stringify(wrong.error ?? wrong.diagnostics ?? wrong.result).slice(0, 300)}`);
      else lines.push(await timeGrantedGithub(full.base, code, listed.methods.github));
    }

    const times = { full: [], bare: [] };
    for (let i = 0; i < WARMUP; i++) await Promise.all([timeMath(full.base), timeMath(bare.base)]);
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? ["full", "bare"] : ["bare", "full"];
      for (const which of order) times[which].push(await timeMath(which === "full" ? full.base : bare.base));
    }
    const [p50Full, p50Bare] = [median(times.full), median(times.bare)];
    const [rssFull, rssBare] = [await full.rssMb(), await bare.rssMb()];
    lines.push(
      `math.add, checked, ${ROUNDS} alternating runs each: p50 ${p50Full.toFixed(1)} ms with GitHub + Stripe + ${MCP_NAME} imported, ${p50Bare.toFixed(1)} ms without (ratio ${(p50Full / p50Bare).toFixed(2)}). Target < ${TARGET_MS} ms: ${p50Full < TARGET_MS ? "met" : "NOT met (not a failure: timings on a shared machine are noise)"}.`,
    );
    lines.push(`Host memory (workerd RSS): ${rssFull ?? "?"} MB with the imports, ${rssBare ?? "?"} MB without.`);
    return { lines, failures, p50Full, p50Bare, rssFull, rssBare };
  } catch (error) {
    failures.push(error.message);
    return { lines, failures };
  } finally {
    await Promise.all(hosts.map((host) => host.stop()));
    await remote.close();
    rmSync(persist, { recursive: true, force: true });
  }
}
