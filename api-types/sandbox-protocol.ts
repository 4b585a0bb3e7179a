/**
 * The contract between the host and the sandbox runtime that runs inside each
 * isolate. The host passes a `SandboxManifest` and a bridge capability to
 * `run()`; the runtime answers with a `SandboxOutcome`. Everything the sandbox
 * sends is untrusted: the host validates the outcome before using it.
 */

/** Bounds the sandbox applies to what it captures; the host enforces them again. */
export interface CaptureLimits {
  /** Most console entries kept; later ones are counted, not kept. */
  readonly maxLogEntries: number;
  /** Longest single console message, in characters. */
  readonly maxLogMessageChars: number;
  /** Most characters kept across all console messages. */
  readonly maxLogTotalChars: number;
  /** Largest serialized result, in UTF-16 characters of JSON text. */
  readonly maxResultChars: number;
  /** Largest JSON text of one API call's argument; the sandbox stops encoding past it. */
  readonly maxCallInputChars: number;
}

/** Deepest nesting of a result: deeper values are encoded as "[MaxDepth]" (README, "Values"). */
export const MAX_RESULT_DEPTH = 64;

/** Characters of JSON text a truncated result keeps in its `preview`. */
export const RESULT_PREVIEW_CHARS = 1024;

/**
 * Ends a console message cut to fit its cap; the cut message, this mark
 * included, is at most `maxLogMessageChars` long. The cut length is not
 * stated: the sandbox stops formatting at the cap, so it never knows it.
 */
export const TRUNCATION_MARK = "… [truncated]";

/** Longest error name, message and stack text the sandbox sends and the host keeps; longer ones are cut. */
export const ERROR_TEXT_LIMITS = { nameChars: 128, messageChars: 4096, stackChars: 8192 } as const;

/**
 * The sentence of a CPU-fuel stop. Agent code that catches the stop reads it
 * as the error's message; the host adds advice that depends on its maximum.
 */
export function cpuBudgetSentence(budget: number): string {
  return `The code used its whole CPU budget of ${budget} fuel units (one per loop iteration or function call) and was stopped.`;
}

export interface SandboxManifest {
  /** Granted APIs and their method names, sorted by UTF-16 code unit (the sandbox searches them); one global namespace each. */
  readonly apis: Readonly<Record<string, readonly string[]>>;
  readonly limits: CaptureLimits;
  /** CPU fuel of this execution: loop iterations and function calls it may make (host/execution/instrument.ts). */
  readonly fuel: number;
  /** Send each kept console entry to the host as it happens (`SandboxBridge.log`), for a client's onLog. */
  readonly streamLogs?: boolean;
}

/** The console methods the sandbox captures; each is the level of the entries it records. */
export const LOG_LEVELS = ["log", "info", "warn", "error", "debug"] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
}

export interface CapturedLogs {
  readonly entries: LogEntry[];
  /** How many entries were dropped or cut short by the limits. */
  readonly dropped: number;
  readonly truncated: boolean;
}

export interface SandboxError {
  readonly name: string;
  readonly message: string;
  /**
   * The `at …` lines of the error's stack, without the name and message
   * that head V8's stack text. For an error agent code threw, this is
   * whatever its `stack` property held: agent code can rewrite it.
   */
  readonly stack?: string;
}

/**
 * Why the code stopped without a result, as the runtime decided it:
 * - `threw`: the agent's function threw or rejected with `error`;
 * - `fuel`: the runtime's fuel counter ran out (`error` is the stop it raised);
 * - `uncaught`: a callback the code handed to a timer, queueMicrotask or an
 *   event listener threw `error`, where no agent code could catch it;
 * - `unhandled`: a promise rejected with `error` and nothing handled it.
 * Only the host names the error (host/execution/error-mapping.ts), so agent code cannot
 * make its own error pass for one of these.
 */
export type SandboxStop = "threw" | "fuel" | "uncaught" | "unhandled";

export type SandboxOutcome =
  | {
      readonly ok: true;
      /** JSON text of the result; absent when the code returned undefined. */
      readonly resultJson?: string;
      /** The result was over `maxResultChars`: `resultJson` is the `$truncated` object that says so. */
      readonly resultTruncated: boolean;
      readonly logs: CapturedLogs;
      /** Fuel units burnt, at most the manifest's `fuel`. */
      readonly fuelUsed: number;
      /** API calls still in flight when the agent's function returned, which the runtime waited for. */
      readonly unawaitedCalls: number;
    }
  | { readonly ok: false; readonly stopped: SandboxStop; readonly error: SandboxError; readonly logs: CapturedLogs; readonly fuelUsed: number; readonly unawaitedCalls: number };

/** What one API call answers across the bridge. Errors travel as values, so no host stack crosses. */
export type BridgeReply =
  | { readonly ok: true; /** JSON text of the value; absent for undefined. */ readonly json?: string }
  | { readonly ok: false; /** The name of the Error the agent catches. */ readonly name: string; readonly message: string };

/** The per-execution capability the host hands the sandbox runtime. */
export interface SandboxBridge {
  /**
   * Calls `api.method` with `inputJson`, the JSON text of the argument
   * (absent when the agent passed none). Arguments cross as text so that only
   * plain data reaches the host: never a function, stub or class instance.
   */
  call(api: string, method: string, inputJson: string | undefined): Promise<BridgeReply>;
  /**
   * One console entry, sent while the code runs when the manifest asks for
   * streaming. Fire and forget: the sandbox does not wait, and entries past
   * the capture limits are never sent.
   */
  log(level: string, message: string): void;
}

/**
 * Marks a response that carries an egress refusal into the sandbox. On the
 * host a refusal is a value; at the sandbox's globalOutbound, which speaks
 * HTTP, it becomes a response with this header and the refusal's sentence
 * as its body (host/egress/refusals.ts), and the sandbox's fetch() turns it
 * into a rejection with that sentence (sandbox/egress-fetch.ts). The gateway
 * removes this header from every upstream response, so only a refusal
 * carries it. It is never a thrown error, because workerd logs an error
 * thrown by an entrypoint on the host's console, and a refused URL is the
 * agent's data.
 */
export const EGRESS_REFUSED_HEADER = "x-ghostwire-egress-refused";

/**
 * Why a URL with a user name or password is refused, as it follows
 * "Egress denied: METHOD ORIGIN: ". The sandbox's fetch() refuses such a URL
 * itself, because workerd drops the user info before the request reaches the
 * gateway; the gateway refuses it too, for API implementations' requests.
 * Both say this sentence.
 */
export const EGRESS_USERINFO_REFUSAL = "URLs with a user name or password are refused; credentials come only from the gateway's rules. Remove them from the URL.";
