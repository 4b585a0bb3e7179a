import type { ExecutionError } from "../api-types/execution";
import type { SandboxError } from "../api-types/sandbox-protocol";
import type { AgentSource } from "./agent-source";
import type { SourceMap } from "./source-map";

const AGENT_FRAME = /agent\.js:(\d+):(\d+)/;
const MAX_STACK_FRAMES = 20;

/**
 * Rewrites a runtime error from the sandbox into the agent's coordinates: each
 * stack frame in the agent's module is mapped through the source map to a
 * line and column of the agent's TypeScript, frames of the sandbox runtime are
 * dropped, and the first agent frame gives the error's line and column.
 */
export function mapRuntimeError(error: SandboxError, sourceMap: SourceMap, source: AgentSource): ExecutionError {
  const mapped: ExecutionError = { name: error.name, message: error.message };
  if (error.stack === undefined) return mapped;
  const frames: string[] = [];
  for (const line of error.stack.split("\n").slice(1)) {
    const match = AGENT_FRAME.exec(line);
    if (match === null) continue;
    const original = sourceMap.original(Number(match[1]) - 1, Number(match[2]) - 1);
    if (original === undefined) continue;
    const at = source.toAgent(original.line, original.column);
    if (mapped.line === undefined) {
      mapped.line = at.line;
      mapped.column = at.column;
    }
    const fn = /^\s*at (\S+) \(/.exec(line)?.[1];
    const name = fn === undefined || fn === "default" || fn === "Object.default" ? "<agent>" : fn;
    frames.push(`    at ${name} (agent.ts:${at.line}:${at.column})`);
    if (frames.length >= MAX_STACK_FRAMES) break;
  }
  mapped.stack = [`${error.name}: ${error.message}`, ...frames].join("\n");
  return mapped;
}

/**
 * The error of an execution that ran out of CPU fuel. The host words it, not
 * the sandbox, since only the host knows the maximum; the stack is the one
 * captured where execution stopped, so the error carries that line.
 */
export function explainCpuBudget(stack: string | undefined, budget: number, maxFuel: number): SandboxError {
  const advice =
    budget < maxFuel
      ? `Do less work per execution, or send a larger fuel (at most ${maxFuel}).`
      : "That is this host's maximum: do less work per execution, or split it across several.";
  return {
    name: "CpuBudgetExceeded",
    message: `The code used its whole CPU budget of ${budget} fuel units (one per loop iteration or function call) and was stopped. ${advice}`,
    stack,
  };
}
