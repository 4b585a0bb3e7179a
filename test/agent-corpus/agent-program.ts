/**
 * One program of the agent-style corpus (issue 13, point 6): code written the
 * way a model writes it against the demo host, and the outcome it must have.
 * Run by agent-corpus.test.ts, each against a fresh execution.
 */

/** The demo APIs; `session` makes the runner open a fresh session for the program. */
export type DemoApi = "catalog" | "math" | "rates" | "weather" | "exchange" | "session";

/** Where a failing program must fail: the error's name and the agent's own line. */
export interface ExpectedError {
  /** `error.name` of the response, e.g. "CompileError", "ValidationError". */
  readonly name: string;
  /** 1-based line in `code` as sent. For a CompileError, the line of a diagnostic. */
  readonly line: number;
  /** Matches `error.message`; for a CompileError, the message of a diagnostic on `line`. */
  readonly message?: RegExp;
  /** CompileError only: matches the `hint` of the diagnostic on `line` (TypeScript's related information). */
  readonly hint?: RegExp;
}

/**
 * What the response must show. Exactly one of `result`, `check`, `noResult`
 * and `error`; `log`, `warn` and `unawaitedCalls` may come with any of the first three.
 */
export interface Outcome {
  /** The expected result, computed from the demo fixtures (never pasted from a run). */
  readonly result?: () => unknown;
  /** Invariants of the result, for data that is pseudo-random (weather); throws on a violation. */
  readonly check?: (result: unknown) => void | Promise<void>;
  /** The program succeeds and returns nothing (`result` is absent). */
  readonly noResult?: true;
  readonly error?: ExpectedError;
  /** Some log entry must match (its level, a space, its message). */
  readonly log?: RegExp;
  /** A `warn` log entry must match. */
  readonly warn?: RegExp;
  /** `stats.unawaitedCalls` must equal this. */
  readonly unawaitedCalls?: number;
}

export interface AgentProgram {
  readonly name: string;
  /** The APIs the request grants (`apis`); the code uses only these, unless the mistake is using another. */
  readonly apis: readonly DemoApi[];
  /** The body of the async function, with real line breaks: lines matter. */
  readonly code: string;
  /** Earlier executions in the same session (earlier turns of the agent); each must succeed. */
  readonly earlier?: readonly string[];
  /** A fuel budget for runaway programs, so that they stop in milliseconds. */
  readonly fuel?: number;
  readonly expect: Outcome;
  /**
   * A host defect that makes this correct program fail: the runner reports
   * the entry as skipped, with this sentence, instead of weakening the program.
   */
  readonly knownDefect?: string;
}

/**
 * Tags a program's code: the text as written (raw, so `"\n"` stays an escape
 * in the agent's code, while an escaped backtick or `\${` becomes plain), without
 * the first line break and the common indentation, so line 1 is the first statement.
 */
export function program(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw(strings, ...values)
    .replace(/\\([`$])/g, "$1")
    .replace(/^\n/, "")
    .replace(/\n\s*$/, "");
  const lines = raw.split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
