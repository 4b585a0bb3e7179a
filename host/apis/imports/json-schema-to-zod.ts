import { z } from "zod";

/**
 * JSON Schema from an imported MCP server or OpenAPI spec → zod, for the
 * bridge to validate calls with and for the declarations agents read.
 *
 * The schemas come from a peer the host does not control, so conversion is
 * defensive: a schema too large or too deep is not converted at all; one zod
 * cannot convert (a bad regex, `if`/`then`, a remote `$ref`) is retried with
 * its lossy keywords dropped; and one that still fails falls back to a
 * permissive schema. Every fallback comes with a note for the method's doc.
 */

/** Largest schema converted, in characters of JSON. */
export const MAX_SCHEMA_CHARS = 64 * 1024;
/** Deepest nesting of a schema converted (objects and arrays). */
export const MAX_SCHEMA_DEPTH = 32;

export type SchemaDialect = "draft-2020-12" | "draft-7" | "openapi-3.0";

export interface ImportedSchema<T extends z.ZodType> {
  schema: T;
  /** Set when the schema was simplified or replaced; one sentence for the method's doc. */
  note?: string;
}

type Json = Record<string, unknown>;

/** Keywords whose values map names to subschemas. */
const SCHEMA_MAPS = new Set(["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"]);
/** Keywords whose values are a subschema or a list of them. */
const SCHEMA_VALUES = new Set([
  "items", "prefixItems", "additionalProperties", "anyOf", "oneOf", "allOf", "not", "if", "then", "else",
  "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "additionalItems",
]);
/** Keywords dropped on the second try: constraints zod's import may refuse, whose loss only loosens validation. */
const LOSSY = new Set(["pattern", "patternProperties", "format", "if", "then", "else", "not", "dependentSchemas", "dependentRequired", "propertyNames", "contains", "unevaluatedProperties", "unevaluatedItems"]);

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || typeof value !== "object" || value === null) return depth;
  let deepest = depth;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/**
 * Rewrites a schema, keyword-aware: `edit` sees every subschema (never a
 * property map or a data value such as `enum`), with whether it is a direct
 * member of an `allOf`.
 */
function rewrite(schema: unknown, edit: (schema: Json, inAllOf: boolean) => Json, inAllOf = false): unknown {
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, rewrite(sub, edit)]));
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = Array.isArray(value) ? value.map((sub) => rewrite(sub, edit, key === "allOf")) : rewrite(value, edit);
    } else {
      out[key] = value;
    }
  }
  return edit(out, inAllOf);
}

/**
 * Inputs: an object that does not say whether it takes extra keys takes
 * none, so agent code gets excess-property errors from the type checker and
 * the declarations carry no `[key: string]: unknown`. Members of an `allOf`
 * stay open, since each sees only its share of the keys.
 */
const closeObjects = (schema: unknown) =>
  rewrite(schema, (node, inAllOf) => {
    const isObjectSchema = node.type === "object" || (node.type === undefined && isObject(node.properties));
    return isObjectSchema && !inAllOf && node.additionalProperties === undefined && node.patternProperties === undefined ? { ...node, additionalProperties: false } : node;
  });

const dropLossy = (schema: unknown) => rewrite(schema, (node) => Object.fromEntries(Object.entries(node).filter(([key]) => !LOSSY.has(key))));

/** The zod of `schema`, or undefined when zod cannot convert it or print it back as JSON Schema. */
function tryConvert(schema: unknown, dialect: SchemaDialect, io: "input" | "output"): z.ZodType | undefined {
  try {
    const converted = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0], { defaultTarget: dialect });
    z.toJSONSchema(converted, { io, unrepresentable: "any" });
    return converted;
  } catch {
    return undefined;
  }
}

function convert(json: unknown, dialect: SchemaDialect, io: "input" | "output"): ImportedSchema<z.ZodType> | { note: string } {
  let text: string;
  try {
    text = JSON.stringify(json) ?? "";
  } catch {
    return { note: "Its schema could not be read, so it is not checked." };
  }
  if (text.length > MAX_SCHEMA_CHARS) return { note: `Its schema is ${text.length} characters of JSON, over this host's ${MAX_SCHEMA_CHARS}, so it is not checked.` };
  if (depthOf(json, MAX_SCHEMA_DEPTH) > MAX_SCHEMA_DEPTH) return { note: `Its schema nests deeper than ${MAX_SCHEMA_DEPTH} levels, so it is not checked.` };
  const prepared = io === "input" ? closeObjects(json) : json;
  const exact = tryConvert(prepared, dialect, io);
  if (exact !== undefined) return { schema: exact };
  const loose = tryConvert(dropLossy(prepared), dialect, io);
  if (loose !== undefined) return { schema: loose, note: "Some constraints of its schema (patterns, formats, conditionals) are not checked here." };
  return { note: "Its schema could not be converted, so it is not checked." };
}

/**
 * An input schema: always a zod object, as a method's input must be. A
 * schema that is not an object, or cannot be converted, becomes "any object",
 * and the note says so.
 */
export function importInputSchema(json: unknown, dialect: SchemaDialect = "draft-2020-12"): ImportedSchema<z.ZodObject> {
  const result = isObject(json) ? convert(json, dialect, "input") : { note: "It declares no input schema." };
  if ("schema" in result && result.schema instanceof z.ZodObject) return { schema: result.schema, ...(result.note && { note: result.note }) };
  const note = "schema" in result ? "Its input schema is not an object schema, so any object is accepted and passed on unchecked." : `${result.note} Any object is accepted and passed on unchecked.`;
  return { schema: z.looseObject({}), note };
}

/** An output schema; one that cannot be converted becomes `unknown`, and the note says so. */
export function importOutputSchema(json: unknown, dialect: SchemaDialect = "draft-2020-12"): ImportedSchema<z.ZodType> {
  if (json === undefined) return { schema: z.unknown() };
  const result = convert(json, dialect, "output");
  if ("schema" in result) return result;
  return { schema: z.unknown(), note: result.note.replace("Its schema", "Its output schema") };
}
