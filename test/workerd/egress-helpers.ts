import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { ExecuteResponse } from "../../api-types/execution";
import { postJson } from "./helpers";

/** The demo upstream's token in the tests: a canary (test/vitest.config.ts) no sandbox may ever see. */
export const CANARY: string = env.DEMO_UPSTREAM_TOKEN;

/** Runs `code` with the given grants; fails on a non-200. */
export async function runEgress(code: string, grants: { apis?: string[]; egress?: string[]; check?: boolean } = {}): Promise<ExecuteResponse> {
  const response = await postJson("/v1/execute", { code, apis: grants.apis ?? [], ...grants });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as ExecuteResponse;
}

/** Every spelling of the canary an upstream or a leak could produce. */
function canarySpellings(): string[] {
  const bytes = new TextEncoder().encode(CANARY);
  const b64 = (pad: number) => btoa("\0".repeat(pad) + String.fromCharCode(...bytes)).slice(4, -4);
  const spelled = [CANARY, encodeURIComponent(CANARY), btoa(CANARY).slice(0, -4), b64(1), b64(2)];
  return [...spelled, ...spelled.map((s) => s.replaceAll("+", "-").replaceAll("/", "_"))];
}

/** Asserts that nothing in `value` (serialized whole) holds the canary in any spelling. */
export function expectNoCanary(value: unknown): void {
  const text = JSON.stringify(value);
  expect(text.length).toBeGreaterThan(0);
  for (const spelling of canarySpellings()) expect(text).not.toContain(spelling);
  expect(text.toLowerCase()).not.toContain(CANARY.toLowerCase());
}
