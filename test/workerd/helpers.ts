import { exports } from "cloudflare:workers";
import type { ExecuteResponse } from "../../api-types/execution";

export const BASE = "http://ghostwire.test";

/** Sends a request to the host Worker under test, in this workerd. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(BASE + path, init));
}

export function postJson(path: string, body: unknown): Promise<Response> {
  return call(path, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

/** Runs `code` through POST /v1/execute and returns the parsed response; fails on a non-200. */
export async function run(code: string, options: { apis?: string[]; check?: boolean } = {}): Promise<ExecuteResponse> {
  const response = await postJson("/v1/execute", { code, ...options });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as ExecuteResponse;
}
