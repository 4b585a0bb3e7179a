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
}

export interface SandboxManifest {
  /** Granted APIs and their method names; one global namespace each. */
  readonly apis: Readonly<Record<string, readonly string[]>>;
  readonly limits: CaptureLimits;
  /** CPU fuel of this execution: loop iterations and function calls it may make (host/instrument.ts). */
  readonly fuel: number;
  /** Send each kept console entry to the host as it happens (`SandboxBridge.log`), for a client's onLog. */
  readonly streamLogs?: boolean;
}

export type LogLevel = "log" | "info" | "warn" | "error" | "debug";

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
  readonly stack?: string;
}

export type SandboxOutcome =
  | {
      readonly ok: true;
      /** JSON text of the result; absent when the code returned undefined. */
      readonly resultJson?: string;
      readonly resultTruncated: boolean;
      readonly logs: CapturedLogs;
      /** Fuel units burnt; above the manifest's `fuel` when it ran out. */
      readonly fuelUsed: number;
    }
  | { readonly ok: false; readonly error: SandboxError; readonly logs: CapturedLogs; readonly fuelUsed: number };

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
 * Marks a response the egress gateway made itself to refuse a request. The
 * sandbox's fetch() turns such a response into a rejection with the body as
 * its message; the gateway removes this header from every upstream response,
 * so only a refusal carries it. Refusals travel as responses, not thrown
 * errors, because workerd logs an error thrown by an entrypoint on the
 * host's console, and a refused URL is the agent's data.
 */
export const EGRESS_REFUSED_HEADER = "x-ghostwire-egress-refused";
