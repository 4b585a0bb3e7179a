/**
 * Turns whatever agent code produced into JSON text, with the documented
 * conversions (README, "Values"): Date → ISO string, Map → object, Set → array,
 * typed arrays and ArrayBuffer → arrays of numbers, BigInt → decimal string,
 * Error → { name, message } (in log arguments also its `stack` and `cause`,
 * so the host can map the stack to the agent's lines), cycles → "[Circular]",
 * deeper than MAX_RESULT_DEPTH → "[MaxDepth]". Functions and symbols are
 * dropped, as JSON.stringify drops them.
 *
 * The work is bounded by the caller's `limit`, not by the value: the encoder
 * writes text as it walks and stops once the text is past `limit` characters
 * or it has visited `limit` values, whichever comes first. A graph that shares
 * nodes (`x = [x, x]` 26 times) is therefore never expanded beyond the limit.
 *
 * The built-ins it relies on are captured when the runtime module loads,
 * before any agent code runs, so agent code that replaces them later does not
 * change how its values are encoded. Getters, proxies and iterators of the
 * agent's own values still run agent code, which burns fuel.
 */
import { MAX_RESULT_DEPTH } from "../api-types/sandbox-protocol.js";

const apply = Reflect.apply;
const stringify = JSON.stringify;
const isArray = Array.isArray;
const objectKeys = Object.keys;
const isView = ArrayBuffer.isView;
const isFiniteNumber = Number.isFinite;
const isNotANumber = Number.isNaN;
const toText = String;
const { push, join } = Array.prototype;
const stringSlice = String.prototype.slice;
const bigintToString = BigInt.prototype.toString;
const { getTime, toISOString } = Date.prototype;
const { has: setHas, add: setAdd, delete: setDelete } = Set.prototype;
const mapEntries = Map.prototype.entries;
const setValues = Set.prototype.values;
const mapIteratorNext = Object.getPrototypeOf(new Map().entries()).next as () => IteratorResult<[unknown, unknown]>;
const setIteratorNext = Object.getPrototypeOf(new Set().values()).next as () => IteratorResult<unknown>;
const typedArrayLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length")!.get!;
const DateClass = Date;
const ErrorClass = Error;
const MapClass = Map;
const SetClass = Set;
const ArrayBufferClass = ArrayBuffer;
const DataViewClass = DataView;
const Bytes = Uint8Array;


/** What the encoder wrote: `text` is complete, or cut just past the limit when `complete` is false. */
export interface EncodedJson {
  readonly text: string | undefined;
  readonly complete: boolean;
}

class Writer {
  readonly parts: string[] = [];
  length = 0;
  visited = 0;
  full = false;
  readonly seen = new SetClass<object>();
  constructor(
    readonly limit: number,
    /** Whether Errors carry their `stack` and `cause` too, as in log arguments. */
    readonly errorDetail: boolean,
  ) {}

  /** Appends `text`, cut so the total is at most one character past the limit. */
  write(text: string): void {
    if (this.full) return;
    const room = this.limit + 1 - this.length;
    const kept = text.length > room ? apply(stringSlice, text, [0, room]) : text;
    apply(push, this.parts, [kept]);
    this.length += kept.length;
    if (this.length > this.limit) this.full = true;
  }

  /** A string as JSON; a string longer than the room left is escaped only as far as it can be kept. */
  writeString(value: string): void {
    const room = this.limit + 1 - this.length;
    this.write(stringify(value.length > room ? apply(stringSlice, value, [0, room]) : value));
  }

  /** Counts one visited value; false once the budget of visits is spent. */
  visit(): boolean {
    if (++this.visited > this.limit) this.full = true;
    return !this.full;
  }
}

