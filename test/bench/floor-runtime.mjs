// The floor runtime of `npm run bench:runtime-floor`: a sandbox runtime that
// keeps the host's protocol (api-types/sandbox-protocol.ts: `run(bridge,
// manifest)` answers a SandboxOutcome) and none of its guarantees. It makes
// each granted API a plain object of methods that call the bridge with
// JSON.stringify, runs the agent's module, and answers its result as JSON:
// no fuel, no bounded encoding, no console capture, no callback guard, no
// egress check, no call-site stacks, no wait for unawaited calls. The shape
// of @cloudflare/codemode's executor module, so that a host running it shows
// what the host itself costs next to codemode, and the difference from the
// real runtime what the guarantees cost. For measurement only: never load
// it where agent code is untrusted.
export const FLOOR_RUNTIME_JS = `import { WorkerEntrypoint } from "cloudflare:workers";
import runAgent from "./agent.js";
export default class FloorRuntime extends WorkerEntrypoint {
  async run(bridge, manifest) {
    for (const [api, methods] of Object.entries(manifest.apis)) {
      const namespace = {};
      for (const method of methods) {
        namespace[method] = async (input) => {
          const reply = await bridge.call(api, method, JSON.stringify(input ?? {}));
          if (!reply.ok) throw new Error(reply.message);
          return reply.json === undefined ? undefined : JSON.parse(reply.json);
        };
      }
      globalThis[api] = namespace;
    }
    const value = await runAgent(() => {})();
    return { ok: true, resultJson: JSON.stringify(value), resultTruncated: false, logs: { entries: [], dropped: 0, truncated: false }, fuelUsed: 0, unawaitedCalls: 0 };
  }
}
`;
