import { describe, expect, it } from "vitest";
import { declareApis } from "../../../host/apis/declarations.js";
import { ConversionBudget } from "../../../host/apis/imports/conversion-budget.js";
import { convertInScope, importInputSchema, importOutputSchema, withConverter } from "../../../host/apis/imports/json-schema-to-zod.js";
import { importOpenApi } from "../../../host/apis/imports/openapi/openapi-import.js";
import { SchemaScope } from "../../../host/apis/imports/schema-scope.js";
import { strictErrors } from "./declaration-check.js";

/**
 * Stripe's shape: every level refers to the next twice (`anyOf: [string,
 * $ref, $ref]`, "expandable" fields), and each level refers to itself.
 * Inlined, level 0 is 2^LEVELS copies of the last level.
 */
const LEVELS = 40;

function stripeLike() {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < LEVELS; i++) {
    const next = i + 1 < LEVELS ? { $ref: `#/components/schemas/level_${i + 1}` } : { type: "string" };
    const deleted = i + 1 < LEVELS ? { $ref: `#/components/schemas/deleted_level_${i + 1}` } : { type: "string" };
    schemas[`level_${i}`] = {
      type: "object",
      properties: {
        id: { type: "string" },
        child: { anyOf: [{ type: "string" }, next, deleted] },
        again: { anyOf: [{ type: "string" }, next, deleted] },
        parent: { $ref: `#/components/schemas/level_${i}` },
      },
      required: ["id"],
    };
    schemas[`deleted_level_${i}`] = { type: "object", properties: { id: { type: "string" }, deleted: { type: "boolean", enum: [true] } }, required: ["id", "deleted"] };
  }
  return {
    openapi: "3.0.0",
    servers: [{ url: "https://stripe-like.example" }],
    paths: {
      "/v1/level": {
        get: { operationId: "GetLevel", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/level_0" } } } } } },
        post: {
          operationId: "PostLevel",
          requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/level_0" } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/level_0" } } } } },
        },
      },
    },
    components: { schemas },
  };
}

describe("bounded conversion", () => {
  it("imports a Stripe-like spec whose inlining is exponential: each component once, recursion kept", () => {
    const api = importOpenApi({ name: "stripeLike", egress: "demo-rates", spec: stripeLike() });
    const declared = declareApis([api.contract]);
    expect(declared.match(/interface Level0 \{/g)).toHaveLength(1);
    expect(declared.match(/interface Level39 \{/g)).toHaveLength(1);
    expect(declared).toContain("child?: string | stripeLike.Level1 | stripeLike.DeletedLevel1;");
    expect(declared).toContain("parent?: stripeLike.Level0;");
    // Linear in the spec: one interface of a few lines per component.
    expect(declared.length).toBeLessThan(400 * 2 * LEVELS);
    // Validation follows the references, however deep: a wrong id 30 levels down is refused.
    let value: Record<string, unknown> = { id: "last" };
    for (let i = 0; i < 30; i++) value = { id: `l${i}`, child: value, parent: { id: "p" } };
    const output = api.contract.methods.getLevel.output;
    expect(output.safeParse(value).success).toBe(true);
    let bad: Record<string, unknown> = { id: 7 };
    for (let i = 0; i < 30; i++) bad = { id: `l${i}`, child: bad };
    expect(output.safeParse(bad).success).toBe(false);
  });

  it("never reads x-* extensions or examples", () => {
    const trap = (schema: Record<string, unknown>) => {
      for (const key of ["x-stripeResource", "example", "examples"]) {
        Object.defineProperty(schema, key, { enumerable: true, get: () => { throw new Error(`${key} was read`); } });
      }
      return schema;
    };
    const spec = stripeLike();
    const first = spec.components.schemas.level_0 as { properties: Record<string, Record<string, unknown>> };
    trap(first);
    trap(first.properties.id);
    trap(first.properties.child);
    trap(spec.components.schemas.deleted_level_3 as Record<string, unknown>);
    expect(() => declareApis([importOpenApi({ name: "trapped", egress: "demo-rates", spec }).contract])).not.toThrow();
  });

  it("degrades only the part past the node budget, and says so", () => {
    const schema = {
      type: "object",
      properties: {
        first: { type: "string" },
        wide: { type: "object", properties: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, { type: "object", properties: { q: { type: "number" } } }])) },
      },
      required: ["first"],
    };
    const scope = withConverter(new SchemaScope(schema, new ConversionBudget(40, 10_000), []));
    const converted = convertInScope(schema, scope, "input");
    expect(converted.note).toMatch(/past this host's conversion budget \(40 nodes/);
    // Converted before the budget ran out: still checked.
    expect(converted.schema.safeParse({ first: 1 }).success).toBe(false);
    // Past it: typed unknown, not checked.
    expect(converted.schema.safeParse({ first: "a", wide: { p99: "not an object" } }).success).toBe(true);
    expect(scope.budget.spent.nodes).toBeLessThanOrEqual(41 + 100);
  });

  it("degrades only the part of an MCP tool's schema that nests too deep", () => {
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 40; i++) deep = { type: "object", properties: { x: deep } };
    const imported = importInputSchema({ type: "object", properties: { name: { type: "string" }, deep }, required: ["name"] });
    expect(imported.note).toMatch(/nests deeper than 32 levels/);
    expect(imported.schema.safeParse({ name: 3 }).success).toBe(false);
    expect(imported.schema.safeParse({ name: "n", deep: { x: { x: {} } } }).success).toBe(true);
  });

  it("keeps a recursive MCP schema recursive ($defs and #)", () => {
    const tree = { type: "object", properties: { label: { type: "string" }, children: { type: "array", items: { $ref: "#" } } }, required: ["label"] };
    const imported = importInputSchema(tree);
    expect(imported.note).toBeUndefined();
    let value: Record<string, unknown> = { label: "leaf" };
    for (let i = 0; i < 20; i++) value = { label: `n${i}`, children: [value] };
    expect(imported.schema.safeParse(value).success).toBe(true);
    let bad: Record<string, unknown> = { label: 5 };
    for (let i = 0; i < 20; i++) bad = { label: `n${i}`, children: [bad] };
    expect(imported.schema.safeParse(bad).success).toBe(false);
    const declared = declareApis([{ name: "trees", description: "Trees.", methods: { plant: { description: "Plants.", input: imported.schema, output: importOutputSchema(undefined).schema } } }]);
    expect(declared).toContain("children?: trees.Root[];");
    expect(declared.match(/interface Root \{/g)).toHaveLength(1);
  });

  it("types a schema defined through itself alone as unknown, instead of recursing forever", () => {
    const $defs = {
      alias: { $ref: "#/$defs/other" },
      other: { allOf: [{ $ref: "#/$defs/alias" }] },
      union: { anyOf: [{ type: "string" }, { $ref: "#/$defs/union" }], nullable: true },
    };
    const loops = importOutputSchema({ $defs, type: "object", properties: { a: { $ref: "#/$defs/alias" }, u: { $ref: "#/$defs/union" } } });
    expect(loops.schema.safeParse({ a: 1, u: 2 }).success).toBe(true);
    const declared = declareApis([{ name: "loops", description: "Loops.", methods: { get: { description: "Gets.", input: importInputSchema({ type: "object" }).schema, output: loops.schema } } }]);
    expect(declared).toMatch(/is defined through itself alone[\s\S]*type Union = unknown;/);
    expect(strictErrors(declared)).toEqual([]);
  });
});
