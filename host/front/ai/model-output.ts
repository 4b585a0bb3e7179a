import type { ExecuteResponse } from "../../../api-types/execution.js";

/** Most diagnostics passed to the model; the first ones are the ones to fix, and the rest are often their echoes. */
export const MAX_DIAGNOSTICS_SHOWN = 10;

/**
 * What the code tool returns, and so what the model reads as JSON: small, with
 * nothing it cannot act on (no stats, no stack). Every field but `ok` is left
 * out when empty.
 */
export interface CodeToolOutput {
  ok: boolean;
  /** The value the code returned, as JSON (a result past the host's cap is `{ $truncated, limit, preview }`). */
  result?: unknown;
  /** Console output, one `[level] message` line per entry. */
  logs?: string[];
  /** Why the execution failed: `line` is in the code as sent; `hint` says what to do about it, when there is something to say. */
  error?: { name: string; message: string; line?: number; hint?: string };
  /** The type errors of a CompileError, each with the lines around it. */
  diagnostics?: { line: number; column: number; message: string; frame: string; hint?: string }[];
  /** What was left out: cut logs, diagnostics past MAX_DIAGNOSTICS_SHOWN. */
  note?: string;
}

/** What a model should do next after an error of this name; errors not listed need no advice beyond their message. */
const HINTS: Record<string, string> = {
  CompileError: "Fix the lines in `diagnostics` and run the code again.",
  ValidationError: "An API call's arguments do not match its declaration: fix them as the message says.",
  UnhandledRejection: "An API call that was not awaited failed: `await` every API call.",
  CpuBudgetExceeded: "The code did too much work: do less per execution (fewer iterations or calls), or split the task.",
  Timeout: "The code ran past its deadline: make fewer or smaller calls per execution.",
  NeverSettled: "The code waited on something that never finished: await only API calls and your own promises that settle.",
};

/** The execute response of the host, reduced to what a model reads well (CodeToolOutput). */
export function toModelOutput(response: ExecuteResponse): CodeToolOutput {
  const output: CodeToolOutput = { ok: response.ok };
  if (response.ok && response.result !== undefined) output.result = response.result;
  const logs = Array.isArray(response.logs) ? response.logs : [];
  if (logs.length > 0) output.logs = logs.map((entry) => `[${entry.level}] ${entry.message}`);
  const notes: string[] = [];
  if (!response.ok && response.error !== undefined) {
    const { name, message, line } = response.error;
    const hint = Object.hasOwn(HINTS, name) ? HINTS[name] : undefined;
    output.error = { name, message, ...(line !== undefined && { line }), ...(hint !== undefined && { hint }) };
  }
  const diagnostics = response.diagnostics ?? [];
  if (diagnostics.length > 0) {
    output.diagnostics = diagnostics.slice(0, MAX_DIAGNOSTICS_SHOWN).map(({ line, column, message, frame, hint }) => ({ line, column, message, frame, ...(hint !== undefined && { hint }) }));
    if (diagnostics.length > MAX_DIAGNOSTICS_SHOWN) notes.push(`${diagnostics.length - MAX_DIAGNOSTICS_SHOWN} more type errors are not shown; fix these first.`);
  }
  if (response.stats?.truncated?.logs) notes.push(`Logs were cut to fit the host's limits (${response.stats.logsDropped} entries dropped or cut): log less.`);
  if (notes.length > 0) output.note = notes.join(" ");
  return output;
}
