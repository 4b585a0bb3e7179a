/**
 * Reads the mappings of the source maps the TypeScript emitter writes
 * (version 3, one source) and answers where a generated position came from.
 */
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((ch, i) => [ch, i]));

/** [generatedColumn, sourceLine, sourceColumn], all 0-based. */
type Segment = readonly [number, number, number];

export interface SourceMap {
  /** The source position of a 0-based generated position, or undefined when nothing maps there. */
  original(line: number, column: number): { line: number; column: number } | undefined;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`Source map has an invalid character "${ch}".`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** The decoded segments of each generated line. */
function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0;
    for (const part of lineText.split(",")) {
      if (part === "") continue;
      const fields = decodeVlq(part);
      column += fields[0];
      if (fields.length >= 4) {
        sourceLine += fields[2];
        sourceColumn += fields[3];
        segments.push([column, sourceLine, sourceColumn]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * The source map of a map's `mappings` field. They are decoded on the first
 * question: most executions raise no error and log no stack, and never ask.
 */
export function parseSourceMap(mappings: string): SourceMap {
  let decoded: Segment[][] | undefined;
  return {
    original(line, column) {
      decoded ??= decodeMappings(mappings);
      const segments = decoded[line] ?? [];
      // The last segment that starts at or before the column (segments are in
      // column order), found by halving: a frame costs log(segments) however
      // long the generated line.
      let low = 0;
      let high = segments.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (segments[middle][0] <= column) low = middle + 1;
        else high = middle;
      }
      const best: Segment | undefined = segments[low - 1] ?? segments[0];
      if (best === undefined) return undefined;
      // Within a segment the emitter copies the source text, so the offset from
      // the segment's start carries over to the source.
      return { line: best[1], column: best[2] + Math.max(0, column - best[0]) };
    },
  };
}
