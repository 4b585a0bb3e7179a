import type { IsolateRun } from "./contracts.js";

/**
 * How a run was lost with its runner process, as the host can tell:
 * - `cpu`: the watchdog (host/dev/start.mjs) replaced the runner after the run
 *   started, because it had stopped answering with its memory not grown:
 *   something spent CPU inside one call that neither fuel nor the deadline
 *   can interrupt;
 * - `memory`: the process died by itself (locally, a heap that reached its
 *   limit), or the watchdog replaced it after its memory had grown by most
 *   of a heap (a heap thrashing near its limit);
 * - `down`: the runner did not answer again afterwards, so neither is known.
 */
export type RunnerLoss = { cause: "cpu" } | { cause: "memory" } | { cause: "down"; failure: string };

/** Why a lost execution was not run a second time. */
export type NoRerun = "side-effects" | "queue" | "runner-down";

const HEAVY_CODE = "one heavy built-in call (a complex regular expression, or sort() or JSON.stringify() of a large value) or much data held in memory";

function what(loss: RunnerLoss): string {
  if (loss.cause === "cpu") return "stopped answering, busy on CPU, and was killed by the watchdog";
  if (loss.cause === "memory") return "ran out of memory";
  return `stopped and did not answer again (${loss.failure}); \`npm start\` restarts it by itself`;
}

const WHY_NOT: Record<NoRerun, string> = {
  "side-effects": "It was not run again, because it had already made API calls, outbound requests or streamed console output that a second run would repeat.",
  queue: "It was not run again: other lost executions were ahead of it in the line to run again for longer than a minute.",
  "runner-down": "It was not run again, because the runner did not come back.",
};

/** Every IsolateRun this file words is a `failed` one: named and worded for the caller. */
const failed = (name: string, message: string): IsolateRun => ({ kind: "failed", name, message });

/** A run lost once and not re-run. */
export function lostOnce(loss: RunnerLoss, why: NoRerun): IsolateRun {
  return failed(
    "SandboxCrashed",
    `This execution was lost with its runner process, which ${what(loss)} while the code ran. ${WHY_NOT[why]} ` +
      `Another execution running beside it may have caused this. If this code runs ${HEAVY_CODE}, make it lighter; otherwise send it again.`,
  );
}

/**
 * A run lost, re-run once through the host's lane of re-runs (host/isolates/serial-lane.ts),
 * and lost again. The same cause twice names the code's fault: `CpuTimeExceeded`
 * or `MemoryLimitExceeded`; anything else stays `SandboxCrashed`.
 */
export function lostTwice(first: RunnerLoss, second: RunnerLoss): IsolateRun {
  if (first.cause === "cpu" && second.cause === "cpu") {
    return failed(
      "CpuTimeExceeded",
      "The code stopped answering and its runner process was killed for it, both times it ran (it was re-run once, with no other re-run beside it). " +
        "It most likely spent its time inside one built-in call that fuel does not count, such as a catastrophic regular expression, or sort() or JSON.stringify() of a huge value. " +
        "Simplify the expression, or work on less data at once.",
    );
  }
  if (first.cause === "memory" && second.cause === "memory") {
    return failed(
      "MemoryLimitExceeded",
      "The runner process running this code ran out of memory both times it ran (it was re-run once, with no other re-run beside it): the code most likely used more memory than the sandbox's 128 MB. " +
        "Hold less data at once: process it in pieces, and keep only what the result needs.",
    );
  }
  return failed(
    "SandboxCrashed",
    `This execution was lost with its runner process twice: the runner ${what(first)}, and when the code was run again it ${what(second)}. ` +
      `Another execution running beside it may have caused this. If this code runs ${HEAVY_CODE}, make it lighter; otherwise send it again.`,
  );
}

/** A run the runner refused because it already held `limit` executions. */
export function overloaded(limit: number, rerun: boolean): IsolateRun {
  const before = rerun ? "This execution was lost with its runner process, and its re-run was refused: " : "";
  return failed(
    "Overloaded",
    `${before}the runner already holds ${limit} executions, the most it takes at once (GHOSTWIRE_RUNNER_MAX_EXECUTIONS), so this code did not run. Try again shortly.`,
  );
}
