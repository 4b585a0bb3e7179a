import type { EgressRecord, ExecuteResponse, ExecutionError } from "../../api-types/execution.js";
import type { CapturedLogs, LogEntry, SandboxManifest } from "../../api-types/sandbox-protocol.js";
import { ExecutionBridge } from "./bridge.js";
import { checkStep } from "./check/check-step.js";
import { captureLimits, type HostConfig } from "../config.js";
import type { EgressGateway } from "../egress/index.js";
import type { Diagnostic } from "./check/diagnostics.js";
import { explainStop, mapRuntimeError } from "./error-mapping.js";
import { createLogStackMapper, mapStreamedEntry } from "./log-stacks.js";
import type { IsolateLauncher, IsolateJob } from "../isolates/contracts.js";
import type { RegisteredApi } from "../apis/registry.js";
import { appendHostLogs, readSandboxOutcome } from "./outcome.js";
import { compileAgent } from "./compile-agent.js";
import { sortedMethodNames } from "./method-names.js";
import type { ParsedCode } from "./parsed-code.js";
import type { PendingApproval } from "../../api-types/approval.js";
import type { ApprovalChannel } from "../approvals/approval-channel.js";
import { ApprovalGate, type PausedCall, type Replay } from "../approvals/approval-gate.js";
import { anyApprovalRule } from "../approvals/approval-rules.js";
import type { RecordedCall } from "../approvals/call-recording.js";
import { RunClock } from "../isolates/run-clock.js";
import type { TypeChecker } from "./check/typecheck.js";

export interface ExecutorContext {
  readonly isolates: IsolateLauncher;
  readonly checker: TypeChecker;
  readonly config: HostConfig;
  readonly egress: EgressGateway;
}

export interface Execution {
  /** The code, normalized and parsed once its nesting was checked (checkCode, host/execution/execute-request.ts). */
  readonly code: ParsedCode;
  /** The APIs granted to this execution, already resolved against the registry. */
  readonly apis: readonly RegisteredApi[];
  readonly check: boolean;
  /** CPU fuel budget, already bounded by GHOSTWIRE_MAX_FUEL. */
  readonly fuel: number;
  /** Wall-clock deadline, already bounded by GHOSTWIRE_TIMEOUT_MS. */
  readonly timeoutMs: number;
  /** The egress rule ids granted to this execution (EgressGateway.grant). */
  readonly egress: readonly string[];
  /** Receives each console entry while the code runs (Cap'n Web's onLog); the response still carries them all. */
  readonly onLog?: (entry: LogEntry) => void;
  readonly approvals: ExecutionApprovals;
}

/** How an execution treats calls that need approval (host/approvals/approval-gate.ts). */
export interface ExecutionApprovals {
  /** Asks a person while the execution waits; absent, the execution pauses at the first such call. */
  readonly channel?: ApprovalChannel;
  /** Set when this execution resumes a paused one. */
  readonly replay?: Replay;
  /** Keeps a paused execution (sealed, host/approvals/paused-store.ts) and answers the pending approval that resumes it. */
  pause(paused: PausedExecution): Promise<PendingApproval>;
}

/** What a paused execution must keep: the call it waits on and the calls recorded before it. */
export interface PausedExecution {
  readonly pending: PausedCall;
  readonly calls: readonly RecordedCall[];
}

const NO_LOGS: CapturedLogs = { entries: [], dropped: 0, truncated: false };

/**
 * Runs one execution, top-down: normalize → check → transpile and instrument
 * (compileAgent, recent code from memory) →
 * load → run → map errors → respond. Never throws: every failure is an
 * `ExecuteResponse` with `ok: false`.
 */
