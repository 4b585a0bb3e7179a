import type { SchemaScope } from "./schema-scope.js";
import { withoutKeys } from "./schema-keys.js";

type Json = Record<string, unknown>;

/** Most `$ref` hops followed while merging one `allOf` (a chain of base types). */
const MAX_MERGE_HOPS = 32;

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/** Keywords that make a schema something other than a plain object, which cannot be merged as one. */
const NOT_MERGEABLE = ["anyOf", "oneOf", "enum", "const", "items", "prefixItems", "not"];

/**
 * An `allOf` of object schemas as ONE object schema: the members'
 * properties and `required` lists joined, the last `additionalProperties`
 * given winning. Members that are references are read at the JSON level
 * (their properties stay references, so nothing is inlined deeper). A
 * member without `type` counts as an object. Undefined when some member is
 * not an object (a string with a format, a union) or the base chain loops;
 * the caller then intersects the members instead. `x-*` and examples are
 * not read.
 */
export function mergeAllOf(schema: Json, scope: SchemaScope, hops = { left: MAX_MERGE_HOPS }): Json | undefined {
  const merged: Json = { type: "object" };
  const properties: Json = {};
  const required: unknown[] = [];
  const own = withoutKeys(schema, ["allOf", "description", "nullable"]);
  for (const raw of [...(schema.allOf as unknown[]), own]) {
    let member = raw;
    while (isObject(member) && typeof member.$ref === "string") {
      hops.left -= 1;
      if (hops.left < 0 || !scope.budget.work()) return undefined;
      member = scope.lookup(member.$ref);
    }
    if (member === true) continue;
    if (!isObject(member)) return undefined;
    if (Array.isArray(member.allOf)) {
      member = mergeAllOf(member, scope, hops);
      if (member === undefined) return undefined;
    }
    const m = member as Json;
    if ((m.type !== undefined && m.type !== "object") || NOT_MERGEABLE.some((key) => m[key] !== undefined)) return undefined;
    if (isObject(m.properties)) {
      if (!scope.budget.work(Object.keys(m.properties).length)) return undefined;
      Object.assign(properties, m.properties);
    }
    if (Array.isArray(m.required)) required.push(...m.required);
    if (m.additionalProperties !== undefined) merged.additionalProperties = m.additionalProperties;
    if (m.patternProperties !== undefined) merged.patternProperties = m.patternProperties;
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = [...new Set(required)];
  return merged;
}
