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

/** Longest hint kept, in characters. */
export const MAX_HINT_CHARS = 300;

/**
 * Advice TypeScript gives a project owner, which an agent cannot follow: it
 * cannot change compiler options or install type definitions. The message
 * keeps its first sentence and says what is true here instead.
 */
const PROJECT_ADVICE = / (?:Do you need to change your target library\?|Do you need to install type definitions|Try changing the '[a-zA-Z]+' compiler option|Consider changing the '[a-zA-Z]+' option|Did you mean to set the '[a-zA-Z]+' option).*$/s;
const NOT_IN_SANDBOX = " The sandbox does not provide it: it has the ES2025 library, the Workers web APIs and the granted APIs, and no Node or DOM APIs.";

function agentMessage(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  return PROJECT_ADVICE.test(message) ? message.replace(PROJECT_ADVICE, NOT_IN_SANDBOX) : message;
}

/** TypeScript's related information ("Did you forget to use 'await'?"), as one bounded line; undefined when there is none. */
function hintOf(diagnostic: ts.Diagnostic): string | undefined {
  const related = (diagnostic.relatedInformation ?? []).map((info) => ts.flattenDiagnosticMessageText(info.messageText, " ")).filter((text) => text !== "");
  if (related.length === 0) return undefined;
  const hint = [...new Set(related)].join(" ");
  return hint.length > MAX_HINT_CHARS ? `${hint.slice(0, MAX_HINT_CHARS - 1)}…` : hint;
}

/** The first MAX_DIAGNOSTICS errors among `raw`, moved from the module's positions to the agent's own. */
export function toDiagnostics(source: AgentSource, raw: readonly ts.Diagnostic[]): Diagnostic[] {
  return raw
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .slice(0, MAX_DIAGNOSTICS)
    .map((d) => {
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 1, character: 0 };
      const { line, column } = source.toAgent(at.line, at.character);
      const hint = hintOf(d);
      return { line, column, code: d.code, message: agentMessage(d), frame: source.frame(line, column), ...(hint === undefined ? {} : { hint }) };
    });
}
