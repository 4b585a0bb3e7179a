import { RpcTarget } from "cloudflare:workers";
import type { ApiCallContext } from "../../api-types/define.js";
import { LOG_LEVELS, TRUNCATION_MARK, type BridgeReply, type CaptureLimits, type CapturedLogs, type LogEntry, type LogLevel, type SandboxBridge } from "../../api-types/sandbox-protocol.js";
import { methodContract, type RegisteredApi } from "../apis/registry.js";
import { describeIssues } from "../zod-issues.js";

const KNOWN_LEVELS: ReadonlySet<string> = new Set<LogLevel>(LOG_LEVELS);

/** Streamed console entries are held to the capture's own limits: at most `maxLogEntries`, each at most `maxLogMessageChars` long. */
export interface BridgeLimits extends Pick<CaptureLimits, "maxCallInputChars" | "maxLogEntries" | "maxLogMessageChars"> {
  readonly maxApiCalls: number;
}

const NO_EGRESS: ApiCallContext = {
  fetch: () => Promise.reject(new Error("This execution has no egress gateway, so API implementations cannot make outbound requests.")),
};

/** A refusal the agent can act on. `name` becomes the name of the Error the agent catches. */
class CallRefused extends Error {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}

/** How call inputs and outputs that break their contract are worded: up to 10 issues, each with its place. */
const CALL_ISSUES = { count: 10, root: "(input)" } as const;
/** How a lenient output's mismatch is worded in its warning: the first issue and its place. */
const OUTPUT_DRIFT = { count: 1, root: "(output)" } as const;

/** The output as JSON text, or undefined for no value; a value JSON cannot carry is the implementation's fault. */
function outputJson(api: string, method: string, value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    throw new CallRefused("ImplementationError", `${api}.${method} returned a value that is not JSON (a cycle or a BigInt). This is a fault in the API's implementation, not in your code.`);
  }
}

/**
 * The per-execution capability the sandbox calls back into. It exists for one
 * execution and grants exactly that execution's APIs.
 *
 * Contract: `call()` never throws across the boundary. It answers with a
 * BridgeReply; refusals and implementation errors carry a message only, so no
 * host stack, object or internal detail reaches agent code. Everything it
 * receives is treated as hostile: argument types, sizes and shapes are checked
 * before any implementation runs, and outputs are checked against the contract.
 */
export class ExecutionBridge extends RpcTarget implements SandboxBridge {
  readonly #apis: ReadonlyMap<string, RegisteredApi>;
  readonly #limits: BridgeLimits;
  readonly #contextFor: (api: RegisteredApi) => ApiCallContext;
  #calls = 0;
  #revoked = false;
  #logs = 0;
  /** Warnings the host adds to the execution's logs, at most `maxLogEntries`; `dropped` counts the rest. */
  readonly #warnings: LogEntry[] = [];
  #warningsDropped = 0;
  /** Where streamed console entries go (a client's onLog); unset when nobody asked for them. */
  readonly #onLog?: (entry: LogEntry) => void;

  /**
   * `contextFor` gives each API's implementation its call context: a fetch()
   * bound to the execution's egress. Without it, implementations have no egress.
   */
  constructor(
    apis: readonly RegisteredApi[],
    limits: BridgeLimits,
    contextFor: (api: RegisteredApi) => ApiCallContext = () => NO_EGRESS,
    onLog?: (entry: LogEntry) => void,
  ) {
    super();
    this.#onLog = onLog;
    this.#apis = new Map(apis.map((api) => [api.contract.name, api]));
    this.#limits = limits;
    this.#contextFor = contextFor;
  }

  /** How many calls the sandbox has made, refused ones included. */
  get callCount(): number {
    return this.#calls;
  }

