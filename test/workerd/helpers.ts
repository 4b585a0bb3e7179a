import { exports } from "cloudflare:workers";
import type { ExecuteResponse, ExecutionError } from "../../api-types/execution.js";
import { composeHost } from "../../host/compose-host.js";
import { DEMO_OPTIONS } from "../../host/demo/index.js";
import { resolveOptions } from "../../host/ghostwire-options.js";
import type { HostState } from "../../host/host-state.js";

export const BASE = "http://ghostwire.test";

/** Sends a request to the host Worker under test, in this workerd. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(BASE + path, init));
}

/** POSTs `body` as JSON; a string is sent as it is, so malformed JSON can be sent too. */
export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return call(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

/**
 * What POST /v1/execute answers: an execution on 200; on a refusal (4xx),
 * only `error`, with a `code` and a sentence.
 */
export type ExecuteAnswer = ExecuteResponse & { error?: ExecutionError & { code?: string } };

export interface ExecuteOptions {
  /** The status the host must answer with (default 200); any other fails the test, naming the body. */
  status?: number;
  /** Request headers besides content-type, e.g. cf-connecting-ip. */
  headers?: Record<string, string>;
}

/**
 * The one way workerd tests run code: POSTs `body` (the fields of an
 * execute request: code, apis, check, fuel, timeoutMs, session, egress) to
 * /v1/execute, checks the status and returns the parsed answer.
 */
export async function execute(body: { code: string } & Record<string, unknown>, options: ExecuteOptions = {}): Promise<ExecuteAnswer> {
  const { status = 200, headers } = options;
  const response = await postJson("/v1/execute", body, headers);
  if (response.status !== status) throw new Error(`POST /v1/execute answered HTTP ${response.status}, not ${status}: ${await response.text()}`);
  return (await response.json()) as ExecuteAnswer;
}

/** The demo host's state, as the demo Worker builds it for this env: for tests that call the host's modules directly. */
export function demoHost(env: object): HostState {
  return composeHost(env, resolveOptions(DEMO_OPTIONS));
}
