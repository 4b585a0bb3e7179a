import { z } from "zod";

/** Deep equality of two JSON values (key order ignored). */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, i) => jsonEquals(item, (b as unknown[])[i]));
  const left = Object.keys(a);
  const right = b as Record<string, unknown>;
  return left.length === Object.keys(right).length && left.every((key) => Object.hasOwn(right, key) && jsonEquals((a as Record<string, unknown>)[key], right[key]));
}

/**
 * A schema that admits exactly `value`, any JSON value (an `enum` member, a
 * `const`). An object or array compares deeply and prints as `const`, which
 * the declarations turn into its literal type.
 */
export function jsonLiteral(value: unknown): z.ZodType {
  if (value === null) return z.null();
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return z.literal(value);
  return z.unknown().refine((candidate) => jsonEquals(candidate, value), { message: `Expected ${JSON.stringify(value)?.slice(0, 200)}.` }).meta({ const: value });
}
