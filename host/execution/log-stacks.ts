import { TRUNCATION_MARK, type LogEntry } from "../../api-types/sandbox-protocol.js";
import type { AgentSource } from "./agent-source.js";
import type { SourceMap } from "./source-map.js";
import { findFrames, mapAgentFrame, type FoundFrame } from "./stack-frames.js";

/**
 * Stacks inside log messages, in the agent's coordinates. The sandbox formats
 * a logged Error as its V8 stack (sandbox/json-value.ts, formatLogArgument),
 * which names the transpiled module "agent.js" and the runtime's frames; the
 * host, which alone has the source map, rewrites the text of each message
 * with the same frame mapping as the response's `error` (stack-frames.ts):
 * - an agent frame becomes `at name (agent.ts:line:column)`, in the code as sent;
 * - a runtime frame is removed, and so is a built-in's frame (`new Promise
 *   (<anonymous>)`) that the runtime called, i.e. whose next module frame
 *   below it is a runtime frame; built-ins the agent called stay;
 * - an agent frame the source map has no position for (such as one the code
 *   printed itself, `at x (agent.js:99999:1)`) is left as it was written.
 * The message is untrusted text: the rewrite is one linear scan, maps at most
 * MAX_MAPPED_FRAMES_PER_MESSAGE frames, and a message with neither module's
 * name in it is returned untouched without a scan.
 */

/** Agent frames mapped per message at most; the ones past it are left as they were written. A message of 4,096 characters holds about 130 frames. */
export const MAX_MAPPED_FRAMES_PER_MESSAGE = 64;

/** Rewrites one message; see the module comment. */
export type LogStackMapper = (message: string) => string;

/** Which frames stay: runtime frames go, and built-ins go when the next module frame below them, in the same stack, is a runtime frame. */
function keptFrames(frames: readonly FoundFrame[]): boolean[] {
  const kept: boolean[] = new Array(frames.length);
  let below: FoundFrame["kind"] | undefined;
  for (let i = frames.length - 1; i >= 0; i--) {
    const frame = frames[i];
    // A frame continues the stack below it only when that stack's next frame follows it directly, on the next line.
    const next = frames[i + 1];
    if (next === undefined || next.start !== frame.end || next.separator === "") below = undefined;
    if (frame.kind !== "builtin") below = frame.kind;
    kept[i] = frame.kind === "agent" || (frame.kind === "builtin" && below !== "runtime");
  }
  return kept;
}

/** The mapper for one execution's logs. */
export function createLogStackMapper(sourceMap: SourceMap, source: AgentSource): LogStackMapper {
  return (message) => {
    if (!message.includes("agent.js") && !message.includes("runtime.js")) return message;
    const frames = findFrames(message);
    if (frames.length === 0) return message;
    const kept = keptFrames(frames);
    let text = "";
    let copied = 0;
    let mapped = 0;
    for (const [i, frame] of frames.entries()) {
      // Removed (""), mapped, or left as written (undefined).
      let replacement: string | undefined;
      if (!kept[i]) replacement = "";
      else if (frame.kind === "agent" && mapped++ < MAX_MAPPED_FRAMES_PER_MESSAGE) replacement = mapAgentFrame(frame, sourceMap, source)?.text;
      if (replacement === undefined) continue;
      text += message.slice(copied, frame.start) + (replacement === "" ? "" : frame.separator + replacement);
      copied = frame.end;
    }
    return text + message.slice(copied);
  };
}

/**
 * A streamed entry with its stacks rewritten, cut to `maxChars` like the
 * response's entries (a rewritten frame can be longer than the original:
 * `<agent>` is added, a line number can gain a digit).
 */
export function mapStreamedEntry(entry: LogEntry, mapper: LogStackMapper, maxChars: number): LogEntry {
  const message = mapper(entry.message);
  if (message.length <= maxChars) return { level: entry.level, message };
  return { level: entry.level, message: message.slice(0, Math.max(0, maxChars - TRUNCATION_MARK.length)) + TRUNCATION_MARK };
}
