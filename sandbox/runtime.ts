/**
 * The sandbox runtime: the main module of every isolate the host loads. It
 * runs inside the isolate, next to the agent's module "./agent.js".
 *
 * Contract (api-types/sandbox-protocol.ts): the host calls `run(bridge,
 * manifest)` once. The runtime installs console capture and one namespace per
 * granted API, awaits the agent's function, and answers with a SandboxOutcome.
 * It never throws: failures come back as values. The isolate is used once.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import type { SandboxBridge, SandboxError, SandboxManifest, SandboxOutcome } from "../api-types/sandbox-protocol";
import runAgent from "./agent.js";
import { createConsoleCapture } from "./console-capture";
import { toJsonText } from "./json-value";
import { createNamespace } from "./namespaces";

const defineProperty = Object.defineProperty;

function describeError(thrown: unknown): SandboxError {
  if (thrown instanceof Error) {
    return { name: String(thrown.name), message: String(thrown.message), stack: typeof thrown.stack === "string" ? thrown.stack : undefined };
  }
  const shown = typeof thrown === "string" ? thrown : (toJsonText(thrown) ?? String(thrown));
  return { name: "Error", message: `Uncaught non-Error value: ${shown}` };
}

export default class SandboxRuntime extends WorkerEntrypoint {
  async run(bridge: SandboxBridge, manifest: SandboxManifest): Promise<SandboxOutcome> {
    const capture = createConsoleCapture(manifest.limits);
    defineProperty(globalThis, "console", { value: capture.console, writable: false, configurable: false });
    for (const [api, methods] of Object.entries(manifest.apis)) {
      defineProperty(globalThis, api, { value: createNamespace(bridge, api, methods), writable: false, configurable: false, enumerable: false });
    }
    try {
      const value = await runAgent();
      let resultJson = toJsonText(value);
      let resultTruncated = false;
      if (resultJson !== undefined && resultJson.length > manifest.limits.maxResultChars) {
        resultJson = toJsonText({
          $truncated: true,
          chars: resultJson.length,
          limit: manifest.limits.maxResultChars,
          preview: resultJson.slice(0, 1024),
        });
        resultTruncated = true;
      }
      return { ok: true, resultJson, resultTruncated, logs: capture.snapshot() };
    } catch (thrown) {
      return { ok: false, error: describeError(thrown), logs: capture.snapshot() };
    }
  }
}
