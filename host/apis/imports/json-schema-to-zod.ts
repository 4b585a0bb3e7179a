import { z } from "zod";
import { describeSchema, namedTypeOf } from "../named-types.js";
import { ConversionBudget, MAX_SCHEMA_DEPTH, MAX_STANDALONE_NODES, MAX_STANDALONE_WORK } from "./conversion-budget.js";
import { jsonLiteral } from "./json-literal.js";
import { mergeAllOf } from "./merge-all-of.js";
import { withoutKeys } from "./schema-keys.js";
import { SchemaScope, type Io } from "./schema-scope.js";

/**
 * JSON Schema from an imported MCP server, OpenAPI spec or provider → zod,
 * for the bridge to validate calls with and for the declarations agents read.
 *
 * The schemas come from a peer the host does not control, so conversion is
 * bounded (host/apis/imports/conversion-budget.ts): only known keywords are
 * read (never `x-*` extensions, `example` or `examples`), every local `$ref`
 * is a named type converted once (host/apis/imports/schema-scope.ts), and a
 * part past the depth or work budget, or that cannot be read, becomes
 * `unknown` on its own, with a note. Formats are not checked; patterns are
 * checked on inputs only.
 */

export { MAX_SCHEMA_DEPTH } from "./conversion-budget.js";
/** Largest standalone schema (an MCP tool's, a provider method's) converted, in characters of JSON. */
export const MAX_SCHEMA_CHARS = 64 * 1024;

export interface ImportedSchema<T extends z.ZodType> {
  schema: T;
  /** Set when the schema was simplified or replaced; sentences for the method's doc. */
  note?: string;
}

type Json = Record<string, unknown>;

interface Context {
  readonly scope: SchemaScope;
  readonly io: Io;
  readonly depth: number;
  /** Objects here take keys they do not declare: members of an intersection each see only their share. */
  readonly open: boolean;
  readonly notes: Set<string>;
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const number = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** Converts a schema of `scope`, counting it against the scope's budget. */
export function toZod(schema: unknown, context: Context): z.ZodType {
  if (schema === true || schema === undefined) return z.unknown();
  if (schema === false) return z.never();
  if (!isObject(schema)) return z.unknown();
  if (context.depth > MAX_SCHEMA_DEPTH) {
    context.notes.add(`Its schema nests deeper than ${MAX_SCHEMA_DEPTH} levels, so the part below is typed unknown and not checked.`);
    return z.unknown();
  }
  if (!context.scope.budget.node()) return exhausted(context);
  const shape = shapeOf(schema, context);
  const nullable = schema.nullable === true ? shape.nullable() : shape;
  const extra = schema.default !== undefined && isJson(schema.default) ? { default: schema.default } : {};
  return describeSchema(nullable, typeof schema.description === "string" ? schema.description : undefined, extra);
}

function exhausted(context: Context): z.ZodType {
  context.notes.add(context.scope.budget.exhaustedNote);
  return z.unknown();
}

const isJson = (value: unknown) => value === null || ["string", "number", "boolean"].includes(typeof value);
const child = (context: Context, open = false): Context => ({ ...context, depth: context.depth + 1, open });

function shapeOf(schema: Json, context: Context): z.ZodType {
  if (typeof schema.$ref === "string") {
    const reference = context.scope.reference(schema.$ref, context.io);
    if (reference === undefined) context.notes.add(`Its schema refers to ${JSON.stringify(schema.$ref.slice(0, 100))}, which this host cannot resolve, so that part is not checked.`);
    return reference ?? z.unknown();
  }
  if (schema.const !== undefined) return jsonLiteral(schema.const);
  if (Array.isArray(schema.enum)) {
    if (!context.scope.budget.work(schema.enum.length)) return exhausted(context);
    const members = schema.enum.map(jsonLiteral);
    return members.length === 0 ? z.never() : members.length === 1 ? members[0] : z.union(members);
  }
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
  if (alternatives !== undefined) {
    if (!context.scope.budget.work(alternatives.length)) return exhausted(context);
    const members = alternatives.map((member) => toZod(member, child(context)));
    const union = members.length === 0 ? z.unknown() : members.length === 1 ? members[0] : z.union(members);
    const rest = withoutKeys(schema, ["anyOf", "oneOf", "description", "nullable"]);
    // Keywords beside the alternatives ("type": "object" with "properties") also apply.
    return hasShape(rest) ? z.intersection(shapeOf(rest, child(context, true)), union) : union;
  }
  if (Array.isArray(schema.allOf)) return allOf(schema, context);
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((type): type is string => typeof type === "string");
    const members = types.map((type) => shapeOf({ ...withoutKeys(schema, ["type"]), type }, context));
    return members.length === 0 ? z.unknown() : members.length === 1 ? members[0] : z.union(members);
  }
  switch (schema.type) {
    case "string":
      return stringOf(schema, context);
    case "number":
    case "integer":
      return numberOf(schema);
    case "boolean":
      return z.boolean();
    case "null":
      return z.null();
    case "array":
      return arrayOf(schema, context);
    case "object":
      return objectOf(schema, context);
  }
  if (schema.type === undefined && (isObject(schema.properties) || schema.additionalProperties !== undefined)) return objectOf(schema, context);
  if (schema.type === undefined && (schema.items !== undefined || Array.isArray(schema.prefixItems))) return arrayOf(schema, context);
  return z.unknown();
}

