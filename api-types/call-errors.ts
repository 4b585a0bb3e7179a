/**
 * The errors any API call can reject with because of the host, not the
 * method: the bridge (host/execution/bridge.ts) and the sandbox's namespaces
 * (sandbox/namespaces.ts) raise them under these names. The declarations'
 * header lists them once (name → why), instead of every method repeating
 * them. "Error" is the last resort: an implementation's failure whose name
 * its contract does not declare.
 */
export const HOST_CALL_ERRORS: Readonly<Record<string, string>> = Object.freeze({
  ValidationError: "the input breaks the method's types",
  RangeError: "the input is over the size limit",
  ApiCallBudgetExceeded: "past the call limit",
  TypeError: "no such API or method",
  ImplementationError: "the API broke its own contract; not your fault",
  ApprovalDenied: "a person denied a call that needs approval",
  ApprovalTimeout: "no decision came in time for a call that needs approval",
  Error: "any other failure of the API",
});

/**
 * What ends an execution at a call that needs approval, rather than reject
 * the call: ApprovalRequired (no one could be asked: the execution paused, to
 * be resumed by a decision), ReplayDiverged (on resume, the code made other
 * calls than before the pause) and ApprovalUnavailable (it could not pause,
 * e.g. too much to keep). Agent code never catches them.
 */
export const APPROVAL_STOPS = Object.freeze(["ApprovalRequired", "ReplayDiverged", "ApprovalUnavailable"] as const);

/**
 * Names a contract may not declare in `throws`: the host's own (above), the
 * approval stops, and `ExecutionEnded`, which the bridge raises for a call
 * after the execution ended. The sandbox's reports (Timeout, UnhandledRejection, …) are refused
 * by the bridge too (host/execution/declared-error.ts).
 */
const HOST_NAMES: ReadonlySet<string> = new Set([...Object.keys(HOST_CALL_ERRORS), ...APPROVAL_STOPS, "ExecutionEnded"]);

/** An error name a contract can declare: a capitalized identifier of at most 64 characters. */
const ERROR_NAME = /^[A-Z][A-Za-z0-9_]{0,63}$/;

/** Whether a contract may declare an error under `name`: well formed, and not one the host reports for its own decisions. */
export function isDeclarableErrorName(name: string): boolean {
  return ERROR_NAME.test(name) && !HOST_NAMES.has(name);
}

/**
 * What an implementation throws for an error its contract declares in
 * `throws`: agent code catches it under `name`, with `message`. Under a
 * name the contract does not declare, agent code sees "Error".
 */
export class ApiError extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}
