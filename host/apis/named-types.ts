import { z } from "zod";

/**
 * Named types: a schema an import gives a name (an OpenAPI component, a JSON
 * Schema `$defs` entry), built once, and referred to everywhere else through
 * a `z.lazy` reference, so that recursion stays recursion and a schema used
 * by a thousand operations exists once.
 *
 * Contract with whoever prints JSON Schema from zod (host/apis/declarations.ts):
 * `z.toJSONSchema` does not descend into a reference. It prints
 * `{ "$ref": "#/$named/<key>" }` instead, and `namedTypeOf` maps the
 * reference's zod schema (as seen by toJSONSchema's `override` hook) to the
 * type, whose definition is printed once, under its name.
 */
export interface NamedType {
  /** Unique in this isolate; what the printed `$ref` carries. */
  readonly key: string;
  /** PascalCase and unique within its import (host/apis/imports/type-names.ts). */
  readonly name: string;
  /** The definition to declare: the input variant (closed objects stay closed in the printed type). */
  definition(): z.ZodType;
}

/** Where a printed reference to a named type points; the key follows. */
export const NAMED_REF_PREFIX = "#/$named/";

const types = new WeakMap<z.ZodType, NamedType>();
let serial = 0;

/** A fresh, unique key for a named type. */
export function newNamedTypeKey(): string {
  serial += 1;
  return String(serial);
}

/**
 * A reference to `type` that validates with `resolve()` (called lazily, at
 * the first parse) and prints as a `$ref` to the type.
 */
export function namedReference(type: NamedType, resolve: () => z.ZodType): z.ZodType {
  const reference = z.lazy(resolve);
  reference._zod.toJSONSchema = () => ({ $ref: NAMED_REF_PREFIX + type.key });
  types.set(reference, type);
  return reference;
}

/** The named type `schema` refers to, when it is a reference made by namedReference. */
export function namedTypeOf(schema: unknown): NamedType | undefined {
  return typeof schema === "object" && schema !== null ? types.get(schema as z.ZodType) : undefined;
}

/**
 * `schema` with `meta` (a description, a default). A reference is wrapped
 * first: zod's meta clones a schema, and a clone of a reference would print
 * the whole named type inline.
 */
export function describeSchema(schema: z.ZodType, description: string | undefined, extra: Record<string, unknown> = {}): z.ZodType {
  const meta = { ...(description ? { description } : {}), ...extra };
  if (Object.keys(meta).length === 0) return schema;
  return (types.has(schema) ? z.union([schema]) : schema).meta(meta);
}
