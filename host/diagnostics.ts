import ts from "typescript";
import type { AgentSource } from "./agent-source";

/** A type or syntax error, at a 1-based position in the agent's own code. */
export interface Diagnostic {
  readonly line: number;
  readonly column: number;
  readonly code: number;
  readonly message: string;
  /** The agent's lines around the error, with a caret under the column. */
  readonly frame: string;
}

/** The errors among `raw`, moved from the module's positions to the agent's own. */
export function toDiagnostics(source: AgentSource, raw: readonly ts.Diagnostic[]): Diagnostic[] {
  return raw
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 1, character: 0 };
      const { line, column } = source.toAgent(at.line, at.character);
      return { line, column, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, "\n"), frame: source.frame(line, column) };
    });
}
