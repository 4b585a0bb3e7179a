// The warm type-check report of `npm run bench:check` (issue 14 point 4):
// what the host's check step (host/execution/check/check-step.ts: the
// declarations of the granted APIs, then the check) costs for a 30-line
// program once the checker is warm, for two API sets: the demo's 5 APIs and
// one imported MCP server of 100 methods. Bundled and run in child processes
// by test/bench/check-cost.mjs; prints one JSON line, an array of rows.
//
// Each timed check gets code the checker has not seen (a numbered comment),
// as each request brings new code. Two states of the process are measured,
// because V8 keeps optimizing the compiler's code for hundreds of checks:
//   node check-warm.mjs fresh <set>  a new process: checks 6 to 20 of that
//                                    set, the first ones after it starts;
//   node check-warm.mjs steady       a process that has already checked
//                                    STEADY_WARMUP programs of each set, as a
//                                    host isolate that has served a while has:
//                                    per set, SET_WARMUP untimed checks, RUNS
//                                    timed ones, then RUNS checks that each
//                                    follow one of the other set (its
//                                    declarations: a new warm checker).
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

/** Timed checks per set in a steady process; the report gives their median and 90th percentile. */
const RUNS = 100;
/** Checks of each set before a steady process is timed. */
const STEADY_WARMUP = 300;
/** Untimed checks of a set just before its timed ones: its declarations get a warm checker of their own. */
const SET_WARMUP = 50;
/** Untimed checks of a fresh process before its FRESH_RUNS timed ones. */
const FRESH_WARMUP = 5;
const FRESH_RUNS = 15;

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

/** The value at `fraction` of the sorted `values` (0.5: the median), to 0.1 ms. */
const quantile = (values: number[], fraction: number) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length * fraction)] * 10) / 10;
const median = (values: number[]) => quantile(values, 0.5);
const timedChecks = (set: (typeof sets)[number], count: number) => Array.from({ length: count }, () => timedCheck(set));

const describeSet = (set: (typeof sets)[number]) => ({
  apis: set.name,
  programLines: set.code.split("\n").length,
  declarationChars: declareApis(set.contracts).length,
  diagnostics: timedCheck(set).diagnostics,
});

const [mode, setName] = process.argv.slice(2);
if (mode === "fresh") {
  const set = sets.find((candidate) => candidate.name.startsWith(`${setName}:`));
  if (set === undefined) throw new Error(`No API set named ${setName}; name demo or imported.`);
  timedChecks(set, FRESH_WARMUP - 1);
  const row = describeSet(set);
  const fresh = timedChecks(set, FRESH_RUNS);
  console.log(JSON.stringify([{ ...row, freshP50Ms: median(fresh.map((run) => run.wallMs)), freshCpuP50Ms: median(fresh.map((run) => run.cpuMs)) }]));
} else {
  for (const set of sets) timedChecks(set, STEADY_WARMUP);
  const rows = [];
  for (const [at, set] of sets.entries()) {
    const other = sets[(at + 1) % sets.length];
    timedChecks(set, SET_WARMUP);
    const row = describeSet(set);
    const warm = timedChecks(set, RUNS);
    const switched = Array.from({ length: RUNS }, () => {
      timedCheck(other);
      return timedCheck(set);
    });
    rows.push({
      ...row,
      steadyP50Ms: median(warm.map((run) => run.wallMs)),
      steadyP90Ms: quantile(warm.map((run) => run.wallMs), 0.9),
      steadyCpuP50Ms: median(warm.map((run) => run.cpuMs)),
      afterOtherSetP50Ms: median(switched.map((run) => run.wallMs)),
    });
  }
  console.log(JSON.stringify(rows));
}
