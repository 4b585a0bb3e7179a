/**
 * `$ref` resolution inside one OpenAPI document. Only local references
 * (`#/…`) are followed: a spec that points at another file or URL gets a
 * permissive schema in that place, never a fetch.
 *
 * Two uses:
 * - `deref` follows a chain of references to a parameter, request body or
 *   response object, and gives up on a cycle;
 * - `bundleSchema` turns a schema into a self-contained one: every local
 *   reference it reaches, transitively, becomes an entry under the
 *   definitions keyword, so zod's import can follow it, cycles included
 *   (a recursive `Node` becomes a lazy schema).
 */

type Json = Record<string, unknown>;

/** Longest chain of references followed to reach one object. */
const MAX_REF_HOPS = 16;
/** Keys whose values are data, not schemas: a `$ref` inside them is left alone. */
const DATA_KEYS = new Set(["example", "examples", "enum", "const", "default"]);
/** Keys whose values map names to schemas. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** The value at a local JSON pointer (`#/components/schemas/Pet`), or undefined. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith("#")) return undefined;
  let node = document;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    } catch {
      return undefined;
    }
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (isObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** `value`, or what its `$ref` chain points at; undefined for a cycle, a dangling or a non-local reference. */
export function deref(document: unknown, value: unknown): unknown {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === "string"; hops++) {
    if (hops >= MAX_REF_HOPS) return undefined;
    node = resolvePointer(document, node.$ref);
  }
  return node;
}

/**
 * `schema` with every local reference it reaches moved under
 * `definitions` (or `$defs`), named after the reference's last segment.
 * A reference that cannot be resolved becomes `{}` (any value).
 */
export function bundleSchema(document: unknown, schema: unknown, defsKey: "$defs" | "definitions"): unknown {
  const definitions: Json = {};
  const keys = new Map<string, string>();
  const taken = new Set<string>();

  const keyFor = (ref: string): string => {
    const known = keys.get(ref);
    if (known !== undefined) return known;
    const last = ref.split("/").pop() ?? "";
    const base = last.replace(/[^A-Za-z0-9_]/g, "_") || "ref";
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
    taken.add(key);
    keys.set(ref, key);
    // Claimed before the target is visited, so a reference back to it stops here.
    definitions[key] = {};
    definitions[key] = visit(resolvePointer(document, ref) ?? {});
    return key;
  };

  const visit = (node: unknown, isMap = false): unknown => {
    if (Array.isArray(node)) return node.map((item) => visit(item));
    if (!isObject(node)) return node;
    if (typeof node.$ref === "string") {
      // OpenAPI 3.0 ignores a reference's siblings; a description is worth keeping.
      if (!node.$ref.startsWith("#")) return typeof node.description === "string" ? { description: node.description } : {};
      const reference = { $ref: `#/${defsKey}/${keyFor(node.$ref)}` };
      return typeof node.description === "string" ? { ...reference, description: node.description } : reference;
    }
    // In a name → schema map, the keys are names, so one called "example" is still a schema.
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, !isMap && DATA_KEYS.has(key) ? value : visit(value, !isMap && NAME_MAPS.has(key))]));
  };

  const root = visit(schema);
  if (keys.size === 0 || !isObject(root)) return root;
  return { ...root, [defsKey]: definitions };
}
