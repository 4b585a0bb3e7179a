// `npm run test:imports`: imports real OpenAPI specs (test/imports/specs.mjs)
// and an MCP server of tricky tool schemas with the host's own importers and
// prints, as a Markdown table, what an agent would get: operations,
// declaration size, whether the declarations pass `tsc --strict`, how many
// methods lost part of their schema, whether search finds ten
// natural-language tasks, import time and memory, and what the bridge's
// output check makes of every documented 2xx response example
// (example-replay.ts). Then it starts one real host with GitHub, Stripe and
// the MCP server imported and times `math` on it (one-host/step.mjs).
//
// Each import runs in a child process limited to HEAP_LIMIT_MB of heap and
// TIMEOUT_MS, so a spec that exhausts memory is a failed row. The
// declarations are then checked by the repo's tsc (another child) together
// with the sandbox globals agent code is checked against, under the host's
// compiler options (host/execution/check/typecheck.ts) except that .d.ts
// files are checked (skipLibCheck off, the ES library itself skipped).
//
// Exits 1 when a spec fails to import, its declarations are not valid
// TypeScript, a schema is lost without a note in the method's doc, search
// finds fewer than SEARCH_PASS of its ten tasks in the top SEARCH_TOP, a
// documented response example is rejected; when the MCP server's
// declarations are not valid TypeScript or a tool is lost without a note;
// or when the one host does not start, an execution on it errors, or its
// /v1/apis lacks an import. Timings never fail it.
//
// Usage: npm run test:imports [-- <label>…]   e.g. npm run test:imports -- Slack Twilio MCP
//   labels: the specs' (GitHub, Jira, Slack, Twilio, Stripe), MCP, one-host; none means all.
import { bundleForNode } from "../node-bundle.mjs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installSpecs } from "./install-specs.mjs";
import { runOneHost } from "./one-host/step.mjs";
import { SEARCH_PASS, SEARCH_TOP } from "./search-tasks.mjs";
import { SPECS } from "./specs.mjs";
import { markdownTable } from "./table.mjs";

/** Heap one import (or one tsc run) may use; far above what a Worker gets (128 MB), so only runaway work hits it. */
const HEAP_LIMIT_MB = 1536;
/** Longest one import (or one tsc run) may take. */
const TIMEOUT_MS = 300_000;
/** The ES library agent code sees (host/generated/type-environment.ts, DEFAULT_LIB). */
const ES_LIB = "es2025";

/** Labels of the rows and the step that are not specs. */
const MCP = "MCP";
const ONE_HOST = "one-host";
/** The table's label of the MCP row, and the server's namespace. */
const MCP_ROW = { label: "MCP: tricky tools (test/e2e/mcp-tricky-tools.mjs)", name: "tricky" };

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cache = join(root, "node_modules", ".cache", "ghostwire-imports");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const runStarted = performance.now();

const labels = [...SPECS.map((spec) => spec.label), MCP, ONE_HOST];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((label) => !labels.includes(label));
if (unknown.length > 0) {
  console.error(`Unknown label ${unknown.join(", ")}; the labels are ${labels.join(", ")}.`);
  process.exit(2);
}
const runs = (label) => wanted.length === 0 || wanted.includes(label);
const specs = SPECS.filter((spec) => runs(spec.label));
/** The specs the one host imports, by namespace. */
const hostSpecs = SPECS.filter((spec) => spec.name === "github" || spec.name === "stripe");
const paths = installSpecs(cache, runs(ONE_HOST) ? [...new Set([...specs, ...hostSpecs])] : specs);

/** Bundles a child's TypeScript entry (test/imports/<name>.ts) for Node; resolves with the bundle's path. */
async function bundledChild(name) {
  const out = join(cache, `${name}.mjs`);
  await bundleForNode(join(root, "test", "imports", `${name}.ts`), out);
  return out;
}

/** Runs node with a heap limit and a deadline; `failure` says why it stopped when it did not exit 0. */
function runNode(args) {
  const result = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, ...args], { cwd: root, encoding: "utf8", timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  const stopped = result.error?.code === "ETIMEDOUT" || result.signal === "SIGTERM" ? `stopped after ${TIMEOUT_MS / 1000} s` : undefined;
  const oom = /heap out of memory|Allocation failed/i.test(result.stderr) ? `out of memory (${HEAP_LIMIT_MB} MB heap)` : undefined;
  const failure = result.status === 0 ? undefined : (stopped ?? oom ?? `exit ${result.status ?? result.signal}: ${result.stderr.trim().split("\n").slice(-3).join(" ").slice(0, 300)}`);
  return { ...result, failure };
}

