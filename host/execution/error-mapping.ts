import type { ExecutionError } from "../../api-types/execution.js";
import { cpuBudgetSentence, type SandboxError, type SandboxStop } from "../../api-types/sandbox-protocol.js";
import type { AgentSource } from "./agent-source.js";
import type { SourceMap } from "./source-map.js";
import { findFrames, mapAgentFrame } from "./stack-frames.js";

const MAX_STACK_FRAMES = 20;

/**
 * Error names the host and the sandbox runtime report for their own
 * decisions. An error agent code throws under one of these names is reported
 * as "Error", its name stated in the message, so that a name in a response
 * always means the host or runtime decided it.
 */
export const RESERVED_ERROR_NAMES: ReadonlySet<string> = new Set([
  "CheckBudgetExceeded",
  "CompileError",
  "CpuBudgetExceeded",
  "CpuTimeExceeded",
  "ExecutionEnded",
  "MemoryLimitExceeded",
  "NeverSettled",
  "Overloaded",
  "RunnerUnavailable",
  "SandboxCrashed",
  "SandboxProtocolError",
  "Timeout",
  "UncaughtException",
  "UnhandledRejection",
]);

/**
 * Names and words why the code stopped, from the runtime's `stopped`; the
 * stack is kept, so the error points where it happened. The CPU stop's
 * sentence is the one agent code saw (api-types/sandbox-protocol.ts), with
 * advice that depends on this host's maximum.
 */
export function explainStop(stopped: SandboxStop, error: SandboxError, budget: number, maxFuel: number): SandboxError {
  const { stack } = error;
  const inner = `${error.name}: ${error.message}`;
  switch (stopped) {
    case "fuel": {
      const advice =
        budget < maxFuel
          ? `Do less work per execution, or send a larger fuel (at most ${maxFuel}).`
          : "That is this host's maximum: do less work per execution, or split it across several.";
      return { name: "CpuBudgetExceeded", message: `${cpuBudgetSentence(budget)} ${advice}`, stack };
    }
    case "uncaught":
      return {
        name: "UncaughtException",
        message: `A callback the code handed to a timer, queueMicrotask or an event listener threw (${inner}), where no await or try/catch of the code could catch it. Catch errors inside the callback.`,
        stack,
      };
    case "unhandled":
      return { name: "UnhandledRejection", message: `A promise was rejected and nothing handled it (${inner}). Await the promise, or attach .catch() to it.`, stack };
    case "threw":
      if (!RESERVED_ERROR_NAMES.has(error.name)) return error;
      return { name: "Error", message: `The code threw an error named ${error.name}, a name reserved for the sandbox's own reports: ${error.message}`, stack };
  }
}

/**
 * Rewrites a runtime error from the sandbox into the agent's coordinates: each
 * stack frame in the agent's module is mapped through the source map to a
 * line and column of the agent's TypeScript (stack-frames.ts, as for stacks
 * inside logs), other frames are dropped, and the first agent frame gives
 * the error's line and column.
 * `error.stack` holds only frame lines (api-types/sandbox-protocol.ts).
 */
export function mapRuntimeError(error: SandboxError, sourceMap: SourceMap, source: AgentSource): ExecutionError {
  const mapped: ExecutionError = { name: error.name, message: error.message };
  if (error.stack === undefined) return mapped;
  const frames: string[] = [];
  for (const frame of findFrames(error.stack)) {
    const at = frame.kind === "agent" ? mapAgentFrame(frame, sourceMap, source) : undefined;
    if (at === undefined) continue;
    if (mapped.line === undefined) {
      mapped.line = at.line;
      mapped.column = at.column;
    }
    frames.push(at.text);
    if (frames.length >= MAX_STACK_FRAMES) break;
  }
  mapped.stack = [`${error.name}: ${error.message}`, ...frames].join("\n");
  return mapped;
}
