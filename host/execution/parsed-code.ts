import type ts from "typescript";
import { createAgentSource, MODULE_FILE, type AgentSource } from "./agent-source.js";
import { parseModule } from "./emit.js";

/**
 * Agent code normalized (host/execution/agent-source.ts) and parsed once.
 * The nesting check measures this tree, and transpile emits it: one parse
 * per execution serves both. The type check parses the module text on its
 * own, into a file its checker binds (host/execution/check/warm-checker.ts).
 */
export interface ParsedCode {
  readonly source: AgentSource;
  /** `source.module`, parsed as transpile emits it. */
  readonly file: ts.SourceFile;
  /** The parser's errors; code that has any is never emitted. */
  readonly syntaxErrors: readonly ts.Diagnostic[];
}

/**
 * Normalizes and parses `code`. Parsing is linear in the code's size, but
 * recursive: code nested deep enough overflows the stack with a RangeError,
 * which checkCodeNesting (host/execution/check/code-nesting.ts) turns into its
 * refusal. Untrusted code goes through that check, never straight here.
 */
export function parseCode(code: string): ParsedCode {
  const source = createAgentSource(code);
  const { file, syntaxErrors } = parseModule(MODULE_FILE, source.module);
  return { source, file, syntaxErrors };
}

/**
 * `source` as ParsedCode that is parsed only when its tree or its syntax
 * errors are first read, then kept. For code that passed the nesting check
 * before: sent again, its check and compilation usually come from memory
 * (host/execution/recent-answers.ts), and then it is never parsed at all.
 */
export function parsedWhenRead(source: AgentSource): ParsedCode {
  let parsed: { file: ts.SourceFile; syntaxErrors: readonly ts.Diagnostic[] } | undefined;
  const parse = () => (parsed ??= parseModule(MODULE_FILE, source.module));
  return {
    source,
    get file() {
      return parse().file;
    },
    get syntaxErrors() {
      return parse().syntaxErrors;
    },
  };
}
