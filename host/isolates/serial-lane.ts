import { settleWithin } from "./settle-within.js";

const GAVE_UP = Symbol("gave up");

/**
 * Runs work one piece at a time, in the order it arrives. The host re-runs
 * executions lost with their runner through one lane, so that a re-run that
 * takes the runner down again did so with no other re-run beside it.
 */
export class SerialLane {
  #tail: Promise<void> = Promise.resolve();

  /**
   * Runs `work` once everything queued before it has finished. Resolves with
   * `undefined`, without running it, when that takes longer than `maxWaitMs`;
   * the order of the pieces behind it is kept either way.
   */
  async run<T>(work: () => Promise<T>, maxWaitMs: number): Promise<T | undefined> {
    const previous = this.#tail;
    let done = () => {};
    this.#tail = new Promise<void>((resolve) => (done = resolve));
    if ((await settleWithin(previous, maxWaitMs, GAVE_UP)) === GAVE_UP) {
      void previous.then(done);
      return undefined;
    }
    try {
      return await work();
    } finally {
      done();
    }
  }
}
