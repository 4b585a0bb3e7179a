import type { CaptureLimits, CapturedLogs, LogEntry, LogLevel } from "../api-types/sandbox-protocol";
import { formatLogArgument } from "./json-value";

const LEVELS: readonly LogLevel[] = ["log", "info", "warn", "error", "debug"];

export interface ConsoleCapture {
  /** A frozen console whose methods record instead of printing. */
  readonly console: Readonly<Record<LogLevel, (...args: unknown[]) => void>>;
  snapshot(): CapturedLogs;
}

/**
 * Records console output within `limits`: at most `maxLogEntries` entries,
 * each cut to `maxLogMessageChars`, and `maxLogTotalChars` in all. What does
 * not fit is counted in `dropped`, and `truncated` says that anything was lost.
 * `onEntry` sees each kept entry as it is recorded (live log streaming).
 */
export function createConsoleCapture(limits: CaptureLimits, onEntry?: (entry: LogEntry) => void): ConsoleCapture {
  const entries: LogEntry[] = [];
  let totalChars = 0;
  let dropped = 0;
  let truncated = false;

  function record(level: LogLevel, args: unknown[]): void {
    if (entries.length >= limits.maxLogEntries || totalChars >= limits.maxLogTotalChars) {
      dropped++;
      truncated = true;
      return;
    }
    let message = args.map(formatLogArgument).join(" ");
    const room = Math.min(limits.maxLogMessageChars, limits.maxLogTotalChars - totalChars);
    if (message.length > room) {
      message = `${message.slice(0, room)}… [truncated ${message.length - room} chars]`;
      truncated = true;
    }
    totalChars += message.length;
    const entry = { level, message };
    entries.push(entry);
    onEntry?.(entry);
  }

  const methods = {} as Record<LogLevel, (...args: unknown[]) => void>;
  for (const level of LEVELS) methods[level] = (...args: unknown[]) => record(level, args);

  return {
    console: Object.freeze(methods),
    snapshot: () => ({ entries: entries.slice(), dropped, truncated }),
  };
}
