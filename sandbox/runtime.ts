/**
 * The sandbox runtime: the main module of every isolate the host loads. It
 * runs inside the isolate, next to the agent's module "./agent.js".
 *
 * Contract (api-types/sandbox-protocol.ts): the host calls `run(bridge,
 * manifest)` once. The runtime installs console capture, one namespace per
 * granted API and the callback guard, runs the agent's function on the
 * execution's CPU fuel (sandbox/fuel.ts), and answers with a SandboxOutcome.
 * The first of these ends the execution and is what it reports: the fuel
 * running out, a callback throwing where no agent code could catch it, the
 * agent's function settling. A result is then replaced by a rejection that
 * nothing handled (sandbox/rejections.ts). It never throws: failures come back
 * as values. The isolate is used once.
 *
 * Agent code runs in this same realm and may replace any global or prototype
 * method. Everything the runtime does after agent code started (the path
 * from the agent's promise to the answer, console capture, result encoding,
 * error descriptions) uses only built-ins captured when its modules load, and
 * the answer carries an own `then: undefined`, so a polluted `then` cannot
 * intercept it. Every size in the answer is bounded by the manifest's limits;
 * the host measures them again (host/execution/outcome.ts).
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import {
  RESULT_PREVIEW_CHARS,
  type CapturedLogs,
  type LogEntry,
  type SandboxBridge,
  type SandboxError,
  type SandboxManifest,
  type SandboxOutcome,
  type SandboxStop,
} from "../api-types/sandbox-protocol.js";
import runAgent from "./agent.js";
import { guardCallbacks } from "./callback-guard.js";
import { createConsoleCapture } from "./console-capture.js";
import { installEgressFetch } from "./egress-fetch.js";
import { describeThrown } from "./error-report.js";
import { createFuel } from "./fuel.js";
import { encodeJson } from "./json-value.js";
import { createNamespace } from "./namespaces.js";
import { createPendingCalls, type DrainedCalls } from "./pending-calls.js";
import { watchRejections } from "./rejections.js";

const defineProperty = Object.defineProperty;
const objectEntries = Object.entries;
const apply = Reflect.apply;
const promiseThen = Promise.prototype.then;
const promiseResolve = Promise.resolve;
const stringSlice = String.prototype.slice;
const stringify = JSON.stringify;
const PromiseConstructor = Promise;

// Before any agent code runs: the agent's module holds only a function.
installEgressFetch();

/** Stack frames kept per error; fixed so agent code cannot hide the line an error came from. */
const STACK_TRACE_LIMIT = 20;
/** Calls named in the warning about calls that were not awaited; the count covers all of them. */
const NAMED_UNAWAITED_CALLS = 5;
const arraySlice = Array.prototype.slice;
const arrayJoin = Array.prototype.join;

/** The warning an execution gets when its function returned with API calls still in flight. */
function unawaitedWarning(labels: string[]): string {
  const named = apply(arrayJoin, apply(arraySlice, labels, [0, NAMED_UNAWAITED_CALLS]), [", "]) as string;
  const more = labels.length > NAMED_UNAWAITED_CALLS ? ` and ${labels.length - NAMED_UNAWAITED_CALLS} more` : "";
  return `${labels.length} API call(s) were still running when the code returned: ${named}${more}. The sandbox waited for them before answering; write \`await\` before every API call, so that its result and its errors reach your code.`;
}

type Settled = { ok: true; resultJson?: string; resultTruncated: boolean } | { ok: false; stopped: SandboxStop; error: SandboxError };

/**
 * The result as JSON text within `maxResultChars`. A larger one becomes the
 * documented `$truncated` object: the encoder stops at the cap, so the full
 * size is never computed.
 */
function serializeResult(value: unknown, maxResultChars: number): Settled {
  const encoded = encodeJson(value, maxResultChars);
  if (encoded.complete) return { ok: true, resultJson: encoded.text, resultTruncated: false };
  const preview = apply(stringSlice, encoded.text, [0, RESULT_PREVIEW_CHARS]) as string;
  return { ok: true, resultJson: `{"$truncated":true,"limit":${maxResultChars},"preview":${stringify(preview)}}`, resultTruncated: true };
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
    const { limits } = manifest;
    const streamTo = manifest.streamLogs === true ? bridge : undefined;
    // Fire and forget; a failed send must not surface as the agent's unhandled rejection.
    // The stub's answer is an RPC promise, not a Promise: adopt it first.
    const send = (entry: LogEntry) => void apply(promiseThen, apply(promiseResolve, PromiseConstructor, [streamTo!.log(entry.level, entry.message)]), [undefined, () => undefined]);
    const capture = createConsoleCapture(limits, streamTo && send);
    const rejections = watchRejections();
    const pending = createPendingCalls();
    let unawaitedCalls = 0;
    const ready = apply(promiseResolve, PromiseConstructor, []) as Promise<void>;
    return new PromiseConstructor<SandboxOutcome>((resolve) => {
      let answered = false;
      let fuelStop: Settled | undefined;
      /**
       * Answers once; whatever ends the execution later is not reported
       * (README, "Residual risks"). A fuel stop wins over what the agent's
       * function did after it, e.g. catching the stop and returning.
       */
      const finish = (settled: Settled) => {
        if (answered) return;
        answered = true;
        const unhandled = settled.ok ? rejections.unhandled() : undefined;
        const final: Settled = fuelStop ?? (unhandled === undefined ? settled : { ok: false, stopped: "unhandled", error: describeThrown(unhandled.reason) });
        let logs: CapturedLogs;
        try {
          logs = capture.snapshot();
        } catch {
          logs = { entries: [], dropped: 0, truncated: true };
        }
        // The own `then` keeps a `then` agent code put on Object.prototype from
        // making the answer a thenable that it could hold back or rewrite.
        const answer = { ...final, logs, fuelUsed: fuel.used(), unawaitedCalls, then: undefined };
        resolve(answer);
      };
      // The stop may come at the bottom of an overflowed stack: the answer is built in a microtask, on a fresh stack.
      const fuel = createFuel(manifest.fuel, (error) => {
        fuelStop = { ok: false, stopped: "fuel", error };
        apply(promiseThen, ready, [() => finish(fuelStop!)]);
      });
      guardCallbacks((thrown) => finish({ ok: false, stopped: "uncaught", error: describeThrown(thrown) }));
      lockStackTraces();
      defineProperty(globalThis, "console", { value: capture.console, writable: false, configurable: false });
      for (const [api, methods] of objectEntries(manifest.apis)) {
        defineProperty(globalThis, api, { value: createNamespace(bridge, api, methods, limits.maxCallInputChars, pending), writable: false, configurable: false, enumerable: false });
      }
      const threw = (thrown: unknown) => finish({ ok: false, stopped: "threw", error: describeThrown(thrown) });
      try {
        apply(promiseThen, runAgent(fuel.burn)(), [
          (value: unknown) => {
            let result: Settled;
            try {
              result = serializeResult(value, limits.maxResultChars);
            } catch (thrown) {
              threw(thrown);
              return;
            }
            // Calls the code started and did not await: wait for them, and let the first failure fail the execution.
            apply(promiseThen, pending.drain(), [
              (drained: DrainedCalls) => {
                if (drained.labels.length > 0) {
                  unawaitedCalls = drained.labels.length;
                  capture.console.warn(unawaitedWarning(drained.labels));
                }
                finish(drained.failure === undefined ? result : { ok: false, stopped: "unhandled", error: describeThrown(drained.failure.reason) });
              },
            ]);
          },
          threw,
        ]);
      } catch (thrown) {
        threw(thrown);
      }
    });
  }
}
