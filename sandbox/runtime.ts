/**
 * The sandbox runtime: the main module of every isolate the host loads. It
 * runs inside the isolate, next to the agent's module "./agent.js".
 *
 * Contract (api-types/sandbox-protocol.ts): the host calls `run(bridge,
 * manifest)` once. The runtime installs console capture and one namespace per
 * granted API, runs the agent's function on the execution's CPU fuel
 * (sandbox/fuel.ts), and answers with a SandboxOutcome. Precedence of what it
 * reports: fuel exhaustion, then the agent's own error, then a rejection
 * nothing handled (sandbox/rejections.ts), then the result. It never throws:
 * failures come back as values. The isolate is used once.
 *
 * Agent code runs in this same realm and may replace any global or prototype
 * method. The path from the agent's promise to the answer therefore uses only
 * built-ins captured when this module loads, and the answer carries an own
 * `then: undefined`, so a polluted `then` cannot intercept it. What agent code
 * breaks in its own values (a replaced Array.prototype.map garbling its
 * result) stays its own: the host validates the answer, and no other
 * execution shares the realm.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import type { CapturedLogs, LogEntry, SandboxBridge, SandboxError, SandboxManifest, SandboxOutcome } from "../api-types/sandbox-protocol";
import runAgent from "./agent.js";
import { createConsoleCapture } from "./console-capture";
import { installEgressFetch } from "./egress-fetch";
import { createFuel } from "./fuel";
import { toJsonText } from "./json-value";
import { createNamespace } from "./namespaces";
import { watchRejections } from "./rejections";

const defineProperty = Object.defineProperty;
const apply = Reflect.apply;
const promiseThen = Promise.prototype.then;
const promiseResolve = Promise.resolve;
const PromiseConstructor = Promise;

// Before any agent code runs: the agent's module holds only a function.
installEgressFetch();

/** Stack frames kept per error; fixed so agent code cannot hide the line an error came from. */
const STACK_TRACE_LIMIT = 20;

type Settled = { ok: true; resultJson?: string; resultTruncated: boolean } | { ok: false; error: SandboxError };

function describeError(thrown: unknown): SandboxError {
  try {
    if (thrown instanceof Error) {
      return { name: String(thrown.name), message: String(thrown.message), stack: typeof thrown.stack === "string" ? thrown.stack : undefined };
    }
    const shown = typeof thrown === "string" ? thrown : (toJsonText(thrown) ?? String(thrown));
    return { name: "Error", message: `Uncaught non-Error value: ${shown}` };
  } catch {
    return { name: "Error", message: "Uncaught value that could not be described: reading it threw." };
  }
}

function describeUnhandled(reason: unknown): SandboxError {
  const { name, message, stack } = describeError(reason);
  return {
    name: "UnhandledRejection",
    message: `A promise was rejected and nothing handled it (${name}: ${message}). Await the promise, or attach .catch() to it.`,
    stack,
  };
}

function serializeResult(value: unknown, maxResultChars: number): Settled {
  let resultJson = toJsonText(value);
  let resultTruncated = false;
  if (resultJson !== undefined && resultJson.length > maxResultChars) {
    resultJson = toJsonText({ $truncated: true, chars: resultJson.length, limit: maxResultChars, preview: resultJson.slice(0, 1024) });
    resultTruncated = true;
  }
  return { ok: true, resultJson, resultTruncated };
}

/**
 * Fixes Error.prepareStackTrace and Error.stackTraceLimit, so stacks, from
 * which the host reads an error's line, are always V8's own text.
 */
function lockStackTraces(): void {
  defineProperty(Error, "prepareStackTrace", { value: undefined, writable: false, configurable: false });
  defineProperty(Error, "stackTraceLimit", { value: STACK_TRACE_LIMIT, writable: false, configurable: false });
}

export default class SandboxRuntime extends WorkerEntrypoint {
  run(bridge: SandboxBridge, manifest: SandboxManifest): Promise<SandboxOutcome> {
    const streamTo = manifest.streamLogs === true ? bridge : undefined;
    // Fire and forget; a failed send must not surface as the agent's unhandled rejection.
    // The stub's answer is an RPC promise, not a Promise: adopt it first.
    const send = (entry: LogEntry) => void apply(promiseThen, apply(promiseResolve, PromiseConstructor, [streamTo!.log(entry.level, entry.message)]), [undefined, () => undefined]);
    const capture = createConsoleCapture(manifest.limits, streamTo && send);
    const fuel = createFuel(manifest.fuel);
    const rejections = watchRejections();
    lockStackTraces();
    defineProperty(globalThis, "console", { value: capture.console, writable: false, configurable: false });
    for (const [api, methods] of Object.entries(manifest.apis)) {
      defineProperty(globalThis, api, { value: createNamespace(bridge, api, methods), writable: false, configurable: false, enumerable: false });
    }
    return new PromiseConstructor<SandboxOutcome>((resolve) => {
      const finish = (settled: Settled) => {
        const stopped = fuel.exhaustion();
        const unhandled = settled.ok ? rejections.unhandled() : undefined;
        let final = settled;
        if (stopped !== undefined) final = { ok: false, error: stopped };
        else if (unhandled !== undefined) final = { ok: false, error: describeUnhandled(unhandled.reason) };
        let logs: CapturedLogs;
        try {
          logs = capture.snapshot();
        } catch {
          logs = { entries: [], dropped: 0, truncated: true };
        }
        // The own `then` keeps a `then` agent code put on Object.prototype from
        // making the answer a thenable that it could hold back or rewrite.
        resolve({ ...final, logs, fuelUsed: fuel.used(), then: undefined });
      };
      try {
        const work = fuel.guard(runAgent(fuel.burn)());
        apply(promiseThen, work, [
          (value: unknown) => {
            try {
              finish(serializeResult(value, manifest.limits.maxResultChars));
            } catch (thrown) {
              finish({ ok: false, error: describeError(thrown) });
            }
          },
          (thrown: unknown) => finish({ ok: false, error: describeError(thrown) }),
        ]);
      } catch (thrown) {
        finish({ ok: false, error: describeError(thrown) });
      }
    });
  }
}
