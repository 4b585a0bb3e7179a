import type { SandboxBridge, SandboxManifest } from "../../api-types/sandbox-protocol.js";
import { SANDBOX_RUNTIME_JS } from "../generated/sandbox-runtime.js";
import type { IsolateJob, IsolateRun } from "./contracts.js";
import { settleByDeadline } from "./deadline.js";

/**
 * The sandbox's compatibility date. Measured on this machine: a load() at
 * 2025-06-01 costs about 12 ms p50 against 16 ms at 2026-11-01 (README, "Speed"),
 * and nothing the runtime or agent code needs came later.
 */
export const SANDBOX_COMPATIBILITY_DATE = "2025-06-01";
const RUNTIME_MODULE = "runtime.js";
const AGENT_MODULE = "agent.js";

interface SandboxEntrypoint {
  run(bridge: SandboxBridge, manifest: SandboxManifest): Promise<unknown>;
}

/** How workerd rejects a call whose code awaits something that can never settle. */
const HUNG = /hung and would never generate a response/;
const TIMEOUT: IsolateRun = { kind: "timeout" };

/**
 * Loads a fresh isolate with the runtime and the job's agent module, and
 * runs it once. `load()` is used, never `get()` with an id, so no isolate is
 * ever reused. The isolate has no bindings (`env: {}`), and its only network
 * is `outbound`, the binding the caller made from `job.egress` (the host's
 * Egress entrypoint, or a runner's relay to it: host/egress/), which every
 * fetch() it makes goes through; connect() is refused. Without `outbound` the
 * isolate has no network at all.
 *
 * The one owner of a run's deadline (IsolateLimits.timeoutMs, extended by the
 * time `job.clock` was held): past it the run resolves as `timeout` and the
 * isolate's stub is disposed.
 * Resolves with the raw, still untrusted outcome; never rejects.
 */
export async function runInIsolate(loader: WorkerLoader, job: Omit<IsolateJob, "egress">, outbound: Fetcher | null = null): Promise<IsolateRun> {
  const { timeoutMs, cpuMs, subRequests } = job.limits;
  const worker = loader.load({
    compatibilityDate: SANDBOX_COMPATIBILITY_DATE,
    mainModule: RUNTIME_MODULE,
    modules: { [RUNTIME_MODULE]: SANDBOX_RUNTIME_JS, [AGENT_MODULE]: job.agentJs },
    env: {},
    globalOutbound: outbound,
    limits: { cpuMs, subRequests },
  });
  const entrypoint = worker.getEntrypoint() as unknown as SandboxEntrypoint & Partial<Disposable>;
  try {
    const settled = entrypoint.run(job.bridge, job.manifest).then(
      (outcome): IsolateRun => ({ kind: "settled", outcome }),
      (error: unknown): IsolateRun => {
        const message = error instanceof Error ? error.message : String(error);
        return HUNG.test(message) ? { kind: "hung" } : { kind: "crashed", message };
      },
    );
    return await settleByDeadline(settled, timeoutMs, job.clock, TIMEOUT);
  } finally {
    entrypoint[Symbol.dispose]?.();
  }
}
