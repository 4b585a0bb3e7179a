// The warm type-check report of `npm run bench:check` (issue 14 point 4):
// what the host's check step (host/execution/check/check-step.ts: the
// declarations of the granted APIs, then the check) costs for a 30-line
// program once the checker is warm, for two API sets: the demo's 5 APIs and
// one imported MCP server of 100 methods. Bundled and run in a child process
// by test/bench/check-cost.mjs; prints one JSON line, an array of rows.
//
// Each timed check gets code the checker has not seen (a numbered comment),
// as each request brings new code; the declarations are those of the
// previous check ("warm"), or of the other set ("after the other set").
import type { ApiContract } from "../../api-types/define.js";
import { declareApis } from "../../host/apis/declarations.js";
import { createAgentSource } from "../../host/execution/agent-source.js";
import { checkStep } from "../../host/execution/check/check-step.js";
import { TypeChecker } from "../../host/execution/check/typecheck.js";
import { importedMcpServer } from "../../host/apis/imports/mcp/config.js";
import { importTools } from "../../host/apis/imports/mcp/source.js";
import { sortTools } from "../../host/apis/imports/mcp/tool-list.js";
import { DEMO_OPTIONS } from "../../host/demo/index.js";
import { resolveOptions } from "../../host/ghostwire-options.js";
import { DEMO_PROGRAM, IMPORTED_METHODS, IMPORTED_PROGRAM, importedTools } from "./check-warm-programs.js";

/** Timed checks per set and case; the report gives their median. */
const RUNS = Number(process.argv[2] ?? "15");
/** Untimed checks per set first: the library and each set's declarations get bound. */
const WARMUP = 5;

const backoffice = importedMcpServer.parse({ name: "backoffice", url: "https://backoffice.example/mcp" });
const imported = importTools(backoffice, sortTools(importedTools()), async () => ({ content: [] })).contract;
const sets: { name: string; contracts: readonly ApiContract[]; code: string }[] = [
  { name: "demo: 5 APIs", contracts: resolveOptions(DEMO_OPTIONS).registry.list().map((api) => api.contract), code: DEMO_PROGRAM },
  { name: `imported: 1 API of ${IMPORTED_METHODS} methods`, contracts: [imported], code: IMPORTED_PROGRAM },
];

const checker = new TypeChecker();
let serial = 0;
/** One check of `set`'s program, new to the checker; its wall and CPU milliseconds and diagnostics. */
function timedCheck(set: (typeof sets)[number]) {
  const source = createAgentSource(`${set.code}\n// check ${++serial}`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const checked = checkStep(checker, source, set.contracts);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!checked.ok) throw new Error(`The ${set.name} program went over the check budget: ${checked.error.message}`);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, diagnostics: checked.diagnostics.length };
}

/** The median of `values`, to 0.1 ms. */
const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] * 10) / 10;

const rows = [];
for (const [at, set] of sets.entries()) {
  const other = sets[(at + 1) % sets.length];
  for (let i = 0; i < WARMUP; i++) timedCheck(set);
  const warm = Array.from({ length: RUNS }, () => timedCheck(set));
  const switched = Array.from({ length: RUNS }, () => {
    timedCheck(other);
    return timedCheck(set);
  });
  rows.push({
    apis: set.name,
    programLines: set.code.split("\n").length,
    declarationChars: declareApis(set.contracts).length,
    diagnostics: warm[0].diagnostics,
    warmP50Ms: median(warm.map((run) => run.wallMs)),
    warmCpuP50Ms: median(warm.map((run) => run.cpuMs)),
    afterOtherSetP50Ms: median(switched.map((run) => run.wallMs)),
  });
}
console.log(JSON.stringify(rows));
