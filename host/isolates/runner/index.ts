import { exports, WorkerEntrypoint } from "cloudflare:workers";
import type { EgressRelay, EgressRelayEnv } from "../../egress/relay.js";
import { runInIsolate } from "../isolate.js";
import type { IsolateJob, RunnerRun, RunnerService, RunnerStatus } from "../contracts.js";

// The relay alone, not the egress barrel: the policy, the rules and zod stay out of the runner's bundle.
export { EgressRelay } from "../../egress/relay.js";

/** The runner's bindings (host/isolates/runner/wrangler.jsonc) and the variables host/dev/start.mjs gives it. */
interface RunnerEnv extends EgressRelayEnv {
  readonly LOADER: WorkerLoader;
  /** Set by the watchdog (host/dev/start.mjs) on a runner it started in place of one that stopped answering: when it decided to, in ms since the epoch. */
  readonly GHOSTWIRE_RUNNER_REPLACED_AT?: string;
  /** With GHOSTWIRE_RUNNER_REPLACED_AT: "memory" when the runner it replaced had filled its memory, else "unresponsive". */
  readonly GHOSTWIRE_RUNNER_REPLACED_FOR?: string;
  /** Overrides DEFAULT_MAX_EXECUTIONS (`npm start -- --var GHOSTWIRE_RUNNER_MAX_EXECUTIONS:N`). */
  readonly GHOSTWIRE_RUNNER_MAX_EXECUTIONS?: string;
}

/**
 * The most executions this runner holds at once; past it, run() answers
 * `overloaded` at once without loading anything, and the caller gets
 * `Overloaded`. Each arriving execution costs the runner a load() on its one
 * thread; too many at once and it stops answering its health checks, and
 * the watchdog kills it with every execution inside. Measured with
 * executions that sleep 10 s, sent all at once, on a 2-core machine shared
 * with other work (load average 7 to 14): 100 and 200 held; 200 was killed
 * once, with 400 sent; uncapped, 500 and 600 were killed.
 */
const DEFAULT_MAX_EXECUTIONS = 100;

/** This Worker's own exports as loopback bindings; the global typing describes the host's. */
const loopback = exports as unknown as { EgressRelay: LoopbackServiceStub<EgressRelay> };

/** Executions in this runner process right now, across every call to the entrypoint. */
let running = 0;
/** Names this runner process, so the host can tell a restarted runner from one that kept running; set on first use, as global scope may not draw random values. */
let bootId = "";

/** A positive whole number from a variable, or `fallback` when it is unset; a bad value fails loudly. */
function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new Error(`The runner variable ${name} is "${value}"; set it to a whole number of at least 0, or leave it unset.`);
  }
  return parsed;
}

/**
 * The runner's RPC entrypoint, called by the host through its RUNNER service
 * binding. It holds the loader and nothing else: no API implementation, no
 * secret, no host state, so a crash here loses only the executions in flight.
 *
 * Contract: `run()` takes the host's IsolateJob (its bridge arrives as a stub
 * to the host's per-execution bridge), runs it once in a fresh isolate whose
 * fetch() is relayed to the host's egress gateway, bound to the job's egress
 * session, and answers with the raw IsolateRun, or
 * `overloaded` when it already holds its most executions; it never rejects.
 * `ping()` answers with this runner's RunnerStatus.
 */
export class Runner extends WorkerEntrypoint<RunnerEnv> implements RunnerService {
  async ping(): Promise<RunnerStatus> {
    bootId ||= crypto.randomUUID();
    return {
      bootId,
      replacedAt: wholeNumber("GHOSTWIRE_RUNNER_REPLACED_AT", this.env.GHOSTWIRE_RUNNER_REPLACED_AT, 0),
      replacedFor: this.env.GHOSTWIRE_RUNNER_REPLACED_FOR === "memory" ? "memory" : "unresponsive",
    };
  }

  async run(job: IsolateJob): Promise<RunnerRun> {
    let limit: number;
    try {
      limit = wholeNumber("GHOSTWIRE_RUNNER_MAX_EXECUTIONS", this.env.GHOSTWIRE_RUNNER_MAX_EXECUTIONS, DEFAULT_MAX_EXECUTIONS);
    } catch (error) {
      return { kind: "crashed", message: (error as Error).message };
    }
    if (running >= limit) return { kind: "overloaded", limit };
    running++;
    try {
      return await runInIsolate(this.env.LOADER, job, loopback.EgressRelay({ props: job.egress }));
    } finally {
      running--;
    }
  }
}

/** Plain HTTP answers only the supervisor's health check (host/dev/start.mjs). */
export default {
  fetch: () => new Response("ok"),
} satisfies ExportedHandler<RunnerEnv>;
