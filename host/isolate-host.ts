import { exports } from "cloudflare:workers";
import type { SandboxBridge, SandboxManifest } from "../api-types/sandbox-protocol";
import type { EgressProps } from "./egress";
import { runInIsolate, type IsolateLimits, type IsolateRun } from "./isolate";

/**
 * Where the isolates that run agent code are loaded.
 *
 * - In this process (`LOADER`): production. Cloudflare contains each isolate
 *   itself: a memory bomb kills only that isolate, and `limits` are enforced.
 * - In a runner process (`RUNNER`, host/runner/index.ts): local development. Local
 *   workerd aborts the whole process when one isolate exhausts its heap, so
 *   agent code runs in a separate `wrangler dev` process. A crash there loses
 *   only that runner's executions; this process keeps serving and reports them.
 *
 * Either way the isolate's fetch() goes through the host's Egress entrypoint
 * (host/egress/), bound to the execution's session by `egress`; a runner
 * relays to it, since bindings do not cross processes.
 *
 * Contract: `run()` never rejects; every failure is an IsolateRun.
 */
export interface IsolateHost {
  run(agentJs: string, bridge: SandboxBridge, manifest: SandboxManifest, limits: IsolateLimits, egress: EgressProps): Promise<IsolateRun>;
}

/** The runner's RPC surface (host/runner/index.ts), as the host's service binding sees it. */
export interface RunnerService {
  ping(): Promise<"ok">;
  run(agentJs: string, bridge: SandboxBridge, manifest: SandboxManifest, limits: IsolateLimits, egress: EgressProps): Promise<IsolateRun>;
}

/** How long the host waits past an execution's deadline for a runner that has stopped answering. */
const RUNNER_GRACE_MS = 2000;
/** How long the host waits for a runner that is restarting before it reports the runner as down. */
const RUNNER_START_WAIT_MS = 15_000;
const RUNNER_RETRY_MS = 250;
/** A runner stuck inside one built-in call answers no ping; the supervisor (host/dev.mjs) replaces it. */
const RUNNER_PING_TIMEOUT_MS = 1000;

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Resolves after `ms` with `value`; the timer is cleared once `work` settles. */
async function within<T>(work: Promise<T>, ms: number, value: T): Promise<T> {
  let timer = 0;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(value), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until the runner answers a ping: after a crash, wrangler restarts it
 * within seconds, and the next execution should not fail for that.
 * Resolves with undefined when it answers, or the last error when it never did.
 */
async function awaitRunner(runner: RunnerService): Promise<string | undefined> {
  const giveUp = Date.now() + RUNNER_START_WAIT_MS;
  for (;;) {
    let failure: string;
    try {
      const answer = await within(runner.ping(), RUNNER_PING_TIMEOUT_MS, "late");
      if (answer === "ok") return undefined;
      failure = `no answer to a ping within ${RUNNER_PING_TIMEOUT_MS} ms`;
    } catch (error) {
      failure = errorMessage(error);
    }
    if (Date.now() >= giveUp) return failure;
    await new Promise((resolve) => setTimeout(resolve, RUNNER_RETRY_MS));
  }
}

function remote(runner: RunnerService): IsolateHost {
  return {
    async run(agentJs, bridge, manifest, limits, egress) {
      const down = await awaitRunner(runner);
      if (down !== undefined) {
        return { kind: "crashed", message: `the runner process is not answering (${down}). Start the host with \`npm start\`, which starts the runner too.` };
      }
      const settled = runner.run(agentJs, bridge, manifest, limits, egress).then(
        (run) => run,
        (error: unknown): IsolateRun => ({
          kind: "crashed",
          message:
            `its runner process stopped (${errorMessage(error)}). Either the code used more memory than the sandbox allows, ` +
            "or it stopped answering inside one built-in call (such as a catastrophic regular expression) and was killed. " +
            "The runner restarts by itself; hold less data in memory at once, or simplify the expression.",
        }),
      );
      return within(settled, limits.timeoutMs + RUNNER_GRACE_MS, { kind: "timeout" });
    },
  };
}

function local(loader: WorkerLoader): IsolateHost {
  return {
    run: (agentJs, bridge, manifest, limits, egress) => runInIsolate(loader, agentJs, bridge, manifest, limits, exports.Egress({ props: egress })),
  };
}

/** The runner when the `RUNNER` binding exists (`npm start`), else this process's loader. */
export function createIsolateHost(env: Env): IsolateHost {
  // wrangler types a binding to another Worker's entrypoint as an untyped Service.
  return env.RUNNER === undefined ? local(env.LOADER) : remote(env.RUNNER as unknown as RunnerService);
}
