import type { AgentSource } from "./agent-source.js";
import type { SourceMap } from "./source-map.js";

/**
 * Reads V8 stack frames out of text the sandbox sent, and maps the agent's
 * frames to its own TypeScript. The one reading of frames the host has: the
 * response's `error` (error-mapping.ts) and the stacks inside log messages
 * (log-stacks.ts) both go through it, so they give the same coordinates.
 *
 * The isolate holds two modules (host/isolates/isolate.ts): "agent.js", the
 * agent's transpiled code, and "runtime.js", the sandbox runtime with
 * everything else Ghostwire runs there. Everything read here is untrusted
 * text: a frame is only a pattern, and agent code can print one itself.
 */

/** Longest function name kept in a mapped frame. */
const MAX_FRAME_NAME_CHARS = 100;

/** How V8 starts a frame line. */
const FRAME_START = "    at ";
const ASYNC = "async ";
/** Where a frame's code is: a module with line and column, or a built-in of V8 (`<anonymous>`, `native`, `index N` of Promise.all). */
const LOCATION = /^(?:(agent|runtime)\.js:(\d{1,9}):(\d{1,9})|<anonymous>|native|index \d{1,9})$/;
/** Longer than any location LOCATION accepts; a longer one is not read at all. */
const MAX_LOCATION_CHARS = 40;

export type FrameKind = "agent" | "runtime" | "builtin";

/** A frame found in a text; `start`/`end` cover it with the line break before it. */
export interface FoundFrame {
  readonly start: number;
  readonly end: number;
  /** The line break before the frame, "" when it has none. */
  readonly separator: string;
  readonly kind: FrameKind;
  readonly async: boolean;
  readonly name: string | undefined;
  /** 1-based line and column in agent.js, for an agent frame. */
  readonly line: number;
  readonly column: number;
}

/** The line break that ends at `index` (a newline, or `\n` inside a JSON string), "" at the start of the text, undefined inside a line. */
function breakBefore(text: string, index: number): string | undefined {
  if (index === 0) return "";
  if (text[index - 1] === "\n") return "\n";
  if (text.startsWith("\\n", index - 2)) return "\\n";
  return undefined;
}

/**
 * The frame on the line from `start` (its break included) to `end`, which
 * reads `    at [async ][name (]location[)]`; the name is found without a
 * regular expression.
 */
function readFrame(text: string, start: number, separator: string, end: number): FoundFrame | undefined {
  const rest = text.slice(start + separator.length + FRAME_START.length, end);
  const async = rest.startsWith(ASYNC);
  const body = async ? rest.slice(ASYNC.length) : rest;
  const open = body.endsWith(")") ? body.lastIndexOf(" (") : -1;
  const name = open === -1 ? undefined : body.slice(0, open);
  const location = open === -1 ? body : body.slice(open + 2, -1);
  const match = location.length <= MAX_LOCATION_CHARS ? LOCATION.exec(location) : null;
  if (match === null || name === "") return undefined;
  const kind: FrameKind = match[1] === undefined ? "builtin" : match[1] === "agent" ? "agent" : "runtime";
  return { start, end, separator, kind, async, name, line: Number(match[2] ?? 0), column: Number(match[3] ?? 0) };
}

/**
 * Every frame in `text`, in order. A frame is a whole line that starts with
 * `    at `, where lines end at a newline, at the two characters `\n` (a stack
 * inside a JSON string) or at a quote (the end of that string). One pass:
 * each character is looked at a bounded number of times, so the scan is
 * linear in the text's length whatever it holds.
 */
export function findFrames(text: string): FoundFrame[] {
  const frames: FoundFrame[] = [];
  // The next newline, `\n` and quote at or after the scan position, found again only once passed.
  const next = { newline: -1, escaped: -1, quote: -1 };
  const find = (key: keyof typeof next, what: string, position: number) => {
    if (next[key] !== Infinity && next[key] < position) {
      const found = text.indexOf(what, position);
      next[key] = found === -1 ? Infinity : found;
    }
    return next[key];
  };
  let from = 0;
  for (let at = text.indexOf(FRAME_START); at !== -1; at = text.indexOf(FRAME_START, from)) {
    const lineEnd = Math.min(find("newline", "\n", at), find("escaped", "\\n", at), find("quote", '"', at), text.length);
    from = Math.max(lineEnd, at + 1);
    const separator = breakBefore(text, at);
    if (separator === undefined) continue;
    const frame = readFrame(text, at - separator.length, separator, lineEnd);
    if (frame !== undefined) frames.push(frame);
  }
  return frames;
}

/**
 * An agent frame in the agent's coordinates: `    at name (agent.ts:line:column)`
 * with the 1-based line and column of the code as sent. The agent's own
 * function, and anonymous functions, are named `<agent>`. Undefined when the
 * source map has nothing at the frame's position (e.g. a line agent.js does
 * not have).
 */
export function mapAgentFrame(frame: FoundFrame, sourceMap: SourceMap, source: AgentSource): { text: string; line: number; column: number } | undefined {
  const original = sourceMap.original(frame.line - 1, frame.column - 1);
  if (original === undefined) return undefined;
  const at = source.toAgent(original.line, original.column);
  const { name } = frame;
  const shown = name === undefined || name === "default" || name === "Object.default" ? "<agent>" : name.slice(0, MAX_FRAME_NAME_CHARS);
  return { text: `    at ${frame.async ? "async " : ""}${shown} (agent.ts:${at.line}:${at.column})`, line: at.line, column: at.column };
}
