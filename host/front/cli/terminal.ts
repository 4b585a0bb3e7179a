/**
 * What the CLI writes to a terminal: colors when they help, and text from
 * the host made safe to print.
 */

/** The styles the CLI uses; each returns `text` unchanged when colors are off. */
export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const style =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const COLORS: Paint = { red: style(31, 39), yellow: style(33, 39), cyan: style(36, 39), dim: style(2, 22), bold: style(1, 22) };
const PLAIN: Paint = { red: String, yellow: String, cyan: String, dim: String, bold: String };

/**
 * Colors for a stream: off when NO_COLOR is set to anything but "" (no-color.org),
 * else on when FORCE_COLOR is set to anything but "" or "0", else on when the
 * stream is a terminal.
 */
export function paintFor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): Paint {
  if (env.NO_COLOR) return PLAIN;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== "0") return COLORS;
  return stream.isTTY === true ? COLORS : PLAIN;
}

/**
 * Control characters (C0 but tab and newline, DEL, C1) and the bidirectional
 * overrides that reorder what a terminal shows. Agent code chooses its log
 * messages and error texts, and an escape sequence in them could rewrite the
 * terminal (clear it, move the cursor, set the title) or hide text.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` from the host (logs, error names and messages), with each unprintable character shown as its \u escape. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
