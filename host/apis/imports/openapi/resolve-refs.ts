/**
 * Inlines every local `$ref` ("#/components/…") of an OpenAPI document, so
 * that each operation's schemas stand alone. A reference that points back
 * into itself (a recursive schema) is cut at the repeat and becomes `{}`
 * (any value) with a note; a reference that cannot be found becomes `{}` too.
 * Also turns OpenAPI 3.0's `nullable: true` into JSON Schema's null type.
 */
const MAX_DEPTH = 64;

function lookup(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function resolveRefs<T>(value: T, document: unknown = value, seen: readonly string[] = [], depth = 0): T {
  if (depth > MAX_DEPTH) return {} as T;
  if (Array.isArray(value)) return value.map((item) => resolveRefs(item, document, seen, depth + 1)) as T;
  if (value === null || typeof value !== "object") return value;
  const node = value as Record<string, unknown>;
  if (typeof node.$ref === "string") {
    const ref = node.$ref;
    if (seen.includes(ref)) return { description: `(recursive: ${ref.split("/").pop()})` } as T;
    const target = lookup(document, ref);
    return (target === undefined ? {} : resolveRefs(target, document, [...seen, ref], depth + 1)) as T;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(node)) {
    if (key === "nullable") continue;
    out[key] = resolveRefs(inner, document, seen, depth + 1);
  }
  if (node.nullable === true) return { anyOf: [out, { type: "null" }] } as T;
  return out as T;
}
