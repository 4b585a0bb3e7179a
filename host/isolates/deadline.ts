import type { DeadlineClock } from "./contracts.js";
import { settleWithin } from "./settle-within.js";

const EXPIRED = Symbol("expired");

/**
 * Resolves with what `work` resolves with, or with `value` once `ms` have
 * passed outside the holds of `clock` (time a call spent waiting for a
 * person's decision), whichever comes first. Without a clock, as
 * settleWithin. A clock that cannot answer (a host gone, seen from a runner)
 * ends the wait as the deadline would.
 */
export async function settleByDeadline<T, L>(work: Promise<T>, ms: number, clock: DeadlineClock | undefined, value: L): Promise<T | L> {
  const started = Date.now();
  let heldMs = 0;
  for (;;) {
    const outcome = await settleWithin(work, Math.max(0, started + ms + heldMs - Date.now()), EXPIRED);
    if (outcome !== EXPIRED) return outcome;
    if (clock === undefined) return value;
    const held = await Promise.race([work.then((settled) => ({ settled })), clock.whenRunning().catch(() => heldMs)]);
    if (typeof held !== "number") return held.settled;
    if (held <= heldMs) return value;
    heldMs = held;
  }
}
