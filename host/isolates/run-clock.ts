import { RpcTarget } from "cloudflare:workers";
import type { DeadlineClock } from "./contracts.js";

/**
 * The clock of one run's deadline, owned by its executor: while a call waits
 * for a person's decision (host/approvals/), the executor holds it, and the
 * time held does not count against the deadline. Passed with the job to
 * wherever the isolate runs (as an RPC stub to a runner), whose deadline
 * (host/isolates/deadline.ts) asks it how long the run was held.
 */
export class RunClock extends RpcTarget implements DeadlineClock {
  #heldMs = 0;
  #holds = 0;
  #since = 0;
  #waiters: ((heldMs: number) => void)[] = [];

  /** Stops the deadline until the returned release is called; holds may overlap (concurrent approvals). */
  hold(): () => void {
    if (this.#holds++ === 0) this.#since = Date.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.#holds > 0) return;
      this.#heldMs += Date.now() - this.#since;
      for (const wake of this.#waiters.splice(0)) wake(this.#heldMs);
    };
  }

  whenRunning(): Promise<number> {
    return this.#holds === 0 ? Promise.resolve(this.#heldMs) : new Promise((resolve) => this.#waiters.push(resolve));
  }
}
