import type ts from "typescript";
import { MODULE_FILE, type AgentSource } from "./agent-source.js";
import { emit, parseModule } from "./emit.js";
import { parseSourceMap, type SourceMap } from "./source-map.js";
import { toDiagnostics, type Diagnostic } from "./check/diagnostics.js";

export interface CompiledAgent {
  readonly js: string;
  readonly sourceMap: SourceMap;
}

const OUTPUT_FILE = "agent.js";

/**
 * Transpiles the agent's module to JavaScript (ES2022) with a source map,
 * applying `transformers` (instrumentation) on the way (host/execution/emit.ts).
 * Syntax errors are returned as diagnostics: code that does not parse is
 * never emitted and never runs, even with `check: false`.
 */
export function transpile(
  source: AgentSource,
  transformers?: ts.CustomTransformers,
): { ok: true; compiled: CompiledAgent } | { ok: false; diagnostics: Diagnostic[] } {
  const { file, syntaxErrors } = parseModule(MODULE_FILE, source.module);
  const diagnostics = toDiagnostics(source, syntaxErrors);
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const { js, mappings } = emit(file, OUTPUT_FILE, transformers);
  return { ok: true, compiled: { js, sourceMap: parseSourceMap(mappings) } };
}
