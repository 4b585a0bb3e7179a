import { z } from "zod";
import type { LogEntry } from "./sandbox-protocol";

/** The largest number of APIs one execution may name in `apis`. */
export const MAX_GRANTED_APIS = 64;

/** What a client sends to run code (`POST /v1/execute`, MCP `execute`, Cap'n Web `execute()`). */
export const executeRequest = z.strictObject({
  code: z.string().min(1, "code must not be empty"),
  apis: z
    .array(z.string().min(1).max(64))
    .max(MAX_GRANTED_APIS)
    .optional()
    .describe("The APIs this execution may call; all registered APIs when absent."),
  check: z.boolean().optional().describe("Type-check before running (default true). With false, code with type errors runs anyway."),
});

export type ExecuteRequest = z.infer<typeof executeRequest>;

/** A type or syntax error at a 1-based position in the agent's code. */
export interface DiagnosticInfo {
  line: number;
  column: number;
  code: number;
  message: string;
  frame: string;
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
  /** Console entries dropped or cut by the log limits. */
  logsDropped: number;
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
  stats: ExecutionStats;
}
