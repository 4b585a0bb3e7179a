import type { Paint } from "./terminal.js";

/** Lines of code shown before the offending one. */
const LINES_BEFORE = 2;
/** Lines of code shown after it. */
const LINES_AFTER = 1;

/**
 * The lines of `source` around 1-based `line`, the offending one marked `>`,
 * and a caret under 1-based `column`:
 *
 *     2 |   const total = 0;
 *   > 3 |   total = "x";
 *       |   ^
 *
 * The position comes from the host, which took it from the sandbox: it is
 * untrusted. A line that is not an integer within the source gives no frame
 * (undefined); a column past the line's end puts the caret just after it.
 */
export function codeFrame(source: string, line: unknown, column: unknown, paint: Paint): string | undefined {
  const lines = source.split(/\r?\n/);
  if (!Number.isInteger(line) || (line as number) < 1 || (line as number) > lines.length) return undefined;
  const at = line as number;
  const first = Math.max(1, at - LINES_BEFORE);
  const last = Math.min(lines.length, at + LINES_AFTER);
  const width = String(last).length;
  const gutter = (number: number | undefined) => (number === undefined ? " ".repeat(width) : String(number).padStart(width));
  const out: string[] = [];
  for (let number = first; number <= last; number++) {
    const text = lines[number - 1];
    if (number === at) {
      out.push(`${paint.red(">")} ${paint.dim(`${gutter(number)} |`)} ${text}`);
      const col = Number.isInteger(column) && (column as number) >= 1 ? Math.min(column as number, text.length + 1) : undefined;
      // Tabs stay tabs under the caret, so it lines up however wide the terminal draws them.
      if (col !== undefined) out.push(`  ${paint.dim(`${gutter(undefined)} |`)} ${text.slice(0, col - 1).replace(/[^\t]/g, " ")}${paint.red("^")}`);
    } else {
      out.push(`  ${paint.dim(`${gutter(number)} |`)} ${text}`);
    }
  }
  return out.join("\n");
}
