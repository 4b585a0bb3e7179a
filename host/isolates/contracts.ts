import type { SandboxBridge, SandboxManifest } from "../../api-types/sandbox-protocol.js";
import type { EgressProps } from "../egress/entrypoint.js";

/*
 * The seams between the host and where isolates run: types only, so the
 * host (host/isolates/launcher.ts), its runner client (host/isolates/runner-launcher.ts,
 * host/isolates/runner-link.ts), the runner itself (host/isolates/runner/index.ts) and the
 * loader (host/isolates/isolate.ts) share them without importing each other.
 */

/**
 * How one run ended. `crashed` carries workerd's message about the isolate;
 * `failed` is a failure the isolate host has already named and worded for
 * the caller (host/isolates/runner-loss.ts), such as an execution lost with its runner.
 */
export type IsolateRun =
  | { kind: "settled"; outcome: unknown }
  | { kind: "timeout" }
  | { kind: "hung" }
  | { kind: "crashed"; message: string }
  | { kind: "failed"; name: string; message: string };

export interface IsolateLimits {
  /**
   * The run's wall-clock deadline, in ms from when its isolate is loaded.
   * The executor (host/execution/executor.ts) sets it once per execution, from the
   * request's timeoutMs. Its one owner is runInIsolate (host/isolates/isolate.ts):
   * past it the run resolves as `timeout` and the isolate's stub is disposed.
   * Whoever waits on a run from afar (host/isolates/runner-launcher.ts) bounds its
   * wait by this deadline plus a documented grace, never by one of its own.
   * Time the job's `clock` was held (a call waiting for approval) does not count.
   */
  readonly timeoutMs: number;
  /** `limits` for load(): enforced by Cloudflare in production, ignored by local workerd. */
  readonly cpuMs: number;
  readonly subRequests: number;
}

/**
 * How long a run's deadline was held (host/isolates/run-clock.ts): a call
 * waiting for a person's decision does not count against it.
 */
export interface DeadlineClock {
  /** Resolves, once nothing holds the deadline, with the total milliseconds it was held so far. */
  whenRunning(): Promise<number>;
}

/**
 * One run of agent code, passed whole from the executor to wherever the
 * isolate is loaded, across Workers RPC to a runner process too: every field
 * is structured-clonable but `bridge` and `clock`, which cross as RPC stubs.
 */
export interface IsolateJob {
  /** The transpiled, instrumented agent module. */
  readonly agentJs: string;
  /** The execution's bridge: the only way the agent's code reaches APIs and console capture. */
  readonly bridge: SandboxBridge;
  readonly manifest: SandboxManifest;
  readonly limits: IsolateLimits;
  /** What extends `limits.timeoutMs` by the time calls waited for approval; absent, the deadline is fixed. */
  readonly clock?: DeadlineClock;
  /** Names the execution's egress session; where the job runs, it becomes the isolate's globalOutbound. */
  readonly egress: EgressProps;
}

/**
 * Asked only after a run was lost with its runner process: true when running
 * the code again cannot repeat anything seen outside the isolate (no API
 * call, no egress request, no streamed console entry so far).
 */
export type RerunCheck = () => boolean;

/**
 * Where the isolates that run agent code are loaded.
 *
 * - In this process (`LOADER`): production. Cloudflare contains each isolate
 *   itself: a memory bomb kills only that isolate, and `limits` are enforced.
 * - In a runner process (`RUNNER`, host/isolates/runner/index.ts): local development. Local
 *   workerd aborts the whole process when one isolate exhausts its heap, so
 *   agent code runs in a separate `wrangler dev` process. A crash there loses
 *   only that runner's executions; this process keeps serving, runs each lost
 *   execution once more when `rerunnable` allows, and reports what it could
 *   not (host/isolates/runner-launcher.ts).
 *
 * Either way the isolate's fetch() goes through the host's Egress entrypoint
 * (host/egress/), bound to the execution's session by `job.egress`; a runner
 * relays to it, since bindings do not cross processes.
 *
 * Contract: `run()` never rejects; every failure is an IsolateRun.
 */
export interface IsolateLauncher {
  run(job: IsolateJob, rerunnable: RerunCheck): Promise<IsolateRun>;
}

/** What a runner says about itself when pinged. */
export interface RunnerStatus {
  /** Names the runner process: a new one after every restart, by wrangler or by the watchdog. */
  readonly bootId: string;
  /**
   * When the watchdog (host/dev/start.mjs) decided to start this runner in place of
   * one that had stopped answering, in ms since the epoch; 0 for a runner it
   * started for another reason. A runner that wrangler restarted after a crash
   * keeps the value of the one that crashed.
   */
  readonly replacedAt: number;
  /**
   * Why the watchdog replaced the runner before it: "memory" when its
   * resident memory had grown by most of a heap since it last answered (a
   * heap thrashing near its limit), else "unresponsive" (stuck on CPU).
   */
  readonly replacedFor: "memory" | "unresponsive";
}

/** A runner's answer to run(): an IsolateRun, or a refusal because it already holds its most executions. */
export type RunnerRun = IsolateRun | { kind: "overloaded"; limit: number };

/** The runner's RPC surface (host/isolates/runner/index.ts), as the host's service binding sees it. */
export interface RunnerService {
  ping(): Promise<RunnerStatus>;
  run(job: IsolateJob): Promise<RunnerRun>;
}
