/** Keys a schema converter never reads: vendor extensions and examples can be large, and say nothing about a value's shape. */
export const isIgnoredKey = (key: string) => key.startsWith("x-") || key === "example" || key === "examples";

/** A shallow copy of `schema` without `drop` and without the ignored keys, whose values are not even read. */
export function withoutKeys(schema: Record<string, unknown>, drop: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(schema)) if (!drop.includes(key) && !isIgnoredKey(key)) copy[key] = schema[key];
  return copy;
}
