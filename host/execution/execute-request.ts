import { executeRequest, type ExecuteResponse } from "../../api-types/execution.js";
import type { LogEntry } from "../../api-types/sandbox-protocol.js";
import type { ApprovalChannel } from "../approvals/approval-channel.js";
import { sessionApi } from "../../api-types/session.js";
import { checkCodeNesting } from "./check/code-nesting.js";
import type { ParsedCode } from "./parsed-code.js";
import type { HostConfig } from "../config.js";
import { execute, type ExecutionApprovals } from "./executor.js";
import type { Replay } from "../approvals/approval-gate.js";
import { keepPaused } from "../approvals/paused-store.js";
import type { HostState } from "../host-state.js";
import { invalid, invalidInput } from "../refusal.js";
import type { RegisteredApi } from "../apis/registry.js";
import { openSession } from "../sessions/index.js";

/** What a front end (HTTP, MCP, Cap'n Web) adds to a request besides its body. */
export interface ExecuteExtras {
  /** APIs granted to this execution only; always granted. */
  readonly apis?: readonly RegisteredApi[];
  /** Receives each console entry while the code runs. */
  readonly onLog?: (entry: LogEntry) => void;
  /**
   * Asks a person about calls that need approval while the execution waits.
   * Without it, the execution pauses at the first such call and answers
   * ApprovalRequired with a token to resume it (host/approvals/).
   */
  readonly approvals?: ApprovalChannel;
}

/** Refuses code over GHOSTWIRE_MAX_CODE_BYTES with a 400 that gives both sizes. */
export function checkCodeSize(config: HostConfig, code: string): void {
  const bytes = new TextEncoder().encode(code).byteLength;
  if (bytes > config.GHOSTWIRE_MAX_CODE_BYTES) {
    throw invalid("code_too_large", `code is ${bytes} bytes; the limit is ${config.GHOSTWIRE_MAX_CODE_BYTES} bytes.`);
  }
}

/**
 * The checks every front end runs on untrusted code before it reaches the
 * type checker or the transpiler (execute, and Cap'n Web's check): its size
 * (checkCodeSize), then its nesting (checkCodeNesting, host/execution/check/code-nesting.ts).
 * Each refusal is an `invalid` Refusal that names the limit. Returns the
 * code normalized and parsed, as the pipeline goes on with it.
 */
export function checkCode(config: HostConfig, code: string): ParsedCode {
  checkCodeSize(config, code);
  return checkCodeNesting(code);
}

/**
 * The one entry point every front end runs code through. `body` is untrusted:
 * it is validated against `executeRequest` and the host's limits, and any
 * problem is thrown as an `invalid` Refusal that says what to send instead. Once
 * valid, the execution itself never throws; failures come back in the
 * response.
 */
export function runExecuteRequest(host: HostState, body: unknown, extras: ExecuteExtras = {}): Promise<ExecuteResponse> {
  return runRequest(host, body, extras);
}

/**
 * runExecuteRequest, or the resume of a paused execution when `replay` is
 * set (host/approvals/resume.ts): its stored request runs again, checked as
 * the first time, with its recorded calls answered from the recording.
 */
export async function runRequest(host: HostState, body: unknown, extras: ExecuteExtras, replay?: Replay): Promise<ExecuteResponse> {
  const { config, checker, isolates, egress } = host;
  const parsed = executeRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  const request = parsed.data;
  const { code, apis, check, fuel, timeoutMs, egress: requestedEgress, session } = request;
  const parsedCode = checkCode(config, code);
  if (fuel !== undefined && fuel > config.GHOSTWIRE_MAX_FUEL) {
    throw invalid("fuel_too_large", `fuel is ${fuel}; this host allows at most ${config.GHOSTWIRE_MAX_FUEL}. Send a smaller fuel, or omit it to get the maximum.`);
  }
  if (timeoutMs !== undefined && timeoutMs > config.GHOSTWIRE_TIMEOUT_MS) {
    throw invalid("timeout_too_large", `timeoutMs is ${timeoutMs}; this host allows at most ${config.GHOSTWIRE_TIMEOUT_MS}. Send a smaller timeoutMs, or omit it to get the maximum.`);
  }
  if (session === undefined && apis?.includes(sessionApi.name)) {
    throw invalid("session_required", "The session API needs a session: create one with POST /v1/sessions and send its token as `session`.");
  }
  const names = apis?.filter((name) => name !== sessionApi.name);
  const named = (await host.catalog.for(names)).grant(names);
  // Opened last, once the request is otherwise valid: a refused token is a 403 before any code runs.
  const sessionApis = session === undefined ? [] : [await openSession(host.env, config, session)];
  const granted = [...named, ...sessionApis, ...(extras.apis ?? [])];
  const grantedEgress = egress.grant(granted.map((api) => api.contract), requestedEgress);
  const approvals: ExecutionApprovals = {
    channel: extras.approvals,
    replay,
    pause: (paused) => keepPaused(host.env, config, { request, ...paused }),
  };
  const execution = { code: parsedCode, apis: granted, egress: grantedEgress, check: check ?? true, fuel: fuel ?? config.GHOSTWIRE_MAX_FUEL, timeoutMs: timeoutMs ?? config.GHOSTWIRE_TIMEOUT_MS, onLog: extras.onLog, approvals };
  return execute(execution, { isolates, checker, config, egress });
}
