import type { MethodContract } from "../../api-types/define.js";
import type { RegisteredApi } from "../apis/registry.js";
import { describeIssues } from "../zod-issues.js";

/**
 * The bridge's check of one method's output against its contract, as a pure
 * function: the bridge (host/execution/bridge.ts) acts on the verdict, and
 * `npm run test:imports` replays the specs' documented responses through it.
 *
 * - "clean": the output matches; `data` is zod's parsed value, what the code gets.
 * - "drift": it does not match, but the API's outputs are "lenient"; the
 *   code gets the value as sent, and `warning` goes to the execution's logs.
 * - "refused": it does not match and the outputs are strict; `message` is
 *   the ImplementationError the code sees.
 */
export type OutputVerdict =
  | { readonly verdict: "clean"; readonly data: unknown }
  | { readonly verdict: "drift"; readonly warning: string }
  | { readonly verdict: "refused"; readonly message: string };

/** How a strict output's mismatch is worded: up to 10 issues, each with its place. */
const BROKEN_OUTPUT = { count: 10, root: "(output)" } as const;
/** How a lenient output's mismatch is worded in its warning: the first issue and its place. */
const OUTPUT_DRIFT = { count: 1, root: "(output)" } as const;

/** Checks `value`, returned by `api.method`, against the method's output schema under the API's output policy. Never throws. */
export function checkOutput(registered: RegisteredApi, contract: MethodContract, method: string, value: unknown): OutputVerdict {
  const api = registered.contract.name;
  const output = contract.output.safeParse(value);
  if (output.success) return { verdict: "clean", data: output.data };
  if (registered.outputs === "lenient") {
    return {
      verdict: "drift",
      warning: `${api}.${method} returned output that does not match its declared type (${describeIssues(output.error.issues, OUTPUT_DRIFT)}); it was passed on as the API sent it, so check that field before relying on it.`,
    };
  }
  return {
    verdict: "refused",
    message: `${api}.${method} returned a value that breaks its own contract (${describeIssues(output.error.issues, BROKEN_OUTPUT)}). This is a fault in the API's implementation, not in your code.`,
  };
}
