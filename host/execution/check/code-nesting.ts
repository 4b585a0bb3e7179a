import ts from "typescript";
import type { AgentSource } from "../agent-source.js";
import { parseCode, parsedWhenRead, type ParsedCode } from "../parsed-code.js";
import { RecentAnswers } from "../recent-answers.js";
import { invalid } from "../../refusal.js";

/**
 * Deepest syntax tree agent code may have, counted in nodes from the module's
 * root to its deepest node (the wrapper the host adds counts too).
 *
 * The type checker, the instrumentation visitor and the emitter all recurse
 * once or more per level of the tree, so code nested a few hundred levels deep
 * (`[[[…]]]`, `()=>()=>…`, `1+1+…`, `a.b.c.…`, `!!!…`) would overflow the
 * host's stack. Measured under workerd (the test runner): the first overflow
 * is at 379 levels (a chain of arrow functions, checked), then 472 (nested
 * loops, unchecked) and 753 (nested arrays). This limit leaves a third of that
 * as margin. Ordinary code stays under 50 levels; a chain of 200 additions is
 * 206, an object literal nested 100 deep is 203.
 */
export const MAX_SYNTAX_DEPTH = 256;

/**
 * Programs the nesting check passed, answered again from memory by the code
 * as sent: at most this many (host/execution/recent-answers.ts), the oldest
 * forgotten first. Code sent again then skips the parse as well, unless its
 * check or compilation is no longer remembered either.
 */
export const RECENT_NESTING_CHECKS = 32;

const passed = new RecentAnswers<AgentSource>(RECENT_NESTING_CHECKS);

const tooDeep = (where: string) =>
  invalid(
    "code_too_deep",
    `The code is nested too deeply${where}: the host accepts at most ${MAX_SYNTAX_DEPTH} levels of syntax (brackets, operators, chained calls and property accesses, nested functions and statements). ` +
      "Flatten it: build deep data in a loop, split long expressions into several statements, and move nested functions out.",
  );

/** The node furthest from the root and its depth, found with an explicit stack: the walk itself never recurses. */
function deepestNode(file: ts.SourceFile): { node: ts.Node; depth: number } {
  let deepest: { node: ts.Node; depth: number } = { node: file, depth: 0 };
  const pending: { node: ts.Node; depth: number }[] = [deepest];
  while (pending.length > 0) {
    const entry = pending.pop()!;
    if (entry.depth > deepest.depth) deepest = entry;
    // Past the limit the answer is known; stop descending.
    if (entry.depth > MAX_SYNTAX_DEPTH) break;
    ts.forEachChild(entry.node, (child) => {
      pending.push({ node: child, depth: entry.depth + 1 });
    });
  }
  return deepest;
}

/**
 * Parses `code` (host/execution/parsed-code.ts) and refuses it when its syntax
 * tree is deeper than MAX_SYNTAX_DEPTH, with an `invalid` refusal,
 * `code_too_deep`, that names the limit and the agent's line. Call it on
 * untrusted code after checkCodeSize and before anything else handles the
 * code: it is what keeps the checker and the transpiler within the stack.
 * The parse it returns is the one transpile emits.
 *
 * Code that passed a moment ago (RECENT_NESTING_CHECKS) passes again without
 * a parse; its tree is parsed only if something reads it.
 *
 * Only the parser runs before the measure. It builds a fresh tree with fresh
 * state on every call, so if the code is deep enough to overflow even the
 * parser, the RangeError is caught here and becomes the same refusal, and
 * nothing shared is left half-done.
 */
export function checkCodeNesting(code: string): ParsedCode {
  const known = passed.get(code);
  if (known !== undefined) return parsedWhenRead(known);
  let parsed: ParsedCode;
  try {
    parsed = parseCode(code);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep("");
    throw error;
  }
  const { file, source } = parsed;
  const { node, depth } = deepestNode(file);
  if (depth <= MAX_SYNTAX_DEPTH) {
    passed.remember(code, source);
    return parsed;
  }
  const position = file.getLineAndCharacterOfPosition(node.getStart(file));
  const { line } = source.toAgent(position.line, position.character);
  throw tooDeep(` (line ${line})`);
}