/** Whether a schema says anything about a value's shape, beyond annotations. */
function hasShape(schema: Json): boolean {
  return ["$ref", "type", "properties", "additionalProperties", "items", "prefixItems", "enum", "const", "anyOf", "oneOf", "allOf"].some((key) => schema[key] !== undefined);
}

function allOf(schema: Json, context: Context): z.ZodType {
  const members = (schema.allOf as unknown[]).filter((member) => !isObject(member) || hasShape(member));
  const rest = withoutKeys(schema, ["allOf", "description", "nullable"]);
  if (members.length === 1 && !hasShape(rest)) return toZod(members[0], child(context, context.open));
  const merged = mergeAllOf(schema, context.scope);
  if (merged !== undefined) return objectOf(merged, context);
  const parts = [...members, ...(hasShape(rest) ? [rest] : [])].map((member) => toZod(member, child(context, true)));
  return parts.length === 0 ? z.unknown() : parts.reduce((left, right) => z.intersection(left, right));
}

function stringOf(schema: Json, context: Context): z.ZodType {
  let string = z.string();
  const min = number(schema.minLength);
  const max = number(schema.maxLength);
  if (min !== undefined) string = string.min(min);
  if (max !== undefined) string = string.max(max);
  if (typeof schema.pattern === "string" && context.io === "input") {
    try {
      string = string.regex(new RegExp(schema.pattern, "u"));
    } catch {
      context.notes.add("Some constraints of its schema (patterns, formats, conditionals) are not checked here.");
    }
  }
  return string;
}

function numberOf(schema: Json): z.ZodType {
  let value = schema.type === "integer" ? z.number().int() : z.number();
  const minimum = number(schema.minimum);
  const maximum = number(schema.maximum);
  if (number(schema.exclusiveMinimum) !== undefined) value = value.gt(number(schema.exclusiveMinimum)!);
  else if (minimum !== undefined) value = schema.exclusiveMinimum === true ? value.gt(minimum) : value.gte(minimum);
  if (number(schema.exclusiveMaximum) !== undefined) value = value.lt(number(schema.exclusiveMaximum)!);
  else if (maximum !== undefined) value = schema.exclusiveMaximum === true ? value.lt(maximum) : value.lte(maximum);
  return value;
}

function arrayOf(schema: Json, context: Context): z.ZodType {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : undefined;
  if (prefix !== undefined) {
    if (!context.scope.budget.work(prefix.length)) return exhausted(context);
    const restSchema = Array.isArray(schema.prefixItems) ? schema.items : schema.additionalItems;
    const items = prefix.map((item) => toZod(item, child(context)));
    return restSchema === false ? z.tuple(items as [z.ZodType]) : z.tuple(items as [z.ZodType], toZod(restSchema, child(context)));
  }
  let array = z.array(toZod(schema.items, child(context)));
  const min = number(schema.minItems);
  const max = number(schema.maxItems);
  if (min !== undefined) array = array.min(min);
  if (max !== undefined) array = array.max(max);
  return array;
}