export async function execute(execution: Execution, context: ExecutorContext): Promise<ExecuteResponse> {
  const started = Date.now();
  const { config } = context;
  const { source } = execution.code;
  let egressRecords: EgressRecord[] = [];
  const respond = (parts: {
    result?: unknown;
    error?: ExecutionError;
    diagnostics?: Diagnostic[];
    logs?: CapturedLogs;
    apiCalls?: number;
    unawaitedCalls?: number;
    fuelUsed?: number;
    resultTruncated?: boolean;
    pending?: PendingApproval;
  }): ExecuteResponse => {
    const logs = parts.logs ?? NO_LOGS;
    // Key order is what a reader sees first: the outcome, then logs, then stats.
    const response: ExecuteResponse = {
      ok: parts.error === undefined,
      ...(parts.result !== undefined && { result: parts.result }),
      ...(parts.error !== undefined && { error: parts.error }),
      ...(parts.diagnostics !== undefined && { diagnostics: parts.diagnostics }),
      ...(parts.pending !== undefined && { pending: parts.pending }),
      logs: logs.entries,
      stats: {
        wallMs: Date.now() - started,
        apiCalls: parts.apiCalls ?? 0,
        unawaitedCalls: parts.unawaitedCalls ?? 0,
        fuelUsed: parts.fuelUsed ?? 0,
        logsDropped: logs.dropped,
        egress: egressRecords,
        truncated: { result: parts.resultTruncated ?? false, logs: logs.truncated },
      },
    };
    return response;
  };
  const rejected = (diagnostics: Diagnostic[], what: string, advice = "Fix them, or send check: false to run anyway.") =>
    respond({
      diagnostics,
      error: { name: "CompileError", message: `${diagnostics.length} ${what}; the code did not run. ${advice}`, line: diagnostics[0].line, column: diagnostics[0].column },
    });

  if (execution.check) {
    const checked = checkStep(context.checker, source, execution.apis.map((api) => api.contract));
    if (!checked.ok) return respond({ error: checked.error });
    const { diagnostics } = checked;
    if (diagnostics.length > 0) return rejected(diagnostics, diagnostics.length === 1 ? "type error" : "type errors");
  }

  const compilation = compileAgent(execution.code);
  if (!compilation.ok) {
    const diagnostics = [...compilation.diagnostics];
    if (compilation.refused === "syntax") return rejected(diagnostics, diagnostics.length === 1 ? "syntax error" : "syntax errors");
    return rejected(diagnostics, diagnostics.length === 1 ? "refused construct" : "refused constructs", "These are refused even with check: false; rewrite the code without them.");
  }
  const { compiled } = compilation;

  const session = context.egress.open(execution.egress);
  // Stacks in the code's logs, streamed or in the response, read in the agent's own lines (log-stacks.ts).
  const mapLogStacks = createLogStackMapper(compiled.sourceMap, source);
  const capture = captureLimits(config);
  // A run lost with its runner may run again only if nothing outside the isolate saw it (IsolateLauncher.run's `rerunnable`).
  let streamedLogs = false;
  const onLog =
    execution.onLog &&
    ((entry: LogEntry) => {
      streamedLogs = true;
      execution.onLog?.(mapStreamedEntry(entry, mapLogStacks, capture.maxLogMessageChars));
    });
  // Without a rule among the granted methods and without a replay, no call can wait, pause or be
  // answered from a recording: such an execution has no gate and no deadline clock, and pays nothing for them.
  const { replay, channel } = execution.approvals;
  const clock = replay !== undefined || anyApprovalRule(execution.apis) ? new RunClock() : undefined;
  const gate = clock && new ApprovalGate({ channel, waitMs: config.GHOSTWIRE_APPROVAL_WAIT_MS, clock, replay, maxRecordChars: config.GHOSTWIRE_APPROVAL_MAX_BYTES });
  const bridge = new ExecutionBridge(
    execution.apis,
    { ...capture, maxApiCalls: config.GHOSTWIRE_MAX_API_CALLS },
    (api) => ({ fetch: session.fetcherFor(api.contract.egress ?? []) }),
    onLog,
    gate,
  );
  const manifest: SandboxManifest = {
    apis: Object.fromEntries(execution.apis.map((api) => [api.contract.name, sortedMethodNames(api.contract)])),
    limits: capture,
    fuel: execution.fuel,
    streamLogs: execution.onLog !== undefined,
  };

  // The run's deadline, set here once; runInIsolate (host/isolates/isolate.ts) enforces it.
  const { timeoutMs } = execution;
  const job: IsolateJob = {
    agentJs: compiled.js,
    bridge,
    manifest,
    limits: { timeoutMs, cpuMs: timeoutMs, subRequests: config.GHOSTWIRE_MAX_SUBREQUESTS },
    ...(clock && { clock }),
    egress: { session: session.id },
  };
  const rerunnable = () => bridge.callCount === 0 && session.records.length === 0 && !streamedLogs;
  // A stop of the gate (paused, diverged) ends the execution at once: the executor stops waiting for the isolate, as past its deadline.
  const running = context.isolates.run(job, rerunnable);
  const run = await (gate === undefined ? running : Promise.race([running, gate.stopped]));
  bridge.revoke();
  context.egress.close(session);
  egressRecords = session.records.map((record) => ({ ...record }));
  const apiCalls = bridge.callCount;

  if (run.kind === "paused") {
    try {
      const pending = await execution.approvals.pause({ pending: run.pending, calls: run.calls });
      return respond({
        apiCalls,
        pending,
        error: { name: "ApprovalRequired", message: `${run.pending.api}.${run.pending.method} needs a person's approval (${run.pending.reason}), and no one could be asked during this execution, so it paused there; nothing after it ran. Decide with POST /v1/approvals/<pending.approval> {"decision": "approve" | "deny"} before ${pending.expiresAt}: the code then runs again, and the calls it made before are answered as they were.` },
      });
    } catch (error) {
      return respond({ apiCalls, error: { name: "ApprovalUnavailable", message: `This execution needs approval for ${run.pending.api}.${run.pending.method} but could not be paused: ${error instanceof Error ? error.message : String(error)}` } });
    }
  }
  if (run.kind === "diverged") return respond({ apiCalls, error: { name: "ReplayDiverged", message: run.message } });
  if (run.kind === "unavailable") return respond({ apiCalls, error: { name: "ApprovalUnavailable", message: run.message } });

  if (run.kind === "timeout") {
    return respond({
      apiCalls,
      error: { name: "Timeout", message: `The code did not finish within ${timeoutMs} ms and was stopped. Await fewer slow calls, or send a larger timeoutMs (at most ${config.GHOSTWIRE_TIMEOUT_MS}).` },
    });
  }
  if (run.kind === "hung") {
    return respond({
      apiCalls,
      error: { name: "NeverSettled", message: "The code awaited a promise that can never settle: nothing was left that could resolve it (no timer, call or fetch pending). Make every awaited promise resolve or reject." },
    });
  }
  if (run.kind === "failed") return respond({ apiCalls, error: { name: run.name, message: run.message } });
  if (run.kind === "crashed") {
    return respond({ apiCalls, error: { name: "SandboxCrashed", message: `The sandbox running this code failed: ${run.message}` } });
  }
  // Measured against the limits here, whatever sizes the sandbox reported.
  const outcome = readSandboxOutcome(run.outcome, manifest.limits, execution.fuel, apiCalls, mapLogStacks);
  if (outcome === undefined) {
    return respond({ apiCalls, error: { name: "SandboxProtocolError", message: "The sandbox answered with something other than a result; the code may have tampered with the runtime." } });
  }
  const { fuelUsed, unawaitedCalls } = outcome;
  const logs = appendHostLogs(outcome.logs, bridge.warnings, manifest.limits);
  if (!outcome.ok) {
    const error = explainStop(outcome.stopped, outcome.error, execution.fuel, config.GHOSTWIRE_MAX_FUEL);
    return respond({ apiCalls, unawaitedCalls, fuelUsed, logs, error: mapRuntimeError(error, compiled.sourceMap, source) });
  }
  return respond({ apiCalls, unawaitedCalls, fuelUsed, logs, resultTruncated: outcome.resultTruncated, result: outcome.result });
}
