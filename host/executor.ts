import type { ExecuteResponse, ExecutionError } from "../api-types/execution";
import type { CapturedLogs, SandboxManifest } from "../api-types/sandbox-protocol";
import { createAgentSource } from "./agent-source";
import { ExecutionBridge } from "./bridge";
import type { HostConfig } from "./config";
import { declareApis } from "./declarations";
import type { Diagnostic } from "./diagnostics";
import { mapRuntimeError } from "./error-mapping";
import { runInIsolate } from "./isolate";
import type { RegisteredApi } from "./registry";
import { parseSandboxOutcome } from "./sandbox-outcome";
import { transpile } from "./transpile";
import type { TypeChecker } from "./typecheck";

export interface ExecutorContext {
  readonly loader: WorkerLoader;
  readonly checker: TypeChecker;
  readonly config: HostConfig;
}

export interface Execution {
  readonly code: string;
  /** The APIs granted to this execution, already resolved against the registry. */
  readonly apis: readonly RegisteredApi[];
  readonly check: boolean;
}

const NO_LOGS: CapturedLogs = { entries: [], dropped: 0, truncated: false };

/**
 * Runs one execution, top-down: normalize → check → transpile → load → run →
 * map errors → respond. Never throws: every failure is an `ExecuteResponse`
 * with `ok: false`.
 */
export async function execute(execution: Execution, context: ExecutorContext): Promise<ExecuteResponse> {
  const started = Date.now();
  const { config } = context;
  const source = createAgentSource(execution.code);
  const respond = (parts: { result?: unknown; error?: ExecutionError; diagnostics?: Diagnostic[]; logs?: CapturedLogs; apiCalls?: number; resultTruncated?: boolean }): ExecuteResponse => {
    const logs = parts.logs ?? NO_LOGS;
    const response: ExecuteResponse = {
      ok: parts.error === undefined,
      logs: logs.entries,
      stats: {
        wallMs: Date.now() - started,
        apiCalls: parts.apiCalls ?? 0,
        logsDropped: logs.dropped,
        truncated: { result: parts.resultTruncated ?? false, logs: logs.truncated },
      },
    };
    if (parts.result !== undefined) response.result = parts.result;
    if (parts.error !== undefined) response.error = parts.error;
    if (parts.diagnostics !== undefined) response.diagnostics = parts.diagnostics;
    return response;
  };
  const rejected = (diagnostics: Diagnostic[], what: string) =>
    respond({
      diagnostics,
      error: { name: "CompileError", message: `${diagnostics.length} ${what}; the code did not run. Fix them, or send check: false to run anyway.`, line: diagnostics[0].line, column: diagnostics[0].column },
    });

  if (execution.check) {
    const diagnostics = context.checker.check(source, declareApis(execution.apis.map((api) => api.contract)));
    if (diagnostics.length > 0) return rejected(diagnostics, diagnostics.length === 1 ? "type error" : "type errors");
  }

  const transpiled = transpile(source);
  if (!transpiled.ok) return rejected(transpiled.diagnostics, transpiled.diagnostics.length === 1 ? "syntax error" : "syntax errors");
  const { compiled } = transpiled;

  const bridge = new ExecutionBridge(execution.apis, { maxApiCalls: config.GHOSTWIRE_MAX_API_CALLS, maxCallInputChars: config.GHOSTWIRE_MAX_CALL_INPUT_CHARS });
  const manifest: SandboxManifest = {
    apis: Object.fromEntries(execution.apis.map((api) => [api.contract.name, Object.keys(api.contract.methods)])),
    limits: {
      maxLogEntries: config.GHOSTWIRE_MAX_LOG_ENTRIES,
      maxLogMessageChars: config.GHOSTWIRE_MAX_LOG_MESSAGE_CHARS,
      maxLogTotalChars: config.GHOSTWIRE_MAX_LOG_TOTAL_CHARS,
      maxResultChars: config.GHOSTWIRE_MAX_RESULT_CHARS,
    },
  };

  const run = await runInIsolate(context.loader, compiled, bridge, manifest, config.GHOSTWIRE_TIMEOUT_MS);
  bridge.revoke();
  const apiCalls = bridge.callCount;

  if (run.kind === "timeout") {
    return respond({ apiCalls, error: { name: "Timeout", message: `The code did not finish within ${config.GHOSTWIRE_TIMEOUT_MS} ms and was stopped.` } });
  }
  if (run.kind === "crashed") {
    return respond({ apiCalls, error: { name: "SandboxCrashed", message: `The sandbox running this code failed: ${run.message}` } });
  }
  const outcome = parseSandboxOutcome(run.outcome);
  if (outcome === undefined) {
    return respond({ apiCalls, error: { name: "SandboxProtocolError", message: "The sandbox answered with something other than a result; the code may have tampered with the runtime." } });
  }
  if (!outcome.ok) return respond({ apiCalls, logs: outcome.logs, error: mapRuntimeError(outcome.error, compiled.sourceMap, source) });
  return respond({
    apiCalls,
    logs: outcome.logs,
    resultTruncated: outcome.resultTruncated,
    result: outcome.resultJson === undefined ? undefined : JSON.parse(outcome.resultJson),
  });
}
