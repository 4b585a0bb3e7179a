import { cpuBudgetSentence, type SandboxError } from "../api-types/sandbox-protocol.js";
import { boundedError } from "./error-report.js";

/**
 * The CPU-fuel counter of one execution. The count lives only in this
 * closure: agent code holds nothing but `burn`, reached through a binding it
 * cannot name (host/execution/instrument.ts), and `burn` takes no argument, so agent
 * code can spend fuel but never read, refill or reset it.
 *
 * Once the budget is spent, every later `burn` throws again at once, so a
 * `try/catch` around a loop cannot keep the loop going: the next iteration or
 * call throws before any of its code runs.
 *
 * Built-ins are captured when the runtime module loads, before agent code can
 * replace them.
 */
const freeze = Object.freeze;
const max = Math.max;

export class CpuBudgetExceeded extends Error {
  override readonly name = "CpuBudgetExceeded";
}

export interface Fuel {
  /** Spends one unit; throws CpuBudgetExceeded when none is left. Frozen. */
  readonly burn: () => void;
  /** Units burnt, at most the budget. */
  used(): number;
}

/**
 * `onStop` receives the stop, described from the runtime's own error: its
 * stack is read inside the `burn` that found the budget spent, before agent
 * code can touch the error, so the reported line is where execution stopped.
 * It is called once it returns normally: the burn may run at the very bottom
 * of the stack (a recursion that overflowed), so a call that throws there is
 * tried again at each later burn.
 */
export function createFuel(budget: number, onStop: (stop: SandboxError) => void): Fuel {
  let remaining = budget;
  let stop: { error: CpuBudgetExceeded; described: SandboxError } | undefined;
  let told = false;

  function exhaust(): CpuBudgetExceeded {
    if (stop === undefined) {
      const error = new CpuBudgetExceeded(cpuBudgetSentence(budget));
      stop = { error, described: boundedError(error.name, error.message, error.stack) };
    }
    if (!told) {
      try {
        onStop(stop.described);
        told = true;
      } catch {
        // Out of stack: the next burn tries again.
      }
    }
    return stop.error;
  }

  const burn = freeze(function burn(): void {
    if (--remaining < 0) throw exhaust();
  });

  return { burn, used: () => budget - max(remaining, 0) };
}
