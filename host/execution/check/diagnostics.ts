import ts from "typescript";
import type { DiagnosticInfo } from "../../../api-types/execution.js";
import type { AgentSource } from "../agent-source.js";

/** The host's name for the diagnostic clients receive: one shape, defined in the contract. */
export type Diagnostic = DiagnosticInfo;

/**
 * Most diagnostics reported for one piece of code. Each carries a frame of the
 * agent's lines, so without a cap one long line full of errors (60,000 `-`)
 * made a response of gigabytes and ran the host out of memory.
 */
export const MAX_DIAGNOSTICS = 50;

/** The first MAX_DIAGNOSTICS errors among `raw`, moved from the module's positions to the agent's own. */
export function toDiagnostics(source: AgentSource, raw: readonly ts.Diagnostic[]): Diagnostic[] {
  return raw
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .slice(0, MAX_DIAGNOSTICS)
    .map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 1, character: 0 };
      const { line, column } = source.toAgent(at.line, at.character);
      return { line, column, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), frame: source.frame(line, column) };
    });
}