/** tsc --strict over the declarations in `dir`; errors in apis.d.ts by code, e.g. { TS2411: 425 }. */
function checkDeclarations(dir) {
  const compilerOptions = { strict: true, target: "es2022", module: "esnext", moduleResolution: "bundler", lib: [ES_LIB], types: [], noEmit: true, skipLibCheck: false, skipDefaultLibCheck: true };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["sandbox-globals.d.ts", "apis.d.ts"] }));
  const result = runNode([tsc, "-p", dir, "--pretty", "false"]);
  const codes = {};
  for (const [, file, code] of result.stdout.matchAll(/^(.*?)\(\d+,\d+\): error (TS\d+)/gm)) {
    const key = file.endsWith("apis.d.ts") ? code : `${code} outside apis.d.ts`;
    codes[key] = (codes[key] ?? 0) + 1;
  }
  if (result.status !== 0 && Object.keys(codes).length === 0) return { failure: result.failure ?? "tsc failed without diagnostics" };
  return { codes };
}

/** Runs one import child (its arguments end with the directory it writes the declarations to), then tsc over them; resolves with the row. */
function importRow(base, childArgs) {
  const dir = mkdtempSync(join(tmpdir(), `ghostwire-imports-${base.name}-`));
  const imported = runNode(["--expose-gc", ...childArgs, dir]);
  let row;
  try {
    row = { ...base, ...JSON.parse(imported.stdout.trim().split("\n").pop() ?? "") };
  } catch {
    row = { ...base, failure: imported.failure ?? "the import printed no result" };
  }
  if (row.failure === undefined) row.tsc = checkDeclarations(dir);
  rmSync(dir, { recursive: true, force: true });
  return row;
}

/** Why a row fails, as sentences: the import, tsc, and the row's own criteria. */
function failuresOf(row, own) {
  return [
    row.failure && `the import failed: ${row.failure}`,
    row.tsc?.failure && `tsc did not finish: ${row.tsc.failure}`,
    row.tsc?.codes && Object.keys(row.tsc.codes).length > 0 && "its declarations are not valid TypeScript",
    ...(row.failure === undefined ? own : []),
  ].filter(Boolean);
}

const rows = [];
if (specs.length > 0) {
  const child = await bundledChild("import-child");
  for (const spec of specs) {
    console.log(`Importing ${spec.label} (${spec.file}) …`);
    const row = importRow({ kind: "spec", label: spec.label, name: spec.name }, [child, paths.get(spec.label), spec.label, spec.name, spec.egress]);
    row.failures = failuresOf(row, [
      row.silent > 0 && `${row.silent} methods lost part of their schema without a note: ${row.silentMethods.slice(0, 10).join(", ")}`,
      row.found < SEARCH_PASS && `search found ${row.found} of ${row.found + row.misses.length} tasks in the top ${SEARCH_TOP}, fewer than ${SEARCH_PASS}`,
      row.replay?.rejected > 0 && `the output check rejected ${row.replay.rejected} of its ${row.replay.examples} documented 2xx examples`,
    ]);
    rows.push(row);
  }
}
if (runs(MCP)) {
  console.log(`Importing the tricky MCP server (test/e2e/mcp-tricky-tools.mjs) …`);
  const row = importRow({ kind: "mcp", ...MCP_ROW }, [await bundledChild("mcp-child"), MCP_ROW.name]);
  row.failures = failuresOf(row, [row.lost > 0 && `${row.lost} tools were lost without a note`]);
  rows.push(row);
}

let failed = rows.some((row) => row.failures.length > 0);
if (rows.length > 0) console.log(`\n${markdownTable(rows)}\n`);
for (const row of rows) {
  for (const failure of row.failures) console.log(`- ${row.label}: ${failure}.`);
  for (const miss of row.misses ?? []) console.log(`  - ${row.label} search missed ${miss}`);
}
const replayed = rows.filter((row) => row.replay?.examples > 0);
if (replayed.length > 0) console.log(`\nDocumented 2xx examples the output check did not take as they are (the first few per spec; at most ${replayed[0].replay.cap} examples replayed per spec):`);
for (const row of replayed) {
  for (const rejection of row.replay.rejections) console.log(`  - ${row.label}, rejected: ${rejection}`);
  for (const warning of row.replay.warnings) console.log(`  - ${row.label}, warning: ${warning}`);
}

if (runs(ONE_HOST)) {
  console.log(`\nOne host: GitHub, Stripe and the tricky MCP server imported, timing math (one-host/step.mjs) …`);
  const specPaths = Object.fromEntries(hostSpecs.map((spec) => [spec.name, paths.get(spec.label)]));
  const step = await runOneHost(specPaths, join(cache, "one-host"));
  for (const line of step.lines) console.log(`  ${line}`);
  for (const failure of step.failures) console.log(`- one host: ${failure}.`);
  failed ||= step.failures.length > 0;
}

const minutes = ((performance.now() - runStarted) / 60_000).toFixed(1);
if (failed) {
  console.log(`\nFAIL after ${minutes} min: some imports do not meet issue 18's criteria (listed above).`);
  process.exit(1);
}
console.log(`\nPASS after ${minutes} min: every import that ran declares valid TypeScript and notes every lost schema or tool; every spec finds at least ${SEARCH_PASS} of its ten tasks and has no documented example rejected; the one host, if it ran, served all three imports and math.`);
