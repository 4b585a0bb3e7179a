import type { IsolateLauncher, IsolateJob, IsolateRun, RunnerRun, RunnerService } from "./contracts.js";
import { RunnerLink } from "./runner-link.js";
import { lostOnce, lostTwice, overloaded, type RunnerLoss } from "./runner-loss.js";
import { SerialLane } from "./serial-lane.js";
import { settleByDeadline } from "./deadline.js";

/**
 * How long past a job's deadline (IsolateLimits.timeoutMs, owned by
 * runInIsolate in the runner) the host waits for its runner to answer or to
 * be replaced. This grace is no deadline of its own: the runner answers
 * `timeout` first unless it is stuck; the watchdog (host/dev/start.mjs) replaces a
 * stuck runner within about 14 s (4 missed checks of up to 2.5 s each, then
 * up to 3 s to stop it).
 */
const RUNNER_WATCHDOG_MS = 20_000;
/**
 * The longest a lost execution waits for its turn to run again. Re-runs go
 * one at a time, and one that takes the runner down again holds the lane for
 * about as long as the first loss took: this leaves room for two such ahead.
 */
const MAX_RERUN_WAIT_MS = 60_000;

/** A run whose call to the runner failed. */
class CallFailed {
  constructor(readonly message: string) {}
}
const UNANSWERED = Symbol("unanswered");
const NOT_RUN = Symbol("runner unavailable");

type Attempt = RunnerRun | RunnerLoss;

function unavailable(failure: string): IsolateRun {
  return {
    kind: "failed",
    name: "RunnerUnavailable",
    message: `The runner process that runs agent code is not answering (${failure}), so this code did not run. \`npm start\` starts and restarts it by itself; try again shortly.`,
  };
}

/**
 * The isolate host of `npm start`: agent code runs in the runner process
 * (host/isolates/runner/index.ts), reached over RPC.
 *
 * - A run goes straight to the runner; the runner is pinged only after a
 *   failure (host/isolates/runner-link.ts).
 * - A run whose RPC fails was lost with the runner process. Once the runner
 *   answers again, the host tells how (host/isolates/runner-loss.ts): the watchdog
 *   replaced it after the run started, stuck on CPU (`cpu`) or with its
 *   memory full (`memory`); or it crashed by itself, which locally is a heap
 *   at its limit (`memory`).
 * - A lost run is run once more when `rerunnable()` says nothing outside the
 *   isolate saw it, through one lane (host/isolates/serial-lane.ts), so a re-run lost
 *   again was the only re-run in the runner; twice the same cause is then
 *   reported as the code's own: `CpuTimeExceeded` or `MemoryLimitExceeded`
 *   (host/isolates/runner-loss.ts).
 * - A runner already holding its most executions answers `overloaded`; the
 *   caller gets `Overloaded`, never a crash.
 */
export function remoteIsolateLauncher(runner: RunnerService): IsolateLauncher {
  const link = new RunnerLink(runner);
  const lane = new SerialLane();

  /** One run of `job` in the runner; resolves with its answer, or with how it was lost. */
  async function attempt(job: IsolateJob): Promise<Attempt> {
    const started = Date.now();
    const ranOn = link.bootId;
    const answer = await settleByDeadline(
      runner.run(job).catch((error: unknown) => new CallFailed(error instanceof Error ? error.message : String(error))),
      job.limits.timeoutMs + RUNNER_WATCHDOG_MS,
      job.clock,
      UNANSWERED,
    );
    if (answer === UNANSWERED) return { kind: "timeout" };
    if (!(answer instanceof CallFailed)) return answer;
    const back = await link.recover();
    if (!back.up) return { cause: "down", failure: back.failure };
    const { bootId, replacedAt, replacedFor } = back.status;
    // The same runner answers: the call failed, not the runner; running it again would fail the same way.
    if (bootId === ranOn) return { kind: "crashed", message: `the call to the runner failed while the runner kept running (${answer.message}).` };
    if (replacedAt < started) return { cause: "memory" };
    return { cause: replacedFor === "memory" ? "memory" : "cpu" };
  }

  return {
    async run(job, rerunnable) {
      const ready = await link.ready();
      if (ready?.up === false) return unavailable(ready.failure);
      const first = await attempt(job);
      if ("kind" in first) return first.kind === "overloaded" ? overloaded(first.limit, false) : first;
      if (first.cause === "down") return lostOnce(first, "runner-down");
      if (!rerunnable()) return lostOnce(first, "side-effects");
      const second = await lane.run(async () => {
        const again = await link.ready();
        return again?.up === false ? NOT_RUN : attempt(job);
      }, MAX_RERUN_WAIT_MS);
      if (second === undefined) return lostOnce(first, "queue");
      if (second === NOT_RUN) return lostOnce(first, "runner-down");
      if ("kind" in second) return second.kind === "overloaded" ? overloaded(second.limit, true) : second;
      return lostTwice(first, second);
    },
  };
}