/**
 * An object. Extra keys: `additionalProperties` decides when given, except
 * that `false` closes only an input (a service that adds a field to its
 * answer has not broken it); with `patternProperties`, extra keys of any
 * value pass (the patterns are not checked); otherwise an input object
 * takes none, so typos are caught, and an output object or one that
 * declares no properties at all takes any.
 */
function objectOf(schema: Json, context: Context): z.ZodType {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const names = Object.keys(properties);
  if (!context.scope.budget.work(names.length)) return exhausted(context);
  const shape: Record<string, z.ZodType> = {};
  for (const name of names) {
    const property = toZod(properties[name], child(context));
    shape[name] = required.has(name) ? property : property.optional();
  }
  const extra = schema.additionalProperties;
  if (extra === false) return context.io === "input" ? z.strictObject(shape) : z.looseObject(shape);
  if (extra === true || isObject(extra)) return z.object(shape).catchall(toZod(extra, child(context)));
  if (isObject(schema.patternProperties)) return z.looseObject(shape);
  const closed = context.io === "input" && !context.open && names.length > 0;
  return closed ? z.strictObject(shape) : z.looseObject(shape);
}

/** A scope for one standalone schema, whose `$defs` and `definitions` become its named types. */
export function standaloneScope(json: unknown): SchemaScope {
  return withConverter(new SchemaScope(json, new ConversionBudget(MAX_STANDALONE_NODES, MAX_STANDALONE_WORK), ["#/$defs/", "#/definitions/"]));
}

/** Makes `scope` build its named types with this converter. */
export function withConverter(scope: SchemaScope): SchemaScope {
  scope.useBuilder((schema, io, notes) => toZod(schema, { scope, io, depth: 0, open: false, notes }));
  return scope;
}

/** Converts one schema of `scope`, builds the named types it reaches, and says what was degraded. */
export function convertInScope(json: unknown, scope: SchemaScope, io: Io): ImportedSchema<z.ZodType> {
  const notes = new Set<string>();
  const schema = toZod(json, { scope, io, depth: 0, open: false, notes });
  scope.drain();
  return notes.size === 0 ? { schema } : { schema, note: [...notes].join(" ") };
}

function standalone(json: unknown, io: Io): ImportedSchema<z.ZodType> | { note: string } {
  let text: string;
  try {
    text = JSON.stringify(json) ?? "";
  } catch {
    return { note: "Its schema could not be read, so it is not checked." };
  }
  if (text.length > MAX_SCHEMA_CHARS) return { note: `Its schema is ${text.length} characters of JSON, over this host's ${MAX_SCHEMA_CHARS}, so it is not checked.` };
  return convertInScope(json, standaloneScope(json), io);
}

/**
 * An input schema: always a zod object, as a method's input must be. A
 * schema that is not an object, or cannot be read, becomes "any object",
 * and the note says so.
 */
export function importInputSchema(json: unknown): ImportedSchema<z.ZodObject> {
  const result = isObject(json) ? standalone(json, "input") : { note: "It declares no input schema." };
  if ("schema" in result) {
    const named = namedTypeOf(result.schema);
    const object = named === undefined ? result.schema : named.definition();
    if (object instanceof z.ZodObject) return { schema: object, ...(result.note && { note: result.note }) };
  }
  const note = "schema" in result ? "Its input schema is not an object schema, so any object is accepted and passed on unchecked." : `${result.note} Any object is accepted and passed on unchecked.`;
  return { schema: z.looseObject({}), note: [("schema" in result && result.note) || "", note].filter(Boolean).join(" ") };
}

/** An output schema; one that cannot be read becomes `unknown`, and the note says so. */
export function importOutputSchema(json: unknown): ImportedSchema<z.ZodType> {
  if (json === undefined) return { schema: z.unknown() };
  const result = standalone(json, "output");
  if ("schema" in result) return result;
  return { schema: z.unknown(), note: result.note.replace("Its schema", "Its output schema") };
}
