import { LOG_LEVELS, TRUNCATION_MARK, type CaptureLimits, type CapturedLogs, type LogEntry, type LogLevel } from "../api-types/sandbox-protocol.js";
import { formatLogArgument } from "./json-value.js";

const apply = Reflect.apply;
const freeze = Object.freeze;
const { push, slice } = Array.prototype;
const stringSlice = String.prototype.slice;
const min = Math.min;

export interface ConsoleCapture {
  /** A frozen console whose methods record instead of printing. */
  readonly console: Readonly<Record<LogLevel, (...args: unknown[]) => void>>;
  snapshot(): CapturedLogs;
}

/**
 * The arguments of one console call as one line of at most `room`
 * characters, `TRUNCATION_MARK` included when it was cut; undefined when
 * even the mark does not fit. Formatting stops at the room, so a huge or
 * shared argument costs no more than the room.
 */
function formatLine(args: unknown[], room: number): { line: string; cut: boolean } | undefined {
  let line = "";
  for (let i = 0; i < args.length && line.length <= room; i++) {
    if (i > 0) line += " ";
    const piece = formatLogArgument(args[i], room + 1 - line.length);
    line += piece.length > room + 1 - line.length ? apply(stringSlice, piece, [0, room + 1 - line.length]) : piece;
  }
  if (line.length <= room) return { line, cut: false };
  if (room < TRUNCATION_MARK.length) return undefined;
  return { line: apply(stringSlice, line, [0, room - TRUNCATION_MARK.length]) + TRUNCATION_MARK, cut: true };
}

/**
 * Records console output within `limits`: at most `maxLogEntries` entries,
 * each at most `maxLogMessageChars` long, and `maxLogTotalChars` in all. What
 * does not fit is counted in `dropped`, and `truncated` says that anything
 * was lost or cut. `onEntry` sees each kept entry as it is recorded (live log
 * streaming). Uses only built-ins captured when the runtime module loads.
 */
export function createConsoleCapture(limits: CaptureLimits, onEntry?: (entry: LogEntry) => void): ConsoleCapture {
  const entries: LogEntry[] = [];
  let totalChars = 0;
  let dropped = 0;
  let truncated = false;

  function record(level: LogLevel, args: unknown[]): void {
    const room = min(limits.maxLogMessageChars, limits.maxLogTotalChars - totalChars);
    const formatted = entries.length < limits.maxLogEntries ? formatLine(args, room) : undefined;
    if (formatted === undefined) {
      dropped++;
      truncated = true;
      return;
    }
    if (formatted.cut) {
      dropped++;
      truncated = true;
    }
    totalChars += formatted.line.length;
    const entry = freeze({ level, message: formatted.line });
    apply(push, entries, [entry]);
    onEntry?.(entry);
  }

  const methods = {} as Record<LogLevel, (...args: unknown[]) => void>;
  for (const level of LOG_LEVELS) methods[level] = (...args: unknown[]) => record(level, args);

  return {
    console: freeze(methods),
    snapshot: () => ({ entries: apply(slice, entries, []) as LogEntry[], dropped, truncated }),
  };
}
