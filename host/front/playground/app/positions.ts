import type { Text } from "@codemirror/state";
import type { Position } from "./host-api.js";

/**
 * Between CodeMirror's offsets and the host's positions: 1-based lines and
 * columns in UTF-16 code units, which is what an offset within a line
 * counts too, so no conversion of characters is needed.
 */

/** The host's 1-based position of an offset into `doc`. */
export function positionAt(doc: Text, offset: number): Position {
  const line = doc.lineAt(offset);
  return { line: line.number, column: offset - line.from + 1 };
}

/** The offset of a position the host reported; untrusted, so clamped into `doc` (a line past the end is the last line, a column past it the line's end). */
export function offsetAt(doc: Text, { line, column }: Position): number {
  const target = doc.line(Math.min(Math.max(1, Math.trunc(line) || 1), doc.lines));
  return target.from + Math.min(Math.max(0, (Math.trunc(column) || 1) - 1), target.length);
}
