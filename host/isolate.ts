import type { SandboxBridge, SandboxManifest } from "../api-types/sandbox-protocol";
import { SANDBOX_RUNTIME_JS } from "./generated/sandbox-runtime";

/**
 * The sandbox's compatibility date. Measured on this machine: a load() at
 * 2025-06-01 costs about 12 ms p50 against 16 ms at 2026-11-01 (DESIGN.md),
 * and nothing the runtime or agent code needs came later.
 */
export const SANDBOX_COMPATIBILITY_DATE = "2025-06-01";
const RUNTIME_MODULE = "runtime.js";
const AGENT_MODULE = "agent.js";

interface SandboxEntrypoint {
  run(bridge: SandboxBridge, manifest: SandboxManifest): Promise<unknown>;
}

/**
 * How one run ended. `crashed` carries workerd's message about the isolate;
 * `failed` is a failure the isolate host has already named and worded for
 * the caller (host/runner-loss.ts), such as an execution lost with its runner.
 */
export type IsolateRun =
  | { kind: "settled"; outcome: unknown }
  | { kind: "timeout" }
  | { kind: "hung" }
  | { kind: "crashed"; message: string }
  | { kind: "failed"; name: string; message: string };

/** How workerd rejects a call whose code awaits something that can never settle. */
const HUNG = /hung and would never generate a response/;

export interface IsolateLimits {
  /** Wall-clock deadline; past it the run resolves as a timeout and the isolate's stub is disposed. */
  readonly timeoutMs: number;
  /** `limits` for load(): enforced by Cloudflare in production, ignored by local workerd. */
  readonly cpuMs: number;
  readonly subRequests: number;
}

/**
 * Loads a fresh isolate with the runtime and the agent's module, and runs it
 * once. `load()` is used, never `get()` with an id, so no isolate is ever
 * reused. The isolate has no bindings (`env: {}`), and its only network is
 * `outbound`, the execution's egress gateway binding (host/egress/), which
 * every fetch() it makes goes through; connect() is refused. Without
 * `outbound` the isolate has no network at all.
 * Resolves with the raw, still untrusted outcome; never rejects.
 */
export async function runInIsolate(
  loader: WorkerLoader,
  agentJs: string,
  bridge: SandboxBridge,
  manifest: SandboxManifest,
  limits: IsolateLimits,
  outbound: Fetcher | null = null,
): Promise<IsolateRun> {
  const { timeoutMs, cpuMs, subRequests } = limits;
  const worker = loader.load({
    compatibilityDate: SANDBOX_COMPATIBILITY_DATE,
    mainModule: RUNTIME_MODULE,
    modules: { [RUNTIME_MODULE]: SANDBOX_RUNTIME_JS, [AGENT_MODULE]: agentJs },
    env: {},
    globalOutbound: outbound,
    limits: { cpuMs, subRequests },
  });
  const entrypoint = worker.getEntrypoint() as unknown as SandboxEntrypoint & Partial<Disposable>;
  let timer = 0;
  const deadline = new Promise<IsolateRun>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
  });
  try {
    const settled = entrypoint.run(bridge, manifest).then(
      (outcome): IsolateRun => ({ kind: "settled", outcome }),
      (error: unknown): IsolateRun => {
        const message = error instanceof Error ? error.message : String(error);
        return HUNG.test(message) ? { kind: "hung" } : { kind: "crashed", message };
      },
    );
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
    entrypoint[Symbol.dispose]?.();
  }
}
