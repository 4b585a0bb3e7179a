import { z } from "zod";
import type { PendingApproval } from "./approval.js";
import type { LogEntry } from "./sandbox-protocol.js";

/** The largest number of APIs one execution may name in `apis`. */
export const MAX_GRANTED_APIS = 64;

/** The largest number of egress rules one execution may name in `egress`. */
export const MAX_GRANTED_EGRESS_RULES = 64;

/** What a client sends to run code (`POST /v1/execute`, MCP `execute`, Cap'n Web `execute()`). */
export const executeRequest = z.strictObject({
  code: z.string().min(1, "code must not be empty"),
  apis: z
    .array(z.string().min(1).max(64))
    .max(MAX_GRANTED_APIS)
    .optional()
    .describe("The APIs this execution may call; all registered APIs when absent."),
  egress: z
    .array(z.string().min(1).max(64))
    .max(MAX_GRANTED_EGRESS_RULES)
    .optional()
    .describe("Egress rules (GET /v1/egress) whose origins agent code may fetch, besides those the granted APIs declare."),
  check: z.boolean().optional().describe("Type-check before running (default true). With false, code with type errors runs anyway."),
  fuel: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("CPU budget: loop iterations plus function calls the code may make (default and maximum: the host's GHOSTWIRE_MAX_FUEL)."),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Wall-clock deadline in milliseconds (default and maximum: the host's GHOSTWIRE_TIMEOUT_MS)."),
  session: z
    .string()
    .max(128)
    .optional()
    .describe(
      "A session token from POST /v1/sessions: grants the `session` API (session.get({ key }), session.set({ key, value }), session.delete({ key }), session.list()), whose JSON state lasts between executions of that session. Keep the token secret: it holds the only key to the state.",
    ),
});

export type ExecuteRequest = z.infer<typeof executeRequest>;

/** A type or syntax error at a 1-based position in the agent's own code. */
export interface DiagnosticInfo {
  line: number;
  column: number;
  /** The TypeScript error code, e.g. 2322. */
  code: number;
  message: string;
  /** The agent's lines around the error, with a caret under the column. */
  frame: string;
  /** What TypeScript adds to the message, e.g. "Did you forget to use 'await'?", when it adds anything. */
  hint?: string;
}

/**
 * One outbound request an execution made through the egress gateway. It
 * never holds a path, a header, a body or a secret.
 */
export interface EgressRecord {
  /** Host and port, e.g. "api.example.com" or "localhost:8080". */
  host: string;
  method: string;
  /** The upstream's HTTP status; null when no response came back. */
  status: number | null;
  /** Bytes of response body handed back to the code. */
  bytes: number;
  /** Why the gateway refused the request, when it did. */
  refused?: "denied" | "override" | "request-limit" | "too-large" | "timeout" | "failed" | "misconfigured" | "ended";
}

/** Why an execution failed. `line`/`column` point into the agent's own code when known. */
export interface ExecutionError {
  name: string;
  message: string;
  line?: number;
  column?: number;
  stack?: string;
}

export interface ExecutionStats {
  /** Wall time from receiving the code to having the answer, in milliseconds. */
  wallMs: number;
  /** API calls the code made, refused ones included. */
  apiCalls: number;
  /** Of those, the calls still running when the code returned (an `await` forgotten): the sandbox waited for them, and a warning log names them. */
  unawaitedCalls: number;
  /** CPU fuel burnt: loop iterations plus function calls; equals the budget when it ran out. */
  fuelUsed: number;
  /** Console entries dropped or cut by the log limits. */
  logsDropped: number;
  /** The outbound requests the code and its API calls made, in order. */
  egress: EgressRecord[];
  /** What was cut to fit the limits. */
  truncated: { result: boolean; logs: boolean };
}

export interface ExecuteResponse {
  ok: boolean;
  /** The returned value as JSON; absent when the code returned nothing or failed. */
  result?: unknown;
  logs: LogEntry[];
  error?: ExecutionError;
  diagnostics?: DiagnosticInfo[];
  /** With `error.name: "ApprovalRequired"`: the call the execution paused at, and the token that resumes it. */
  pending?: PendingApproval;
  stats: ExecutionStats;
}
