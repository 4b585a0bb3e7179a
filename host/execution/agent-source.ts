import ts from "typescript";

/** Agent code made into a module, and the way back to the agent's own positions. */
export interface AgentSource {
  /** The code as the agent sent it. */
  readonly original: string;
  /** The TypeScript module that is checked and run: the code inside `export default async function`. */
  readonly module: string;
  /** Maps a 0-based position in `module` to a 1-based line and column in `original`. */
  toAgent(line: number, column: number): { line: number; column: number };
  /**
   * The 0-based offset in `module` of a 1-based `line` and `column` of
   * `original` (columns count UTF-16 code units, like diagnostics'; a line's
   * last column is one past its last character). Undefined for a position
   * outside the code: past its lines or a line's end, or on a markdown fence.
   */
  toModule(line: number, column: number): number | undefined;
  /** A few lines of `original` around a 1-based position, with a caret under it. */
  frame(line: number, column: number): string;
}

export const MODULE_FILE = "agent.ts";
const PROLOGUE = "export default async function () {\n";
const EPILOGUE = "\n}\n";
const CALL_PREFIX = "return (";
const CALL_SUFFIX = "\n)();";
/** Most characters of each line a frame shows: a window around the column, so a frame stays small however long the line. */
const FRAME_MAX_LINE_CHARS = 160;
const FENCE_OPEN = /^\s*(```|~~~)[\w+-]*\s*$/;

/** Strips one markdown fence around the code; returns the inner text and the lines it skipped. */
function unfence(code: string): { body: string; skippedLines: number } {
  const lines = code.split("\n");
  const open = lines.findIndex((line) => line.trim() !== "");
  if (open === -1 || !FENCE_OPEN.test(lines[open])) return { body: code, skippedLines: 0 };
  const marker = lines[open].trim().slice(0, 3);
  let close = lines.length;
  for (let i = lines.length - 1; i > open; i--) {
    if (lines[i].trim() === marker) {
      close = i;
      break;
    }
  }
  return { body: lines.slice(open + 1, close).join("\n"), skippedLines: open + 1 };
}

/** Whitespace and comments before the code's first token. */
const LEADING_TRIVIA = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;
/** How a function expression can start: `async`, `function`, `(`, a type parameter list `<T>`, or one parameter's name and `=>`. */
const FUNCTION_START = /^(?:async\b|function\b|[(<]|[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*\s*=>)/u;

/** `export default` at the start of the code, with the blanks after it. */
const EXPORT_DEFAULT = /^export\s+default\s+/;

/** Whether `node` is a function written as an expression: an arrow or `function`. */
const isFunctionNode = (node: ts.Node) => ts.isArrowFunction(node) || ts.isFunctionExpression(node);

/**
 * The code to call when the whole code is one function: one function
 * expression (`async () => { … }`), or one function after `export default`,
 * as models write a module (`export default async function main() { … }`,
 * `export default async () => …`), with the `export default` blanked out
 * (spaces, newlines kept, so every position stays where it was). Undefined
 * when the code is statements.
 */
function functionToCall(body: string): string | undefined {
  const start = LEADING_TRIVIA.exec(body)![0].length;
  const head = body.slice(start);
  const exported = EXPORT_DEFAULT.exec(head);
  // Most code starts with a statement (`const`, `return`, `await`…): no parse is needed to tell.
  if (exported === null && !FUNCTION_START.test(head)) return undefined;
  const file = ts.createSourceFile("probe.ts", body, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  if (file.statements.length !== 1) return undefined;
  const statement = file.statements[0];
  if (exported !== null) {
    const oneFunction = ts.isFunctionDeclaration(statement)
      ? statement.body !== undefined
      : ts.isExportAssignment(statement) && !statement.isExportEquals && isFunctionNode(statement.expression);
    return oneFunction ? body.slice(0, start) + exported[0].replace(/[^\n]/g, " ") + body.slice(start + exported[0].length) : undefined;
  }
  if (!ts.isExpressionStatement(statement)) return undefined;
  let expression = statement.expression;
  while (ts.isParenthesizedExpression(expression)) expression = expression.expression;
  return isFunctionNode(expression) ? body : undefined;
}

/**
 * Normalizes agent code to one format: the body of an async function.
 * Accepted: statements with top-level await and `return`; one function
 * expression (it is called); one function after `export default` (called,
 * as if the `export default` were not there); any of those inside a
 * markdown fence.
 */
export function createAgentSource(original: string): AgentSource {
  const text = original.replaceAll("\r\n", "\n");
  const { body: sent, skippedLines } = unfence(text);
  const toCall = functionToCall(sent);
  const called = toCall !== undefined;
  const body = toCall ?? sent;
  const module = PROLOGUE + (called ? CALL_PREFIX + body + CALL_SUFFIX : body) + EPILOGUE;
  const originalLines = text.split("\n");
  const bodyLineTexts = body.split("\n");
  const bodyLines = bodyLineTexts.length;

  const toAgent = (line: number, column: number) => {
    const bodyLine = Math.min(Math.max(line - 1, 0), bodyLines - 1);
    const shift = called && bodyLine === 0 ? CALL_PREFIX.length : 0;
    const inBody = line >= 1 && line - 1 < bodyLines;
    return { line: bodyLine + skippedLines + 1, column: inBody ? Math.max(column - shift, 0) + 1 : 1 };
  };

  const bodyStart = PROLOGUE.length + (called ? CALL_PREFIX.length : 0);
  const toModule = (line: number, column: number) => {
    const bodyLine = line - 1 - skippedLines;
    if (!Number.isInteger(bodyLine) || bodyLine < 0 || bodyLine >= bodyLines) return undefined;
    if (!Number.isInteger(column) || column < 1 || column > bodyLineTexts[bodyLine].length + 1) return undefined;
    let offset = bodyStart;
    for (let n = 0; n < bodyLine; n++) offset += bodyLineTexts[n].length + 1;
    return offset + column - 1;
  };

  const frame = (line: number, column: number) => {
    const first = Math.max(1, line - 2);
    const width = String(line).length;
    // Long lines are shown as a window that keeps the column in view.
    const start = Math.max(column - 1 - FRAME_MAX_LINE_CHARS / 2, 0);
    const rows: string[] = [];
    for (let n = first; n <= Math.min(line, originalLines.length); n++) {
      rows.push(`${n === line ? ">" : " "} ${String(n).padStart(width)} | ${originalLines[n - 1].slice(start, start + FRAME_MAX_LINE_CHARS)}`);
    }
    rows.push(`  ${" ".repeat(width)} | ${" ".repeat(Math.max(column - 1 - start, 0))}^`);
    return rows.join("\n");
  };

  return { original: text, module, toAgent, toModule, frame };
}
