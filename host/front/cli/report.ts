import type { DiagnosticInfo, ExecutionError } from "../../../api-types/execution.js";
import type { LogEntry } from "../../../api-types/sandbox-protocol.js";
import { codeFrame } from "./code-frame.js";
import { printable, type Paint } from "./terminal.js";

/**
 * How the CLI shows what the host reported about a program: diagnostics and
 * errors as code frames of the agent's own file, console entries as lines.
 * Every field came from the host, most of them from the sandbox: texts pass
 * through printable(), positions through codeFrame's bounds.
 */

/** The code as the CLI read it, and how to name it ("task.ts", or "<stdin>"). */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

/** `file:line:column`, as far as the position is a pair of positive integers. */
function location(file: SourceFile, line: unknown, column: unknown): string {
  if (!Number.isInteger(line) || (line as number) < 1) return file.name;
  const col = Number.isInteger(column) && (column as number) >= 1 ? `:${column}` : "";
  return `${file.name}:${line}${col}`;
}

/** One type or syntax error: where, TypeScript's code and message, the frame, and the hint when there is one. */
export function formatDiagnostic(file: SourceFile, diagnostic: DiagnosticInfo, paint: Paint): string {
  const code = Number.isInteger(diagnostic.code) ? ` TS${diagnostic.code}` : "";
  const head = `${paint.cyan(location(file, diagnostic.line, diagnostic.column))} - ${paint.red(`error${code}`)}: ${printable(String(diagnostic.message))}`;
  const frame = codeFrame(file.text, diagnostic.line, diagnostic.column, paint);
  const hint = typeof diagnostic.hint === "string" ? `  ${paint.yellow("hint:")} ${printable(diagnostic.hint)}` : undefined;
  return [head, frame, hint].filter((part) => part !== undefined).join("\n") + "\n";
}

/** Why an execution failed: its name and message at its line, with a frame when the line is in the file. */
export function formatError(file: SourceFile, error: ExecutionError, paint: Paint): string {
  const head = `${paint.cyan(location(file, error.line, error.column))} - ${paint.red(printable(String(error.name)))}: ${printable(String(error.message))}`;
  const frame = codeFrame(file.text, error.line, error.column, paint);
  return [head, frame].filter((part) => part !== undefined).join("\n") + "\n";
}

const LEVEL_STYLE = new Map<string, keyof Paint>([
  ["info", "cyan"],
  ["warn", "yellow"],
  ["error", "red"],
  ["debug", "dim"],
]);

/** One console entry: a `log` as its message alone, other levels prefixed with theirs (`[warn] …`). */
export function formatLog(entry: LogEntry, paint: Paint): string {
  const message = printable(String(entry?.message));
  const level = printable(String(entry?.level));
  if (level === "log") return `${message}\n`;
  const styleName = LEVEL_STYLE.get(level);
  const prefix = `[${level}]`;
  return `${styleName === undefined ? prefix : paint[styleName](prefix)} ${message}\n`;
}
