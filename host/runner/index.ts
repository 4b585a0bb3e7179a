import { exports, WorkerEntrypoint } from "cloudflare:workers";
import type { SandboxBridge, SandboxManifest } from "../../api-types/sandbox-protocol";
import type { EgressProps, EgressRelay, EgressRelayEnv } from "../egress";
import { runInIsolate, type IsolateLimits, type IsolateRun } from "../isolate";
import type { RunnerService } from "../isolate-host";

export { EgressRelay } from "../egress";

/** The runner's bindings (host/runner/wrangler.jsonc). */
interface RunnerEnv extends EgressRelayEnv {
  readonly LOADER: WorkerLoader;
}

/** This Worker's own exports as loopback bindings; the global typing describes the host's. */
const loopback = exports as unknown as { EgressRelay: LoopbackServiceStub<EgressRelay> };

/**
 * The runner's RPC entrypoint, called by the host through its RUNNER service
 * binding. It holds the loader and nothing else: no API implementation, no
 * secret, no host state, so a crash here loses only the executions in flight.
 *
 * Contract: `run()` takes the transpiled, instrumented agent module, the
 * host's per-execution bridge stub and the props naming the execution's
 * egress session, runs them once in a fresh isolate whose fetch() is relayed
 * to the host's egress gateway, and answers with the raw IsolateRun; it
 * never rejects.
 */
export class Runner extends WorkerEntrypoint<RunnerEnv> implements RunnerService {
  async ping(): Promise<"ok"> {
    return "ok";
  }

  run(agentJs: string, bridge: SandboxBridge, manifest: SandboxManifest, limits: IsolateLimits, egress: EgressProps): Promise<IsolateRun> {
    return runInIsolate(this.env.LOADER, agentJs, bridge, manifest, limits, loopback.EgressRelay({ props: egress }));
  }
}

/** Plain HTTP answers only the supervisor's health check (host/dev.mjs). */
export default {
  fetch: () => new Response("ok"),
} satisfies ExportedHandler<RunnerEnv>;
