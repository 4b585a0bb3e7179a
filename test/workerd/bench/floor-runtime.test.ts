import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SandboxManifest } from "../../../api-types/sandbox-protocol.js";
import { captureLimits } from "../../../host/config.js";
import { ExecutionBridge } from "../../../host/execution/bridge.js";
import { createInstrumentation } from "../../../host/execution/instrument.js";
import { sortedMethodNames } from "../../../host/execution/method-names.js";
import { readSandboxOutcome } from "../../../host/execution/outcome.js";
import { parseCode } from "../../../host/execution/parsed-code.js";
import { transpile } from "../../../host/execution/transpile.js";
import { SANDBOX_COMPATIBILITY_DATE } from "../../../host/isolates/isolate.js";
import { FLOOR_RUNTIME_JS } from "../../bench/floor-runtime.mjs";
import { demoHost } from "../helpers.js";

/**
 * `npm run bench:runtime-floor` puts test/bench/floor-runtime.mjs in place of
 * the sandbox runtime and reads host against floor as the cost of the
 * runtime's guarantees. That holds only while the floor speaks the host's
 * protocol: the same module names, the same `run(bridge, manifest)`, an
 * answer the host's outcome validation accepts.
 */
describe("the bench's floor runtime", () => {
  it("runs the agent's compiled module against the real bridge and answers an outcome the host accepts", async () => {
    const host = demoHost(env);
    const [math] = (await host.catalog.for(["math"])).grant(["math"]);
    const limits = captureLimits(host.config);
    const manifest: SandboxManifest = { apis: { math: sortedMethodNames(math.contract) }, limits, fuel: host.config.GHOSTWIRE_MAX_FUEL };
    const compiled = transpile(parseCode("const sum = await math.add({ a: 20, b: 22 });\nreturn { sum };"), createInstrumentation().transformers);
    if (!compiled.ok) throw new Error("The test's program does not compile.");
    const bridge = new ExecutionBridge([math], { ...limits, maxApiCalls: 10 });
    const worker = env.LOADER.load({
      compatibilityDate: SANDBOX_COMPATIBILITY_DATE,
      mainModule: "runtime.js",
      modules: { "runtime.js": FLOOR_RUNTIME_JS, "agent.js": compiled.compiled.js },
      env: {},
      globalOutbound: null,
    });
    const entrypoint = worker.getEntrypoint() as unknown as { run(bridge: ExecutionBridge, manifest: SandboxManifest): Promise<unknown> };
    const outcome = readSandboxOutcome(await entrypoint.run(bridge, manifest), limits, manifest.fuel, bridge.callCount);
    expect(bridge.callCount).toBe(1);
    expect(outcome).toEqual({ ok: true, result: { sum: 42 }, resultTruncated: false, logs: { entries: [], dropped: 0, truncated: false }, fuelUsed: 0, unawaitedCalls: 0 });
  });
});
