import type { SandboxBridge, SandboxManifest } from "../api-types/sandbox-protocol";
import { SANDBOX_RUNTIME_JS } from "./generated/sandbox-runtime";
import type { CompiledAgent } from "./transpile";

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

export type IsolateRun = { kind: "settled"; outcome: unknown } | { kind: "timeout" } | { kind: "crashed"; message: string };

/**
 * Loads a fresh isolate with the runtime and the agent's module, and runs it
 * once. `load()` is used, never `get()` with an id, so no isolate is ever
 * reused. The isolate has no bindings and no network (`globalOutbound: null`).
 * Resolves with the raw, still untrusted outcome; never rejects.
 */
export async function runInIsolate(
  loader: WorkerLoader,
  compiled: CompiledAgent,
  bridge: SandboxBridge,
  manifest: SandboxManifest,
  timeoutMs: number,
): Promise<IsolateRun> {
  const worker = loader.load({
    compatibilityDate: SANDBOX_COMPATIBILITY_DATE,
    mainModule: RUNTIME_MODULE,
    modules: { [RUNTIME_MODULE]: SANDBOX_RUNTIME_JS, [AGENT_MODULE]: compiled.js },
    env: {},
    globalOutbound: null,
  });
  const entrypoint = worker.getEntrypoint() as unknown as SandboxEntrypoint & Partial<Disposable>;
  let timer = 0;
  const deadline = new Promise<IsolateRun>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "timeout" }), timeoutMs);
  });
  try {
    const settled = entrypoint.run(bridge, manifest).then(
      (outcome): IsolateRun => ({ kind: "settled", outcome }),
      (error: unknown): IsolateRun => ({ kind: "crashed", message: error instanceof Error ? error.message : String(error) }),
    );
    return await Promise.race([settled, deadline]);
  } finally {
    clearTimeout(timer);
    entrypoint[Symbol.dispose]?.();
  }
}
