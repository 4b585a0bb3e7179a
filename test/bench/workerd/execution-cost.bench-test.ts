import { env, RpcTarget } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { executeRequest } from "../../../api-types/execution.js";
import type { BridgeReply, SandboxManifest } from "../../../api-types/sandbox-protocol.js";
import { captureLimits } from "../../../host/config.js";
import { createAgentSource } from "../../../host/execution/agent-source.js";
import { ExecutionBridge } from "../../../host/execution/bridge.js";
import { checkStep } from "../../../host/execution/check/check-step.js";
import { checkCode, runExecuteRequest } from "../../../host/execution/execute-request.js";
import { execute } from "../../../host/execution/executor.js";
import { createInstrumentation } from "../../../host/execution/instrument.js";
import { readSandboxOutcome } from "../../../host/execution/outcome.js";
import { transpile } from "../../../host/execution/transpile.js";
import { parseCode } from "../../../host/execution/parsed-code.js";
import { sortedMethodNames } from "../../../host/execution/method-names.js";
import { runInIsolate, SANDBOX_COMPATIBILITY_DATE } from "../../../host/isolates/isolate.js";
import { demoHost } from "../../workerd/helpers.js";

/**
 * Where one execution's time goes, measured inside workerd in one run: the
 * whole execution (type-checked and not) next to a bare load() with one RPC
 * call, and variants in between that add one part at a time. The variants
 * take turns execution by execution, RUNS each, so noise hits them alike.
 * The synchronous steps on the host are timed in batches of STEP_RUNS
 * (workerd's clock stands still during synchronous code and moves at the
 * next I/O, so a batch ends with a timer). Prints milliseconds (the slowest
 * execution too: a stall shows there, not in the median); asserts only that
 * every variant answers 42.
 * Print them with: npm run bench:workerd -- execution-cost
 */
const CODE = "return await math.add({ a: 20, b: 22 });";
const RUNS = 80;
const STEP_ROUNDS = 5;
const STEP_RUNS = 200;
/** Methods of the large API one path grants too (GitHub's import has about 1,000). */
const BIG_API_METHODS = 1000;

/** The floor: one tiny module that makes one RPC call (test/bench/bare-load.ts). */
const BARE_MODULE = `import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  async run(cap) { return await cap.add(20, 22); }
}`;
/** The floor, calling the real bridge the way the runtime does: one call with JSON text, answered with a BridgeReply. */
const BRIDGE_MODULE = `import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  async run(bridge) { return JSON.parse((await bridge.call("math", "add", '{"a":20,"b":22}')).json); }
}`;

class Adder extends RpcTarget {
  add(a: number, b: number): number {
    return a + b;
  }
}

