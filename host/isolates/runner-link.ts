import type { RunnerService, RunnerStatus } from "./contracts.js";
import { settleWithin } from "./settle-within.js";

/** How long the host waits for a runner that is (re)starting before it reports the runner as down; a `wrangler dev` start took up to 12 s on a busy 2-core machine. */
const RUNNER_START_WAIT_MS = 30_000;
/** Pause between two pings to a runner that is not answering yet. */
const RUNNER_RETRY_MS = 250;
/** One ping's deadline: a runner starting or stuck inside one built-in call does not answer. */
const RUNNER_PING_TIMEOUT_MS = 1000;

export type RunnerAnswer = { up: true; status: RunnerStatus } | { up: false; failure: string };

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The runner's status, checked: the runner is a separate process, and what crosses into the host is validated. */
function asStatus(answer: unknown): RunnerStatus | undefined {
  if (typeof answer !== "object" || answer === null) return undefined;
  const { bootId, replacedAt, replacedFor } = answer as { bootId?: unknown; replacedAt?: unknown; replacedFor?: unknown };
  if (typeof bootId !== "string" || typeof replacedAt !== "number" || !Number.isFinite(replacedAt)) return undefined;
  return replacedFor === "memory" || replacedFor === "unresponsive" ? { bootId, replacedAt, replacedFor } : undefined;
}

/**
 * The host's view of whether its runner is up. While it is believed up,
 * executions go straight to it: nothing pings it on the way. From the start
 * and after a run is lost, it is believed down until a ping answers; every
 * execution then waits on that one shared wait instead of pinging on its own.
 */
export class RunnerLink {
  readonly #runner: RunnerService;
  #up = false;
  #waiting: Promise<RunnerAnswer> | undefined;
  #bootId = "";

  constructor(runner: RunnerService) {
    this.#runner = runner;
  }

  /** The runner process that last answered a ping; "" before the first answer. */
  get bootId(): string {
    return this.#bootId;
  }

  /** Resolves at once while the runner is believed up; else as `recover()` does. */
  async ready(): Promise<RunnerAnswer | undefined> {
    return this.#up ? undefined : this.recover();
  }

  /** Marks the runner down (a run was just lost with it) and resolves once it answers again, or with why it did not. */
  recover(): Promise<RunnerAnswer> {
    this.#up = false;
    this.#waiting ??= this.#waitForRunner().then((answer) => {
      this.#waiting = undefined;
      this.#up = answer.up;
      if (answer.up) this.#bootId = answer.status.bootId;
      return answer;
    });
    return this.#waiting;
  }

  /** Pings until the runner answers: wrangler or the watchdog (host/dev/start.mjs) restarts it within seconds. */
  async #waitForRunner(): Promise<RunnerAnswer> {
    const giveUp = Date.now() + RUNNER_START_WAIT_MS;
    for (;;) {
      let failure: string;
      try {
        const answer = await settleWithin(this.#runner.ping(), RUNNER_PING_TIMEOUT_MS, undefined);
        const status = asStatus(answer);
        if (status !== undefined) return { up: true, status };
        failure = answer === undefined ? `no answer to a ping within ${RUNNER_PING_TIMEOUT_MS} ms` : "a malformed answer to a ping";
      } catch (error) {
        failure = errorMessage(error);
      }
      if (Date.now() >= giveUp) return { up: false, failure: `${failure}, after ${RUNNER_START_WAIT_MS / 1000} s of trying` };
      await new Promise((resolve) => setTimeout(resolve, RUNNER_RETRY_MS));
    }
  }
}
