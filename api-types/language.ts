import { z } from "zod";
import type { DiagnosticInfo } from "./execution.js";
import { executeRequest } from "./execution.js";

/**
 * The language endpoints: what an editor asks about agent code without
 * running it (`POST /v1/check`, `/v1/completions`, `/v1/hover`, and Cap'n
 * Web's check(), completions() and hover()). Code and APIs are validated as
 * for an execution; a position is 1-based, in the agent's own code.
 */

/** What `POST /v1/check` takes: the code and the APIs it is checked against (all when absent). */
export const checkRequest = executeRequest.pick({ code: true, apis: true });

/** A 1-based line or column; the host also refuses one past the end of the code. */
const position = z.number().int().min(1).max(1_000_000);

/** What `POST /v1/completions` and `POST /v1/hover` take: the code, its APIs and a position in it. */
export const positionRequest = checkRequest.extend({
  line: position.describe("1-based line in the code as sent (a markdown fence's own lines count)."),
  column: position.describe("1-based column, in UTF-16 code units; one past the line's last character is its end."),
});

export type CheckRequest = z.infer<typeof checkRequest>;
export type PositionRequest = z.infer<typeof positionRequest>;

export interface CheckAnswer {
  /** Type and syntax errors at the agent's own lines; empty when the code checks clean. */
  diagnostics: DiagnosticInfo[];
}

/** One name that may be written at the position. */
export interface CompletionItem {
  name: string;
  /** TypeScript's kind: "method", "property", "function", "var", "keyword", … */
  kind: string;
  /** The signature or type, e.g. "(method) add(input: { a: number; b: number; }): Promise<number>". */
  detail?: string;
  /** The doc comment, with its tags (`@param`, `@returns`, `@throws`) one a line. */
  documentation?: string;
}

export interface CompletionsAnswer {
  /** TypeScript's best first; at most MAX_COMPLETION_ITEMS (host/execution/check/language-answers.ts). */
  items: CompletionItem[];
}

export interface HoverAnswer {
  /** The signature or type of what is at the position; empty when there is nothing there to describe. */
  text: string;
  documentation?: string;
}
