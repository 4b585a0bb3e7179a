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

/**
 * What an agent should do instead of module syntax, which code here cannot
 * have: it runs as the body of one function. TS1232 is an `import`
 * declaration inside it; TS1184 ("Modifiers cannot appear here") is an
 * `export` there, among other modifiers, so it is told apart by its text.
 */
const IMPORT_HINT = "Code here imports nothing: the granted APIs are globals (call `math.add(…)` as it is), next to the ES2025 library and the Workers web APIs.";
const EXPORT_HINT = "Leave out `export`: send the body of an async function (statements, `await`, `return` a value), one function expression, or one `export default` function.";

function moduleSyntaxHint(diagnostic: ts.Diagnostic): string | undefined {
  if (diagnostic.code === 1232) return IMPORT_HINT;
  if (diagnostic.code === 1184 && diagnostic.file !== undefined && diagnostic.start !== undefined && diagnostic.file.text.startsWith("export", diagnostic.start)) return EXPORT_HINT;
  return undefined;
}

/** TypeScript's related information ("Did you forget to use 'await'?") and advice on module syntax, as one bounded line; undefined when there is none. */
function hintOf(diagnostic: ts.Diagnostic): string | undefined {
  const related = (diagnostic.relatedInformation ?? []).map((info) => ts.flattenDiagnosticMessageText(info.messageText, " ")).filter((text) => text !== "");
  const advice = moduleSyntaxHint(diagnostic);
  if (advice !== undefined) related.push(advice);
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
