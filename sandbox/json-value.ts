/**
 * Turns whatever agent code produced into JSON text, with the documented
 * conversions (README, "Values"): Date → ISO string, Map → object, Set → array,
 * typed arrays and ArrayBuffer → arrays of numbers, BigInt → decimal string,
 * Error → { name, message }, cycles → "[Circular]", deeper than MAX_DEPTH →
 * "[MaxDepth]". Functions and symbols are dropped, as JSON.stringify drops them.
 *
 * The built-ins it relies on are captured when the runtime module loads,
 * before any agent code runs, so agent code that replaces them later does not
 * change how its values are encoded.
 */
const stringify = JSON.stringify;
const isArray = Array.isArray;
const objectKeys = Object.keys;
const isView = ArrayBuffer.isView;

export const MAX_DEPTH = 64;

function toPlain(value: unknown, depth: number, seen: Set<object>): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return value.toString();
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[MaxDepth]";
  seen.add(object);
  try {
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? null : object.toISOString();
    if (object instanceof Error) return { name: String(object.name), message: String(object.message) };
    if (object instanceof ArrayBuffer) return [...new Uint8Array(object)];
    if (isView(object)) {
      return object instanceof DataView
        ? [...new Uint8Array(object.buffer, object.byteOffset, object.byteLength)]
        : Array.from(object as unknown as ArrayLike<number | bigint>, (n) => n).map((n) => (typeof n === "bigint" ? n.toString() : n));
    }
    if (object instanceof Map) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of object) {
        const plain = toPlain(v, depth + 1, seen);
        if (plain !== undefined) out[String(k)] = plain;
      }
      return out;
    }
    if (object instanceof Set) return [...object].map((v) => toPlain(v, depth + 1, seen) ?? null);
    if (isArray(object)) return object.map((v) => toPlain(v, depth + 1, seen) ?? null);
    const out: Record<string, unknown> = {};
    for (const key of objectKeys(object)) {
      const plain = toPlain((object as Record<string, unknown>)[key], depth + 1, seen);
      if (plain !== undefined) out[key] = plain;
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

/** JSON text of `value`, or undefined when the value has no JSON form (undefined, a function). */
export function toJsonText(value: unknown): string | undefined {
  const plain = toPlain(value, 0, new Set());
  return plain === undefined ? undefined : stringify(plain);
}

/** How a console argument reads in a log line: strings as they are, the rest as JSON. */
export function formatLogArgument(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (value === undefined) return "undefined";
  if (typeof value === "function") return `[Function ${value.name || "anonymous"}]`;
  if (typeof value === "symbol") return value.toString();
  return toJsonText(value) ?? String(value);
}

