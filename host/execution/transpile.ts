import type ts from "typescript";
import { emit } from "./emit.js";
import type { ParsedCode } from "./parsed-code.js";
import { parseSourceMap, type SourceMap } from "./source-map.js";
import { toDiagnostics, type Diagnostic } from "./check/diagnostics.js";

export interface CompiledAgent {
  readonly js: string;
  readonly sourceMap: SourceMap;
}

const OUTPUT_FILE = "agent.js";

/**
 * Transpiles the agent's parsed module (host/execution/parsed-code.ts) to
 * JavaScript (ES2022) with a source map, applying `transformers`
 * (instrumentation) on the way (host/execution/emit.ts). A parse is emitted once.
 * Syntax errors are returned as diagnostics: code that does not parse is
 * never emitted and never runs, even with `check: false`.
 */
export function transpile(
  { source, file, syntaxErrors }: ParsedCode,
  transformers?: ts.CustomTransformers,
): { ok: true; compiled: CompiledAgent } | { ok: false; diagnostics: Diagnostic[] } {
  const diagnostics = toDiagnostics(source, syntaxErrors);
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const { js, mappings } = emit(file, OUTPUT_FILE, transformers);
  return { ok: true, compiled: { js, sourceMap: parseSourceMap(mappings) } };
}
