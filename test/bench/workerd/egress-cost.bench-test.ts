import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { SandboxManifest } from "../../../api-types/sandbox-protocol.js";
import { ExecutionBridge } from "../../../host/execution/bridge.js";
import { DEMO_EGRESS_RULES } from "../../../host/demo/egress-rules.js";
import { createEgressGateway } from "../../../host/egress/index.js";
import { runInIsolate } from "../../../host/isolates/isolate.js";

/**
 * Measures, side by side in one run, what the egress gateway costs: per
 * execution (an Egress binding as globalOutbound against none) and per
 * request (the same upstream request made by host code directly, through the
 * gateway's session from the host, and by sandboxed code through the Egress
 * entrypoint). It prints p50s and asserts only on outcomes, never on time:
 * timings on a shared machine are noisy. Run it with:
 *   npm run bench:workerd -- egress-cost
 */

const ROUNDS = 15;
const REQUESTS = 10;
const UPSTREAM = "http://rates.demo.invalid/v1/latest?symbols=USD";
const MANIFEST: SandboxManifest = { apis: {}, limits: { maxLogEntries: 1, maxLogMessageChars: 100, maxLogTotalChars: 100, maxResultChars: 10_000, maxCallInputChars: 10_000 }, fuel: 1_000_000 };
const LIMITS = { timeoutMs: 10_000, cpuMs: 10_000, subRequests: 100 };

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timed(work: () => Promise<unknown>): Promise<{ ms: number; value: unknown }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

describe("the cost of the egress gateway", () => {
  it("is measured side by side: per execution, and per request", { timeout: 120_000 }, async () => {
    const gateway = createEgressGateway(env, DEMO_EGRESS_RULES, { maxRequests: 1000, maxResponseBytes: 1 << 20, timeoutMs: 10_000 });
    const bridge = () => new ExecutionBridge([], { maxApiCalls: 0, maxCallInputChars: 0, maxLogEntries: 0, maxLogMessageChars: 0 });
    const idle = `export default () => async () => 1;`;
    const fetching = `export default () => async () => { let text = ""; for (let i = 0; i < ${REQUESTS}; i++) text = await (await fetch("${UPSTREAM}")).text(); return text; };`;
    const direct = async () => {
      let text = "";
      for (let i = 0; i < REQUESTS; i++) {
        text = await (await env.DEMO_UPSTREAM.fetch(UPSTREAM, { headers: { authorization: `Bearer ${env.DEMO_UPSTREAM_TOKEN}` } })).text();
      }
      return { kind: "settled", outcome: { resultJson: JSON.stringify(text) } };
    };

    const variants: Record<string, () => Promise<unknown>> = {
      "execution, globalOutbound: null": () => runInIsolate(env.LOADER, { agentJs: idle, bridge: bridge(), manifest: MANIFEST, limits: LIMITS }, null),
      "execution, globalOutbound: Egress": () => {
        const session = gateway.open([]);
        return runInIsolate(env.LOADER, { agentJs: idle, bridge: bridge(), manifest: MANIFEST, limits: LIMITS }, exports.Egress({ props: { session: session.id } })).finally(() => gateway.close(session));
      },
      [`${REQUESTS} requests, host → upstream directly`]: direct,
      [`${REQUESTS} requests, host → gateway session → upstream`]: async () => {
        const session = gateway.open(["demo-rates"]);
        const fetchUpstream = session.fetcherFor(["demo-rates"]);
        let text = "";
        for (let i = 0; i < REQUESTS; i++) text = await (await fetchUpstream(UPSTREAM)).text();
        gateway.close(session);
        return { kind: "settled", outcome: { resultJson: JSON.stringify(text) } };
      },
      [`${REQUESTS} requests, sandbox → Egress → upstream`]: () => {
        const session = gateway.open(["demo-rates"]);
        return runInIsolate(env.LOADER, { agentJs: fetching, bridge: bridge(), manifest: MANIFEST, limits: LIMITS }, exports.Egress({ props: { session: session.id } })).finally(() => gateway.close(session));
      },
    };

    const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
    const results = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, work] of Object.entries(variants)) {
        const { ms, value } = await timed(work);
        if (round > 0) times[name].push(ms);
        const outcome = (value as { kind: string; outcome?: { resultJson?: string } }).outcome;
        expect((value as { kind: string }).kind).toBe("settled");
        if (name.includes("requests")) results.add(outcome?.resultJson ?? "");
      }
    }
    // Every way of asking returned the same rates.
    expect([...results]).toEqual([JSON.stringify(JSON.stringify({ base: "EUR", date: "2026-11-01", rates: { USD: 1.0842 } }))]);

    const table = Object.entries(times).map(([name, ms]) => `${name.padEnd(52)} ${String(p50(ms)).padStart(4)} ms`);
    const perRequest = (name: string) => p50(times[name]) / REQUESTS;
    const directMs = perRequest(`${REQUESTS} requests, host → upstream directly`);
    const sandboxMs = (p50(times[`${REQUESTS} requests, sandbox → Egress → upstream`]) - p50(times["execution, globalOutbound: Egress"])) / REQUESTS;
    console.log(
      [
        `egress cost, p50 of ${ROUNDS - 1} interleaved rounds:`,
        ...table,
        `per request: upstream alone ${directMs.toFixed(2)} ms; from the sandbox through the gateway ${sandboxMs.toFixed(2)} ms (${(sandboxMs / Math.max(directMs, 0.01)).toFixed(1)}×)`,
      ].join("\n"),
    );
  });
});
