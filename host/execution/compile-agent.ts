import type { ParsedCode } from "./parsed-code.js";
import { createInstrumentation } from "./instrument.js";
import { transpile, type CompiledAgent } from "./transpile.js";
import { toDiagnostics, type Diagnostic } from "./check/diagnostics.js";
import { RecentAnswers } from "./recent-answers.js";

/** The agent's module as the sandbox runs it, or why it cannot run: a syntax error, or a construct instrumentation refuses (host/execution/instrument.ts). */
export type AgentCompilation =
  | { readonly ok: true; readonly compiled: CompiledAgent }
  | { readonly ok: false; readonly refused: "syntax" | "construct"; readonly diagnostics: readonly Diagnostic[] };

/**
 * Compilations compileAgent answers again from memory, by the code as sent
 * (AgentSource.original): the same code always compiles to the same module,
 * so code run again (an agent's retry, a script run on a schedule, the
 * playground's Run) is instrumented and transpiled once. Measured inside
 * workerd between isolate loads, that emit costs about 1.3 ms of an
 * execution, against 0.2 ms in a loop of emits. At most this many
 * (host/execution/recent-answers.ts), forgotten oldest first.
 */
export const RECENT_COMPILATIONS = 32;

/** Recent compilations in this isolate. */
const recent = new RecentAnswers<AgentCompilation>(RECENT_COMPILATIONS);

/**
 * Instruments and transpiles `parsed` (host/execution/transpile.ts), with a
 * fresh instrumentation each time it really compiles. Never throws.
 */
export function compileAgent(parsed: ParsedCode): AgentCompilation {
  const code = parsed.source.original;
  const known = recent.get(code);
  if (known !== undefined) return known;
  const instrumentation = createInstrumentation();
  const transpiled = transpile(parsed, instrumentation.transformers);
  const compilation: AgentCompilation = !transpiled.ok
    ? { ok: false, refused: "syntax", diagnostics: transpiled.diagnostics }
    : instrumentation.refusals.length > 0
      ? { ok: false, refused: "construct", diagnostics: toDiagnostics(parsed.source, instrumentation.refusals) }
      : { ok: true, compiled: transpiled.compiled };
  recent.remember(code, compilation);
  return compilation;
}
