// `npm run test:imports`: imports real OpenAPI specs (test/imports/specs.mjs)
// with the host's own importer and prints, as a Markdown table, what an agent
// would get: operations, declaration size, whether the declarations pass
// `tsc --strict`, how many methods lost part of their schema, whether search
// finds ten natural-language tasks, import time and memory.
//
// Each spec is imported in a child process limited to HEAP_LIMIT_MB of heap
// and TIMEOUT_MS, so a spec that exhausts memory is a failed row. The
// declarations are then checked by the repo's tsc (another child) together
// with the sandbox globals agent code is checked against, under the host's
// compiler options (host/execution/check/typecheck.ts) except that .d.ts
// files are checked (skipLibCheck off, the ES library itself skipped).
//
// Exits 1 when a spec fails to import, its declarations are not valid
// TypeScript, a schema is lost without a note in the method's doc, or search
// finds fewer than SEARCH_PASS of its ten tasks in the top SEARCH_TOP.
//
// Usage: npm run test:imports [-- <label>…]   e.g. npm run test:imports -- Slack Twilio
import { bundleForNode } from "../node-bundle.mjs";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installSpecs } from "./install-specs.mjs";
import { SEARCH_PASS, SEARCH_TOP } from "./search-tasks.mjs";
import { SPECS } from "./specs.mjs";
import { markdownTable } from "./table.mjs";

/** Heap one import (or one tsc run) may use; far above what a Worker gets (128 MB), so only runaway work hits it. */
const HEAP_LIMIT_MB = 1536;
/** Longest one import (or one tsc run) may take. */
const TIMEOUT_MS = 300_000;
/** The ES library agent code sees (host/generated/type-environment.ts, DEFAULT_LIB). */
const ES_LIB = "es2025";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const cache = join(root, "node_modules", ".cache", "ghostwire-imports");
const child = join(cache, "import-child.mjs");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

const wanted = process.argv.slice(2);
const unknown = wanted.filter((label) => !SPECS.some((spec) => spec.label === label));
if (unknown.length > 0) {
  console.error(`Unknown spec ${unknown.join(", ")}; the specs are ${SPECS.map((spec) => spec.label).join(", ")}.`);
  process.exit(2);
}
const specs = wanted.length === 0 ? SPECS : SPECS.filter((spec) => wanted.includes(spec.label));
const paths = installSpecs(cache, specs);

await bundleForNode(join(root, "test", "imports", "import-child.ts"), child);

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

const rows = [];
let failed = false;
for (const spec of specs) {
  const dir = mkdtempSync(join(tmpdir(), `ghostwire-imports-${spec.name}-`));
  console.log(`Importing ${spec.label} (${spec.file}) …`);
  const imported = runNode(["--expose-gc", child, paths.get(spec.label), spec.label, spec.name, spec.egress, dir]);
  let row;
  try {
    row = { spec, ...JSON.parse(imported.stdout.trim().split("\n").pop() ?? "") };
  } catch {
    row = { spec, failure: imported.failure ?? "the import printed no result" };
  }
  if (row.failure === undefined) row.tsc = checkDeclarations(dir);
  rmSync(dir, { recursive: true, force: true });
  row.failures = [
    row.failure && `the import failed: ${row.failure}`,
    row.tsc?.failure && `tsc did not finish: ${row.tsc.failure}`,
    row.tsc?.codes && Object.keys(row.tsc.codes).length > 0 && "its declarations are not valid TypeScript",
    row.silent > 0 && `${row.silent} methods lost part of their schema without a note: ${row.silentMethods.slice(0, 10).join(", ")}`,
    row.found < SEARCH_PASS && `search found ${row.found} of ${row.found + row.misses.length} tasks in the top ${SEARCH_TOP}, fewer than ${SEARCH_PASS}`,
  ].filter(Boolean);
  failed ||= row.failures.length > 0;
  rows.push(row);
}

console.log(`\n${markdownTable(rows)}\n`);
for (const row of rows) {
  for (const failure of row.failures) console.log(`- ${row.spec.label}: ${failure}.`);
  for (const miss of row.misses ?? []) console.log(`  - ${row.spec.label} search missed ${miss}`);
}
if (failed) {
  console.log(`\nFAIL: some specs do not meet issue 18's criteria (listed above).`);
  process.exit(1);
}
console.log(`\nPASS: every spec imports, declares valid TypeScript, notes every lost schema and finds at least ${SEARCH_PASS} of its ten tasks.`);
