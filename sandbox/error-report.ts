import { ERROR_TEXT_LIMITS, type SandboxError } from "../api-types/sandbox-protocol.js";
import { encodeJson } from "./json-value.js";

/**
 * Describes what agent code threw as a SandboxError of bounded size: name,
 * message and stack are cut to ERROR_TEXT_LIMITS, so `throw "S".repeat(1e7)`
 * crosses to the host as 4,096 characters, not 10 MB. Uses only built-ins
 * captured when the runtime module loads.
 *
 * The stack sent is the `at …` part of V8's stack text. An Error's `stack` is
 * an ordinary property, so agent code can rewrite or delete it: the line of an
 * error agent code threw is what that property says. Stops the runtime
 * decides (fuel) are described from an error the runtime created itself.
 */
const apply = Reflect.apply;
const toText = String;
const { slice, indexOf } = String.prototype;
const ErrorClass = Error;

/** Where the frames start: V8 heads its stack text with the name and message, then one `    at …` line per frame. */
const FRAMES_START = "\n    at ";

function cut(text: string, limit: number): string {
  return text.length > limit ? (apply(slice, text, [0, limit]) as string) : text;
}

/** The frame lines of a V8 stack text, cut to the limit; undefined when there are none. */
export function stackFrames(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const start = apply(indexOf, stack, [FRAMES_START]) as number;
  return start === -1 ? undefined : (apply(slice, stack, [start + 1, start + 1 + ERROR_TEXT_LIMITS.stackChars]) as string);
}

/** A SandboxError from name, message and stack text, each cut to its limit. */
export function boundedError(name: string, message: string, stack: unknown): SandboxError {
  const frames = stackFrames(stack);
  return {
    name: cut(name, ERROR_TEXT_LIMITS.nameChars),
    message: cut(message, ERROR_TEXT_LIMITS.messageChars),
    ...(frames !== undefined && { stack: frames }),
  };
}

/** Describes a thrown value; never throws, even when reading the value runs agent code that throws. */
export function describeThrown(thrown: unknown): SandboxError {
  try {
    if (thrown instanceof ErrorClass) return boundedError(toText(thrown.name), toText(thrown.message), thrown.stack);
    const shown = typeof thrown === "string" ? cut(thrown, ERROR_TEXT_LIMITS.messageChars) : (encodeJson(thrown, ERROR_TEXT_LIMITS.messageChars).text ?? toText(thrown));
    return boundedError("Error", `Uncaught non-Error value: ${shown}`, undefined);
  } catch {
    return { name: "Error", message: "Uncaught value that could not be described: reading it threw." };
  }
}