/** Whether `value` has a JSON form of its own; without one it is dropped from objects and null in arrays. */
function encodable(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

function writeItems(out: Writer, count: number, item: (index: number) => unknown, depth: number): void {
  out.write("[");
  for (let i = 0; i < count && !out.full; i++) {
    if (i > 0) out.write(",");
    const value = item(i);
    if (encodable(value)) writeValue(out, value, depth + 1);
    else out.write("null");
  }
  out.write("]");
}

function writeBytes(out: Writer, bytes: Uint8Array): void {
  writeItems(out, apply(typedArrayLength, bytes, []) as number, (i) => bytes[i], 0);
}

function writeIterated<T>(out: Writer, iterator: object, next: () => IteratorResult<T>, each: (item: T, first: boolean) => void): void {
  let first = true;
  while (!out.full) {
    const step = apply(next, iterator, []) as IteratorResult<T>;
    if (step.done) return;
    each(step.value, first);
    first = false;
  }
}

function writeObject(out: Writer, object: object, depth: number): void {
  if (object instanceof DateClass) {
    const time = apply(getTime, object, []) as number;
    return out.write(isNotANumber(time) ? "null" : stringify(apply(toISOString, object, [])));
  }
  if (object instanceof ErrorClass) {
    out.write('{"name":');
    out.writeString(toText(object.name));
    out.write(',"message":');
    out.writeString(toText(object.message));
    if (out.errorDetail) {
      const { stack, cause } = object;
      if (typeof stack === "string") {
        out.write(',"stack":');
        out.writeString(stack);
      }
      if (encodable(cause)) {
        out.write(',"cause":');
        writeValue(out, cause, depth + 1);
      }
    }
    return out.write("}");
  }
  if (object instanceof ArrayBufferClass) return writeBytes(out, new Bytes(object));
  if (isView(object)) {
    if (object instanceof DataViewClass) return writeBytes(out, new Bytes(object.buffer, object.byteOffset, object.byteLength));
    const view = object as unknown as ArrayLike<number | bigint>;
    return writeItems(out, apply(typedArrayLength, view, []) as number, (i) => view[i], depth);
  }
  if (isArray(object)) {
    const items = object as unknown[];
    return writeItems(out, items.length, (i) => items[i], depth);
  }
  let first = true;
  const member = (key: string, value: unknown) => {
    // A dropped member writes nothing, so it is counted here to keep the walk bounded.
    if (!encodable(value)) return void out.visit();
    out.write(first ? "{" : ",");
    first = false;
    out.writeString(key);
    out.write(":");
    writeValue(out, value, depth + 1);
  };
  if (object instanceof MapClass) {
    writeIterated(out, apply(mapEntries, object, []) as object, mapIteratorNext, ([key, value]) => member(toText(key), value));
  } else if (object instanceof SetClass) {
    out.write("[");
    writeIterated(out, apply(setValues, object, []) as object, setIteratorNext, (value, isFirst) => {
      if (!isFirst) out.write(",");
      if (encodable(value)) writeValue(out, value, depth + 1);
      else out.write("null");
    });
    return out.write("]");
  } else {
    const keys = objectKeys(object);
    for (let i = 0; i < keys.length && !out.full; i++) member(keys[i], (object as Record<string, unknown>)[keys[i]]);
  }
  out.write(first ? "{}" : "}");
}

function writeValue(out: Writer, value: unknown, depth: number): void {
  if (!out.visit()) return;
  switch (typeof value) {
    case "string":
      return out.writeString(value);
    case "boolean":
      return out.write(value ? "true" : "false");
    case "number":
      return out.write(isFiniteNumber(value) ? stringify(value) : "null");
    case "bigint":
      return out.writeString(apply(bigintToString, value, []) as string);
  }
  if (value === null) return out.write("null");
  const object = value as object;
  if (apply(setHas, out.seen, [object])) return out.write('"[Circular]"');
  if (depth >= MAX_RESULT_DEPTH) return out.write('"[MaxDepth]"');
  apply(setAdd, out.seen, [object]);
  try {
    writeObject(out, object, depth);
  } finally {
    apply(setDelete, out.seen, [object]);
  }
}

/**
 * JSON text of `value`, encoded until it is past `limit` characters or
 * `limit` values were visited. `text` is undefined when the value has no JSON
 * form (undefined, a function, a symbol). `errorDetail` adds each Error's
 * `stack` and `cause` (log arguments).
 */
export function encodeJson(value: unknown, limit: number, errorDetail = false): EncodedJson {
  if (!encodable(value)) return { text: undefined, complete: true };
  const out = new Writer(limit, errorDetail);
  writeValue(out, value, 0);
  return { text: apply(join, out.parts, [""]) as string, complete: !out.full };
}

/** Causes a logged Error is followed through at most; a cycle of causes stops here too. */
const MAX_LOGGED_CAUSES = 5;

/** An Error as V8's stack text, or `name: message` when its stack is not a string. */
function errorText(error: Error): string {
  const stack = error.stack;
  return typeof stack === "string" ? stack : `${toText(error.name)}: ${toText(error.message)}`;
}

/**
 * How a console argument reads in a log line: strings as they are, Errors
 * as their stack followed by a `Caused by: ` line for each cause, the rest as
 * JSON (Errors inside it with their stack and cause). At most about `limit`
 * characters; a longer text is cut by the caller. The stacks name the
 * isolate's modules; the host maps them (host/execution/log-stacks.ts).
 */
export function formatLogArgument(value: unknown, limit: number): string {
  if (typeof value === "string") return value;
  if (value instanceof ErrorClass) {
    let text = errorText(value);
    let cause: unknown = value.cause;
    for (let i = 0; i < MAX_LOGGED_CAUSES && cause !== undefined && text.length <= limit; i++) {
      text += `\nCaused by: ${cause instanceof ErrorClass ? errorText(cause) : formatLogArgument(cause, limit - text.length)}`;
      cause = cause instanceof ErrorClass ? cause.cause : undefined;
    }
    return text;
  }
  if (value === undefined) return "undefined";
  if (typeof value === "function") return `[Function ${toText(value.name) || "anonymous"}]`;
  if (typeof value === "symbol") return toText(value);
  return encodeJson(value, limit, true).text ?? toText(value);
}