  /**
   * The host's own warnings for the execution's logs (outputs of lenient
   * APIs that broke their schema), in call order. The executor appends them
   * after the code's own entries, under the same log limits.
   */
  get warnings(): CapturedLogs {
    return { entries: [...this.#warnings], dropped: this.#warningsDropped, truncated: this.#warningsDropped > 0 };
  }

  /** Ends the capability: later calls, e.g. from code still running after a timeout, are refused. */
  revoke(): void {
    this.#revoked = true;
  }

  /**
   * One console entry streamed from the sandbox. Checked like every call:
   * a known level, a string within the log limits, no more entries than the
   * capture keeps. Never throws; what does not pass is dropped.
   */
  log(level: unknown, message: unknown): void {
    if (this.#revoked || this.#onLog === undefined) return;
    if (typeof level !== "string" || !KNOWN_LEVELS.has(level) || typeof message !== "string") return;
    if (message.length > this.#limits.maxLogMessageChars + 64) return;
    this.#stream({ level: level as LogLevel, message });
  }

  /** Hands one entry to the log listener, if any, while the streamed entries stay within `maxLogEntries`. */
  #stream(entry: LogEntry): void {
    if (this.#onLog === undefined || ++this.#logs > this.#limits.maxLogEntries) return;
    try {
      this.#onLog(entry);
    } catch {
      // The listener's failure is not the execution's.
    }
  }

  /** Records a warning for the execution's logs, cut to `maxLogMessageChars`, and streams it. */
  #warn(message: string): void {
    const max = this.#limits.maxLogMessageChars;
    const entry: LogEntry = { level: "warn", message: message.length > max ? message.slice(0, Math.max(0, max - TRUNCATION_MARK.length)) + TRUNCATION_MARK : message };
    if (this.#warnings.length >= this.#limits.maxLogEntries) this.#warningsDropped++;
    else this.#warnings.push(entry);
    this.#stream(entry);
  }

  async call(api: unknown, method: unknown, inputJson: unknown): Promise<BridgeReply> {
    try {
      const json = await this.#dispatch(api, method, inputJson);
      return json === undefined ? { ok: true } : { ok: true, json };
    } catch (error) {
      if (error instanceof CallRefused) return { ok: false, name: error.name, message: error.message };
      const message = error instanceof Error && typeof error.message === "string" ? error.message : `${String(api)}.${String(method)} failed.`;
      return { ok: false, name: "Error", message };
    }
  }

  async #dispatch(api: unknown, method: unknown, inputJson: unknown): Promise<string | undefined> {
    if (this.#revoked) throw new CallRefused("ExecutionEnded", "This execution has ended; its API calls are no longer accepted.");
    if (typeof api !== "string" || typeof method !== "string" || (inputJson !== undefined && typeof inputJson !== "string")) {
      throw new CallRefused("TypeError", "Malformed API call: expected (api: string, method: string, inputJson?: string).");
    }
    if (++this.#calls > this.#limits.maxApiCalls) {
      throw new CallRefused("ApiCallBudgetExceeded", `This execution may make at most ${this.#limits.maxApiCalls} API calls; batch work into fewer calls.`);
    }
    const registered = this.#apis.get(api);
    if (registered === undefined) {
      throw new CallRefused("TypeError", `Unknown API "${api}". APIs granted to this execution: ${[...this.#apis.keys()].join(", ") || "none"}.`);
    }
    const contract = methodContract(registered, method);
    if (contract === undefined) {
      throw new CallRefused("TypeError", `${api}.${method} is not a method. Methods of ${api}: ${Object.keys(registered.contract.methods).join(", ")}.`);
    }
    if (inputJson !== undefined && inputJson.length > this.#limits.maxCallInputChars) {
      throw new CallRefused("RangeError", `The input of ${api}.${method} is ${inputJson.length} characters of JSON; the limit is ${this.#limits.maxCallInputChars}.`);
    }
    const input = contract.input.safeParse(inputJson === undefined ? {} : JSON.parse(inputJson));
    if (!input.success) throw new CallRefused("ValidationError", `Invalid input for ${api}.${method}: ${describeIssues(input.error.issues, CALL_ISSUES)}.`);

    const value = await registered.handlers[method](input.data as never, this.#contextFor(registered));

    const output = contract.output.safeParse(value);
    if (!output.success && registered.outputs === "lenient") {
      this.#warn(`${api}.${method} returned output that does not match its declared type (${describeIssues(output.error.issues, OUTPUT_DRIFT)}); it was passed on as the API sent it, so check that field before relying on it.`);
      return outputJson(api, method, value);
    }
    if (!output.success) {
      throw new CallRefused(
        "ImplementationError",
        `${api}.${method} returned a value that breaks its own contract (${describeIssues(output.error.issues, CALL_ISSUES)}). This is a fault in the API's implementation, not in your code.`,
      );
    }
    return output.data === undefined ? undefined : JSON.stringify(output.data);
  }
}
