import { z } from "zod";
import type { ExecuteResponse } from "../../../api-types/execution.js";
import type { ApiSearchResult } from "../../../api-types/rpc.js";
import { LOG_LEVELS } from "../../../api-types/sandbox-protocol.js";

/**
 * The `outputSchema`s of the MCP tools: each describes its tool's
 * structuredContent exactly, every field and no other (`additionalProperties:
 * false` throughout), so a client may validate against it. The TypeScript
 * types in api-types stay the contract; the checks at the end of this file
 * fail type-checking when a schema and its type differ by one field, in either
 * direction, so neither can change without the other.
 */

/**
 * An integer, advertised as `{ "type": "integer" }`: zod's JSON Schema would
 * add the safe-integer bounds to every such field, about 20 tokens each in
 * `tools/list`, which every client loads.
 */
const integer = () => z.number().int().meta({ minimum: undefined, maximum: undefined });

const diagnostic = z.strictObject({
  line: integer(),
  column: integer(),
  code: integer().describe("TypeScript error code."),
  message: z.string(),
  frame: z.string().describe("The code around the error, with a caret under the column."),
  hint: z.string().optional().describe("What TypeScript adds to the message, e.g. \"Did you forget to use 'await'?\"."),
});

const executionError = z.strictObject({
  name: z.string().describe("CompileError, a containment error such as Timeout, or the name of what the code threw."),
  message: z.string(),
  line: integer().optional().describe("1-based, in the code as sent, when known."),
  column: integer().optional(),
  stack: z.string().optional(),
});

const egressRecord = z.strictObject({
  host: z.string(),
  method: z.string(),
  status: integer().nullable(),
  bytes: integer(),
  refused: z.enum(["denied", "override", "request-limit", "too-large", "timeout", "failed", "misconfigured", "ended"]).optional(),
});

const executionStats = z.strictObject({
  wallMs: z.number(),
  apiCalls: integer(),
  unawaitedCalls: integer().describe("Calls still running when the code returned (an `await` forgotten)."),
  fuelUsed: integer(),
  logsDropped: integer(),
  egress: z.array(egressRecord),
  truncated: z.strictObject({ result: z.boolean(), logs: z.boolean() }),
});

const pendingApproval = z.strictObject({
  approval: z.string().describe("The token that resumes the execution: pass it to the `decide` tool once a person has decided."),
  call: z.strictObject({ api: z.string(), method: z.string(), input: z.unknown(), reason: z.string() }),
  expiresAt: z.string().describe("When the token expires (ISO 8601)."),
});

/** The structuredContent of `execute`: the execute response, as `POST /v1/execute` answers it. */
export const executeOutput = z.strictObject({
  ok: z.boolean(),
  result: z.unknown().optional().describe("The returned value as JSON; absent when the code returned nothing or failed."),
  logs: z.array(z.strictObject({ level: z.enum(LOG_LEVELS), message: z.string() })),
  error: executionError.optional(),
  diagnostics: z.array(diagnostic).optional().describe("Type errors, when error.name is CompileError."),
  pending: pendingApproval.optional().describe("When error.name is ApprovalRequired: the call waiting for a person's decision."),
  stats: executionStats,
});

/** The structuredContent of `search`: the matched methods and their declarations. */
export const searchOutput = z.strictObject({
  hits: z.array(z.strictObject({ api: z.string(), method: z.string(), description: z.string() })),
  total: integer().describe("Methods matched before the cut to `limit`."),
  declarations: z.string(),
});

/** T with `readonly` removed at every depth: the api-types mark fields readonly, which JSON cannot express. */
type Writable<T> = { -readonly [K in keyof T]: Writable<T[K]> };

/** True only when A and B are the same type, optional and nullable fields included. */
type Same<A, B> = (<T>() => T extends Writable<A> ? 1 : 2) extends <T>() => T extends Writable<B> ? 1 : 2 ? true : false;

const executeOutputMatchesItsType: Same<z.output<typeof executeOutput>, ExecuteResponse> = true;
const searchOutputMatchesItsType: Same<z.output<typeof searchOutput>, ApiSearchResult> = true;
void executeOutputMatchesItsType;
void searchOutputMatchesItsType;
