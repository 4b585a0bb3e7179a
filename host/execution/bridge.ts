import { RpcTarget } from "cloudflare:workers";
import type { ApiCallContext } from "../../api-types/define.js";
import { LOG_LEVELS, TRUNCATION_MARK, type BridgeReply, type CaptureLimits, type CapturedLogs, type LogEntry, type LogLevel, type SandboxBridge } from "../../api-types/sandbox-protocol.js";
import { methodOf, type RegisteredApi } from "../apis/registry.js";
import type { Admission, ApprovalGate } from "../approvals/approval-gate.js";
import { describeIssues } from "../zod-issues.js";
import { declaredErrorName } from "./declared-error.js";
import { checkOutput } from "./output-check.js";

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

/** How call inputs that break their contract are worded: up to 10 issues, each with its place. */
const CALL_ISSUES = { count: 10, root: "(input)" } as const;

/** The output as JSON text, or undefined for no value; a value JSON cannot carry is the implementation's fault. */
function outputJson(api: string, method: string, value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    throw new CallRefused("ImplementationError", `${api}.${method} returned a value that is not JSON (a cycle or a BigInt). This is a fault in the API's implementation, not in your code.`);
  }
}

/**
 * The refusal of a method name the API does not have. It lists the valid
 * names: those of the group when the name is `group.x` of a known group,
 * else all of the API's. `method` is the sandbox's, untrusted: it is quoted
 * cut to MAX_QUOTED_NAME_CHARS.
 */
function notAMethod(registered: RegisteredApi, method: string): string {
  const api = registered.contract.name;
  const quoted = method.length > MAX_QUOTED_NAME_CHARS ? `${method.slice(0, MAX_QUOTED_NAME_CHARS)}…` : method;
  const all = Object.keys(registered.contract.methods);
  const dot = method.indexOf(".");
  const group = dot === -1 ? undefined : method.slice(0, dot);
  const inGroup = group === undefined ? [] : all.filter((name) => name.startsWith(`${group}.`));
  return inGroup.length > 0
    ? `${api}.${quoted} is not a method. Methods of ${api}.${group}: ${inGroup.join(", ")}.`
    : `${api}.${quoted} is not a method. Methods of ${api}: ${all.join(", ")}.`;
}

/** Longest method name a refusal quotes back; the sandbox may send any string. */
const MAX_QUOTED_NAME_CHARS = 200;

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
  /** Old method names (`api.old_name`) this execution has called and been warned about: one warning each. */
  readonly #renamedWarned = new Set<string>();
  /** Where streamed console entries go (a client's onLog); unset when nobody asked for them. */
  readonly #onLog?: (entry: LogEntry) => void;
  /** Decides whether a valid call's method runs (approval rules, replay); unset, every valid call runs. */
  readonly #gate?: ApprovalGate;

  /**
   * `contextFor` gives each API's implementation its call context: a fetch()
   * bound to the execution's egress. Without it, implementations have no egress.
   */
  constructor(
    apis: readonly RegisteredApi[],
    limits: BridgeLimits,
    contextFor: (api: RegisteredApi) => ApiCallContext = () => NO_EGRESS,
    onLog?: (entry: LogEntry) => void,
    gate?: ApprovalGate,
  ) {
    super();
    this.#onLog = onLog;
    this.#gate = gate;
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
    let admitted: Admission | undefined;
    const reply = await this.#reply(api, method, inputJson, (admission) => (admitted = admission));
    if (admitted?.run === true) admitted.done(reply);
    return reply;
  }

  /** The reply to one call; `admit` receives the approval gate's admission, once the call is valid. */
  async #reply(api: unknown, method: unknown, inputJson: unknown, admit: (admission: Admission) => void): Promise<BridgeReply> {
    try {
      const answer = await this.#dispatch(api, method, inputJson, admit);
      if (typeof answer === "object") return answer;
      return answer === undefined ? { ok: true } : { ok: true, json: answer };
    } catch (error) {
      if (error instanceof CallRefused) return { ok: false, name: error.name, message: error.message };
      const message = error instanceof Error && typeof error.message === "string" ? error.message : `${String(api)}.${String(method)} failed.`;
      // An implementation's own error keeps its name only when the method's contract declares it (declared-error.ts).
      const registered = typeof api === "string" && typeof method === "string" ? this.#apis.get(api) : undefined;
      return { ok: false, name: declaredErrorName(registered && methodOf(registered, method as string)?.contract, error), message };
    }
  }

  /** The output's JSON text, or the gate's own reply when the method must not run (replayed, denied, paused). */
  async #dispatch(api: unknown, method: unknown, inputJson: unknown, admit: (admission: Admission) => void): Promise<string | undefined | BridgeReply> {
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
    const found = methodOf(registered, method);
    if (found === undefined) throw new CallRefused("TypeError", notAMethod(registered, method));
    if (found.oldName !== undefined && !this.#renamedWarned.has(`${api}.${method}`)) {
      this.#renamedWarned.add(`${api}.${method}`);
      this.#warn(`${api}.${method} is the old name of ${api}.${found.name}; use the new name, the old one goes away in the next release.`);
    }
    const contract = found.contract;
    if (inputJson !== undefined && inputJson.length > this.#limits.maxCallInputChars) {
      throw new CallRefused("RangeError", `The input of ${api}.${method} is ${inputJson.length} characters of JSON; the limit is ${this.#limits.maxCallInputChars}.`);
    }
    const input = contract.input.safeParse(inputJson === undefined ? {} : JSON.parse(inputJson));
    if (!input.success) throw new CallRefused("ValidationError", `Invalid input for ${api}.${method}: ${describeIssues(input.error.issues, CALL_ISSUES)}.`);
    if (this.#gate !== undefined) {
      const admission = await this.#gate.admit({ api, method: found.name, input: input.data, inputJson: JSON.stringify(input.data) ?? "", rule: contract.approval });
      if (!admission.run) return admission.reply;
      admit(admission);
    }

    const value = await found.handler(input.data as never, this.#contextFor(registered));

    const output = checkOutput(registered, contract, method, value);
    if (output.verdict === "refused") throw new CallRefused("ImplementationError", output.message);
    if (output.verdict === "drift") {
      this.#warn(output.warning);
      return outputJson(api, method, value);
    }
    return output.data === undefined ? undefined : JSON.stringify(output.data);
  }
}
