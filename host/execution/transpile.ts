import ts from "typescript";
import { MODULE_FILE, type AgentSource } from "./agent-source.js";
import { parseSourceMap, type SourceMap } from "./source-map.js";
import { toDiagnostics, type Diagnostic } from "./check/diagnostics.js";

export interface CompiledAgent {
  readonly js: string;
  readonly sourceMap: SourceMap;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  sourceMap: true,
  isolatedModules: true,
  removeComments: true,
};

/**
 * Transpiles the agent's module to JavaScript with a source map, applying
 * `transformers` (instrumentation) on the way. Syntax errors are returned as
 * diagnostics: code that does not parse never runs, even with `check: false`.
 */
export function transpile(
  source: AgentSource,
  transformers?: ts.CustomTransformers,
): { ok: true; compiled: CompiledAgent } | { ok: false; diagnostics: Diagnostic[] } {
  const output = ts.transpileModule(source.module, { compilerOptions: COMPILER_OPTIONS, fileName: MODULE_FILE, reportDiagnostics: true, transformers });
  const diagnostics = toDiagnostics(source, output.diagnostics ?? []);
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const js = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  return { ok: true, compiled: { js, sourceMap: parseSourceMap(output.sourceMapText ?? '{"mappings":""}') } };
}
