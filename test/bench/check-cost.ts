// One program through the host's TypeChecker, in this process; bundled and
// run by test/bench/check-cost.mjs, one child process per program, so that
// each one's peak memory is its own. Prints one JSON line.
import { createAgentSource } from "../../host/execution/agent-source.js";
import { declareApis } from "../../host/apis/declarations.js";
import { DEMO_OPTIONS } from "../../host/demo/index.js";
import { resolveOptions } from "../../host/ghostwire-options.js";
import { TypeChecker } from "../../host/execution/check/typecheck.js";
import { CHECK_BOMBS, REALISTIC_PROGRAMS } from "../workerd/execution/check-bombs.js";

const [name, budget] = process.argv.slice(2);
const code = CHECK_BOMBS[name] ?? REALISTIC_PROGRAMS[name];
const declarations = declareApis(resolveOptions(DEMO_OPTIONS).registry.list().map((api) => api.contract));
const checker = new TypeChecker(budget === "unbounded" ? { budgetUnits: Number.POSITIVE_INFINITY } : {});
checker.check(createAgentSource("return 1;"), declarations); // warm: the library is bound once per host
const heapBefore = process.memoryUsage().heapUsed;
const cpu = process.cpuUsage();
const checked = checker.check(createAgentSource(code), declarations);
const used = process.cpuUsage(cpu);
console.log(
  JSON.stringify({
    outcome: checked.ok ? `${checked.diagnostics.length} diagnostics` : "CheckBudgetExceeded",
    units: checked.ok ? checked.units : undefined,
    cpuMs: Math.round((used.user + used.system) / 1000),
    heapGrowthMb: Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
