import { DurableObject } from "cloudflare:workers";
import { randomHex } from "../../bytes.js";

/** An elicitation request's JSON-RPC id: the host's own prefix and 128 random bits, so an answer names its mailbox and cannot be guessed. */
export const ELICITATION_ID_PATTERN = /^ghostwire-approval-[0-9a-f]{32}$/;

/** A fresh elicitation id (ELICITATION_ID_PATTERN). */
export function newElicitationId(): string {
  return `ghostwire-approval-${randomHex(16)}`;
}

/**
 * Where the answer to one elicitation request meets the tools/call that
 * waits for it: one object per elicitation id (idFromName), in memory only.
 *
 * Over Streamable HTTP the client answers an elicitation request in a POST of
 * its own, which may reach any isolate of the host. Both the waiting call and
 * that POST address the object named by the request's id, and Cloudflare runs
 * at most one instance of a named object, so the answer reaches the memory
 * that holds the waiter. The object writes no storage: the waiter's pending
 * `take` keeps it alive for the whole wait, and the slot is gone once the
 * answer is taken, the wait ends, or the object is evicted (then `take`
 * resolves null and the call is denied with a note saying so).
 *
 * Contract: the waiting call opens the slot before it sends the request, so
 * an answer never arrives before its slot; `deliver` fills an open slot once
 * and refuses anything else.
 */
export class ElicitationMailbox extends DurableObject {
  readonly #slots = new Map<string, { answer: Promise<unknown>; fill(answer: unknown): void; answered: boolean; timer: ReturnType<typeof setTimeout> }>();

  /** Opens the slot of `id` for at most `waitMs`; past it, `take` resolves null. */
  open(id: string, waitMs: number): void {
    if (this.#slots.has(id)) return;
    let fill!: (answer: unknown) => void;
    const answer = new Promise<unknown>((resolve) => (fill = resolve));
    const timer = setTimeout(() => this.close(id), waitMs);
    this.#slots.set(id, { answer, fill, answered: false, timer });
  }

  /** The answer delivered to `id` (at once if it came first), or null when its slot was never opened here, was closed or timed out. */
  async take(id: string): Promise<unknown> {
    const slot = this.#slots.get(id);
    if (slot === undefined) return null;
    try {
      return await slot.answer;
    } finally {
      this.close(id);
    }
  }

  /** Fills the open slot of `id`; false when nothing waits for it (unknown, answered already, or timed out). */
  deliver(id: string, answer: unknown): boolean {
    const slot = this.#slots.get(id);
    if (slot === undefined || slot.answered) return false;
    slot.answered = true;
    slot.fill(answer);
    return true;
  }

  /** Ends the wait on `id` and drops its slot: a pending `take` resolves null unless an answer came first. */
  close(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    this.#slots.delete(id);
    clearTimeout(slot.timer);
    slot.fill(null);
  }
}
