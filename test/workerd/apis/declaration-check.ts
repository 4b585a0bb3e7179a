import ts from "typescript";
import { sandboxProgram } from "../sandbox-program.js";

/**
 * Type-checks declarations (and, optionally, agent code that uses them) the
 * way `tsc --strict` would, and returns every error of both files as
 * "TS<code>: <message>" lines: errors in the declarations themselves
 * (TS2411, an undeclared name) included, which the host's checker does not
 * report.
 */
export function strictErrors(declarations: string, code = ""): string[] {
  const program = sandboxProgram({ "/apis.d.ts": declarations, "/agent.ts": `export {};\nasync function run() {\n${code}\n}\n` }, { compilerOptions: { noUnusedLocals: false } });
  return [...program.getSemanticDiagnostics(), ...program.getSyntacticDiagnostics()]
    .filter((d) => d.file?.fileName === "/apis.d.ts" || d.file?.fileName === "/agent.ts")
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}
