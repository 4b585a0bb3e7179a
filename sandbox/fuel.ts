import type { SandboxError } from "../api-types/sandbox-protocol";

/**
 * The CPU-fuel counter of one execution. The count lives only in this
 * closure: agent code holds nothing but `burn`, reached through a binding it
 * cannot name (host/instrument.ts), and `burn` takes no argument, so agent
 * code can spend fuel but never read, refill or reset it.
 *
 * Once the budget is spent, every later `burn` throws again at once, so a
 * `try/catch` around a loop cannot keep the loop going: the next iteration or
 * call throws before any of its code runs.
 *
 * Built-ins are captured when the runtime module loads, before agent code can
 * replace them.
 */
const apply = Reflect.apply;
const promiseThen = Promise.prototype.then;
const freeze = Object.freeze;
const toText = String;

export class CpuBudgetExceeded extends Error {
  override readonly name = "CpuBudgetExceeded";
}

export interface Fuel {
  /** Spends one unit; throws CpuBudgetExceeded when none is left. Frozen. */
  readonly burn: () => void;
  /** Units burnt, counting the calls that found the budget spent: above the budget once it ran out. */
  used(): number;
  /** The error thrown where execution stopped, or undefined while fuel remains. */
  exhaustion(): SandboxError | undefined;
  /** Settles as `work` does, but rejects as soon as the fuel runs out. */
  guard<T>(work: Promise<T>): Promise<T>;
}

export function createFuel(budget: number): Fuel {
  let remaining = budget;
  let stopped: { error: CpuBudgetExceeded; described: SandboxError } | undefined;
  let notify: ((error: unknown) => void) | undefined;

  function exhaust(): CpuBudgetExceeded {
    if (stopped !== undefined) return stopped.error;
    const error = new CpuBudgetExceeded(`The code used its whole CPU budget of ${budget} fuel units (one per loop iteration or function call) and was stopped.`);
    // The stack is read here, once, so later tampering with the thrown object
    // cannot move the reported line.
    stopped = { error, described: { name: error.name, message: error.message, stack: toText(error.stack) } };
    notify?.(error);
    return error;
  }

  const burn = freeze(function burn(): void {
    if (--remaining < 0) throw exhaust();
  });

  return {
    burn,
    used: () => budget - remaining,
    exhaustion: () => stopped?.described,
    guard: <T>(work: Promise<T>) =>
      new Promise<T>((resolve, reject) => {
        if (stopped !== undefined) reject(stopped.error);
        notify = reject;
        apply(promiseThen, work, [resolve, reject]);
      }),
  };
}