/** A bridge that answers 42 to any call: the runtime's cost without the host's validation. */
class StubBridge extends RpcTarget {
  call(): BridgeReply {
    return { ok: true, json: "42" };
  }
  log(): void {}
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Milliseconds per call of `step` over `runs` calls, each awaited; the clock is read after I/O only. */
async function perCall(runs: number, step: () => unknown): Promise<number> {
  await tick();
  const started = Date.now();
  for (let i = 0; i < runs; i++) await step();
  await tick();
  return (Date.now() - started) / runs;
}

async function loadAndRun(module: string, capability: object): Promise<unknown> {
  const worker = env.LOADER.load({ compatibilityDate: SANDBOX_COMPATIBILITY_DATE, mainModule: "main.js", modules: { "main.js": module }, env: {}, globalOutbound: null });
  const entrypoint = worker.getEntrypoint() as unknown as { run(cap: object): Promise<unknown> } & Partial<Disposable>;
  try {
    return await entrypoint.run(capability);
  } finally {
    entrypoint[Symbol.dispose]?.();
  }
}

describe("the cost of one execution", () => {
  it("is broken down into its parts", { timeout: 600_000 }, async () => {
    const host = demoHost(env);
    const request = { code: CODE, apis: ["math"] };
    const source = createAgentSource(CODE);
    const [math] = (await host.catalog.for(["math"])).grant(["math"]);
    const limits = captureLimits(host.config);
    const manifest: SandboxManifest = { apis: { math: sortedMethodNames(math.contract) }, limits, fuel: host.config.GHOSTWIRE_MAX_FUEL };
    const transpiled = transpile(parseCode(CODE), createInstrumentation().transformers);
    if (!transpiled.ok) throw new Error("The bench's program does not compile.");
    const agentJs = transpiled.compiled.js;
    const jobLimits = { timeoutMs: 30_000, cpuMs: 30_000, subRequests: 10 };
    const realBridge = () => new ExecutionBridge([math], { ...limits, maxApiCalls: 10 });
    // An imported API the size of GitHub's granted next to math: its namespace is built only as far as the code reads it.
    const bigApi = Array.from({ length: BIG_API_METHODS }, (_, i) => `group${i % 50}.method${i}`).sort();
    const withBigApi: SandboxManifest = { ...manifest, apis: { ...manifest.apis, big: bigApi } };
    const inIsolate = async (bridge: ExecutionBridge | StubBridge, granted = manifest) => {
      const run = await runInIsolate(env.LOADER, { agentJs, bridge: bridge as ExecutionBridge, manifest: granted, limits: jobLimits });
      return run.kind === "settled" ? JSON.parse((run.outcome as { resultJson: string }).resultJson) : run;
    };

    // math has no approval rule, so an execution of it never pauses.
    const NO_PAUSE = { pause: () => Promise.reject(new Error("math.add needs no approval, so this execution cannot pause.")) };
    const paths: Record<string, () => Promise<unknown>> = {
      "bare load() + one RPC call": () => loadAndRun(BARE_MODULE, new Adder()),
      "bare load(), calling the real bridge": () => loadAndRun(BRIDGE_MODULE, realBridge()),
      "runtime + agent module, stub bridge": () => inIsolate(new StubBridge()),
      [`the same, an API of ${BIG_API_METHODS.toLocaleString("en-US")} methods in 50 groups granted too`]: () => inIsolate(new StubBridge(), withBigApi),
      "runtime + agent module, real bridge": () => inIsolate(realBridge()),
      "runtime + agent module, real bridge, egress session (host.isolates.run)": async () => {
        const session = host.egress.open([]);
        const run = await host.isolates.run({ agentJs, bridge: realBridge(), manifest, limits: jobLimits, egress: { session: session.id } }, () => false);
        host.egress.close(session);
        return run.kind === "settled" ? JSON.parse((run.outcome as { resultJson: string }).resultJson) : run;
      },
      "the same, its module compiled for each run (parse, transpile + instrument)": async () => {
        const fresh = transpile(parseCode(CODE), createInstrumentation().transformers);
        if (!fresh.ok) throw new Error("The bench's program does not compile.");
        const session = host.egress.open([]);
        const run = await host.isolates.run({ agentJs: fresh.compiled.js, bridge: realBridge(), manifest, limits: jobLimits, egress: { session: session.id } }, () => false);
        host.egress.close(session);
        return run.kind === "settled" ? JSON.parse((run.outcome as { resultJson: string }).resultJson) : run;
      },
      "execute() itself, check: false": async () => (await execute({ code: parseCode(CODE), apis: [math], egress: [], check: false, fuel: host.config.GHOSTWIRE_MAX_FUEL, timeoutMs: host.config.GHOSTWIRE_TIMEOUT_MS, approvals: NO_PAUSE }, { isolates: host.isolates, checker: host.checker, config: host.config, egress: host.egress })).result,
      "runExecuteRequest, check: false": async () => (await runExecuteRequest(host, { ...request, check: false })).result,
      "runExecuteRequest, type-checked": async () => (await runExecuteRequest(host, request)).result,
    };
    const times = Object.fromEntries(Object.keys(paths).map((name) => [name, [] as number[]]));
    for (const path of Object.values(paths)) expect(await path()).toBe(42);
    for (let run = 0; run < RUNS; run++) {
      for (const [name, path] of Object.entries(paths)) {
        await tick();
        const started = Date.now();
        const answer = await path();
        times[name].push(Date.now() - started);
        expect(answer).toBe(42);
      }
    }

    let fresh = 0;
    const outcome = { ok: true, resultJson: "42", resultTruncated: false, logs: { entries: [], dropped: 0, truncated: false }, fuelUsed: 2, unawaitedCalls: 0, then: undefined };
    const steps: Record<string, () => unknown> = {
      "request validation (executeRequest)": () => executeRequest.parse(request),
      "grant (catalog.for + grant)": async () => (await host.catalog.for(["math"])).grant(["math"]),
      "code checks (checkCode: size and nesting)": () => checkCode(host.config, CODE),
      "egress grant, open and close": () => host.egress.close(host.egress.open(host.egress.grant([math.contract], []))),
      "createAgentSource": () => createAgentSource(CODE),
      "type check, same code as the last check": () => checkStep(host.checker, source, [math.contract]),
      "type check, new code each time": () => checkStep(host.checker, createAgentSource(`${CODE} // ${++fresh}`), [math.contract]),
      "parse (parseCode)": () => parseCode(CODE),
      "parse, transpile + instrument": () => transpile(parseCode(CODE), createInstrumentation().transformers),
      "parse, transpile, no instrumentation": () => transpile(parseCode(CODE)),
      "one bridge call (ExecutionBridge.call, math.add)": () => realBridge().call("math", "add", '{"a":20,"b":22}'),
      "outcome validation (readSandboxOutcome)": () => readSandboxOutcome(outcome, limits, 1000, 1),
    };
    const stepTimes = Object.fromEntries(Object.keys(steps).map((name) => [name, [] as number[]]));
    for (let round = 0; round < STEP_ROUNDS; round++) {
      for (const [name, step] of Object.entries(steps)) stepTimes[name].push(await perCall(STEP_RUNS, step));
    }
    const lines = [
      `whole paths, ms per execution (${RUNS} each, taking turns; clock resolution 1 ms):`,
      ...Object.entries(times).map(([name, values]) => `  ${name}: mean ${mean(values).toFixed(2)}, median ${median(values).toFixed(1)}, slowest ${Math.max(...values)}`),
      `steps on the host, ms per call (median of ${STEP_ROUNDS} batches of ${STEP_RUNS}):`,
      ...Object.entries(stepTimes).map(([name, values]) => `  ${name}: ${median(values).toFixed(3)}`),
    ];
    console.log(lines.join("\n"));
  });
});
