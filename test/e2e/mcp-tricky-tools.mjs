// Tool definitions whose JSON Schemas are the hard cases of converting JSON
// Schema to types and validators: references, recursion, unions without a
// type, nullable forms, enums of any JSON value, tuples, open and closed
// objects, boolean subschemas, deep nesting, huge enums, and definitions a
// client must refuse. Each tool carries `valid`, arguments its own schema
// accepts, so a test can call it; `broken` tools are not valid MCP tool
// definitions at all and must be left out with a note.
//
// Served raw by registerTrickyTools (the official SDK's low-level Server),
// so no SDK on the server side rewrites or refuses them. Used by
// test/workerd/apis/mcp-tricky-import.test.ts, and by whoever wants a tricky
// MCP server (startMcpServer(registerTrickyTools) in mcp-fixture-server.mjs).
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const object = (properties, extra = {}) => ({ type: "object", properties, ...extra });

function nested(depth) {
  let schema = { type: "string" };
  for (let i = 0; i < depth; i++) schema = object({ x: schema });
  return schema;
}
function nestedValue(depth) {
  let value = "leaf";
  for (let i = 0; i < depth; i++) value = { x: value };
  return value;
}

const node = { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/$defs/node" } } }, required: ["name"] };
const manyProperties = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`field_${i}`, { type: "integer", description: `Field number ${i}.` }]));
const hugeEnum = Array.from({ length: 5000 }, (_, i) => `value_${i}`);

export const TRICKY_TOOLS = [
  { name: "ref_to_defs", inputSchema: object({ user: { $ref: "#/$defs/user" } }, { $defs: { user: object({ id: { type: "string" } }, { required: ["id"] }) }, required: ["user"] }), valid: { user: { id: "u1" } } },
  { name: "ref_to_definitions", inputSchema: object({ user: { $ref: "#/definitions/user" } }, { definitions: { user: object({ id: { type: "integer" } }) } }), valid: { user: { id: 7 } } },
  { name: "recursive_tree", inputSchema: object({ root: { $ref: "#/$defs/node" } }, { $defs: { node }, required: ["root"] }), valid: { root: { name: "a", children: [{ name: "b", children: [{ name: "c" }] }] } } },
  { name: "recursive_list", inputSchema: object({ head: { $ref: "#/$defs/cell" } }, { $defs: { cell: object({ value: { type: "number" }, next: { anyOf: [{ $ref: "#/$defs/cell" }, { type: "null" }] } }) } }), valid: { head: { value: 1, next: { value: 2, next: null } } } },
  { name: "ref_to_root", inputSchema: object({ label: { type: "string" }, child: { $ref: "#" } }), valid: { label: "a", child: { label: "b" } } },
  { name: "ref_missing", inputSchema: object({ x: { $ref: "#/$defs/nowhere" } }), valid: { x: 1 } },
  { name: "ref_remote", inputSchema: object({ x: { $ref: "https://schemas.example/thing.json" } }), valid: { x: "anything" } },
  { name: "ref_with_siblings", inputSchema: object({ when: { $ref: "#/$defs/stamp", description: "When it happened.", nullable: true } }, { $defs: { stamp: { type: "string" } } }), valid: { when: "2024-01-01" } },
  { name: "anyof_without_type", inputSchema: object({ id: { anyOf: [{ type: "string" }, { type: "number" }] } }), valid: { id: 3 } },
  { name: "oneof_objects", inputSchema: object({ shape: { oneOf: [object({ kind: { const: "circle" }, r: { type: "number" } }, { required: ["kind"] }), object({ kind: { const: "square" }, side: { type: "number" } }, { required: ["kind"] })] } }), valid: { shape: { kind: "square", side: 2 } } },
  { name: "allof_top_level_without_type", inputSchema: { type: "object", allOf: [{ properties: { a: { type: "string" } } }, { properties: { b: { type: "number" } } }] }, valid: { a: "x", b: 1 } },
  { name: "allof_member_without_type", inputSchema: object({ item: { allOf: [{ properties: { a: { type: "string" } } }, { required: ["a"] }] } }), valid: { item: { a: "x" } } },
  { name: "nullable_openapi_style", inputSchema: object({ note: { type: "string", nullable: true } }), valid: { note: null } },
  { name: "nullable_type_array", inputSchema: object({ note: { type: ["string", "null"] } }), valid: { note: null } },
  { name: "anyof_with_null", inputSchema: object({ n: { anyOf: [{ type: "integer" }, { type: "null" }] } }, { required: ["n"] }), valid: { n: null } },
  { name: "type_array_many", inputSchema: object({ v: { type: ["string", "number", "boolean"] } }), valid: { v: false } },
  { name: "enum_of_objects", inputSchema: object({ pick: { enum: [{ a: 1 }, { b: [2] }] } }), valid: { pick: { b: [2] } } },
  { name: "enum_mixed", inputSchema: object({ pick: { enum: ["a", 1, true, null] } }), valid: { pick: null } },
  { name: "enum_huge", description: "An enum of 5,000 strings.", inputSchema: object({ pick: { enum: hugeEnum } }), valid: { pick: "value_4321" } },
  { name: "const_string", inputSchema: object({ mode: { const: "fast" } }, { required: ["mode"] }), valid: { mode: "fast" } },
  { name: "const_object", inputSchema: object({ opts: { const: { deep: [1, { two: 2 }] } } }), valid: { opts: { deep: [1, { two: 2 }] } } },
  { name: "prefix_items", inputSchema: object({ pair: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }] } }), valid: { pair: ["a", 1] } },
  { name: "prefix_items_and_items", inputSchema: object({ row: { type: "array", prefixItems: [{ type: "string" }], items: { type: "number" } } }), valid: { row: ["a", 1, 2] } },
  { name: "tuple_draft7_items_array", inputSchema: object({ pair: { type: "array", items: [{ type: "string" }, { type: "boolean" }], additionalItems: false } }), valid: { pair: ["a", true] } },
  { name: "pattern_properties", inputSchema: object({ tags: { type: "object", patternProperties: { "^x-": { type: "string" } } } }), valid: { tags: { "x-a": "b" } } },
  { name: "additional_properties_true", inputSchema: object({ meta: { type: "object", additionalProperties: true } }), valid: { meta: { any: [1] } } },
  { name: "additional_properties_false", inputSchema: object({ name: { type: "string" } }, { additionalProperties: false }), valid: { name: "n" } },
  { name: "additional_properties_schema", inputSchema: object({ counts: { type: "object", additionalProperties: { type: "integer" } } }), valid: { counts: { a: 1, b: 2 } } },
  { name: "properties_and_additional_schema", inputSchema: object({ labels: object({ primary: { type: "string" } }, { additionalProperties: { type: "number" } }) }), valid: { labels: { primary: "p", other: 2 } } },
  { name: "property_true", inputSchema: object({ anything: true }), valid: { anything: { whatever: [1] } } },
  { name: "property_false", inputSchema: object({ name: { type: "string" }, never: false }), valid: { name: "n" } },
  { name: "items_true", inputSchema: object({ list: { type: "array", items: true } }), valid: { list: [1, "a", null] } },
  { name: "bare_object", inputSchema: { type: "object" }, valid: { free: "form" } },
  { name: "empty_input_schema", inputSchema: {}, valid: {} },
  { name: "deep_nesting", description: "Forty objects deep.", inputSchema: nested(40), valid: nestedValue(40) },
  { name: "wide_object", description: "Three hundred properties.", inputSchema: object(manyProperties), valid: { field_0: 0, field_299: 299 } },
  { name: "bad_regex", inputSchema: object({ code: { type: "string", pattern: "(" } }), valid: { code: "c" } },
  { name: "formats", inputSchema: object({ at: { type: "string", format: "date-time" }, mail: { type: "string", format: "email" }, id: { type: "string", format: "uuid" }, site: { type: "string", format: "uri" } }), valid: { at: "2024-01-01T00:00:00Z", mail: "a@b.example", id: "123e4567-e89b-12d3-a456-426614174000", site: "https://a.example" } },
  { name: "number_bounds", inputSchema: object({ n: { type: "number", exclusiveMinimum: 0, maximum: 10, multipleOf: 0.5 } }), valid: { n: 2.5 } },
  { name: "openapi_exclusive_boolean", inputSchema: object({ n: { type: "number", minimum: 0, exclusiveMinimum: true } }), valid: { n: 1 } },
  { name: "if_then_else", inputSchema: object({ kind: { type: "string" }, size: { type: "number" } }, { if: { properties: { kind: { const: "big" } } }, then: { required: ["size"] } }), valid: { kind: "big", size: 3 } },
  { name: "not_schema", inputSchema: object({ v: { not: { type: "string" } } }), valid: { v: 1 } },
  { name: "dependent_required", inputSchema: object({ card: { type: "string" }, cvc: { type: "string" } }, { dependentRequired: { card: ["cvc"] } }), valid: { card: "4242", cvc: "123" } },
  { name: "unevaluated_properties", inputSchema: { type: "object", allOf: [object({ a: { type: "string" } })], unevaluatedProperties: false }, valid: { a: "x" } },
  { name: "required_but_undeclared", inputSchema: object({ a: { type: "string" } }, { required: ["a", "ghost"] }), valid: { a: "x", ghost: 1 } },
  { name: "awkward_property_names", inputSchema: object({ "with space": { type: "string" }, "kebab-case": { type: "number" }, constructor: { type: "string" }, $dollar: { type: "boolean" } }), valid: { "with space": "s", "kebab-case": 1, constructor: "c", $dollar: true } },
  { name: "defaults_and_examples", inputSchema: object({ limit: { type: "integer", default: 10, examples: [5, 50] } }, { examples: [{ limit: 5 }], "x-vendor": { deep: { $ref: "#/nowhere" } } }), valid: { limit: 5 } },
  { name: "tricky_output", inputSchema: object({}), outputSchema: { type: "object", properties: { result: { anyOf: [{ type: "string" }, { $ref: "#/$defs/r" }] } }, $defs: { r: object({ ok: { type: "boolean" } }) } }, valid: {} },
  { name: "huge_description", description: "Long. ".repeat(20_000), inputSchema: object({ a: { type: "string" } }), valid: { a: "x" } },
  { name: "comment_breaker", description: "Ends the doc comment */ declare const injected: number; /* early.", inputSchema: object({ a: { type: "string", description: "*/ } declare const x: 1; /*" } }), valid: { a: "x" } },
  { name: "input_not_object_type", inputSchema: { type: "array", items: { type: "string" } }, valid: {} },
  // Not valid MCP tool definitions: left out, and named in the API's description.
  { name: 42, inputSchema: object({}), broken: "a tool whose name is not a string" },
  { name: "", inputSchema: object({}), broken: "a tool with an empty name" },
  { name: "no_input_schema", broken: "a tool without an inputSchema" },
  { name: "input_schema_is_text", inputSchema: "an object, honestly", broken: "a tool whose inputSchema is not an object" },
  { name: "ref_to_defs", inputSchema: object({}), broken: "a second tool of the same name" },
  { name: `*/ declare const leaked: 1; /* ${"n".repeat(150)}`, inputSchema: object({}), broken: "a name over 128 characters that would end a doc comment" },
];

/** Registers the tricky tools on an McpServer, raw; each call answers `{ tool, arguments }` as JSON text. */
export function registerTrickyTools(server) {
  const tools = TRICKY_TOOLS.map(({ name, description, inputSchema, outputSchema }) => ({ name, description, inputSchema, outputSchema }));
  server.server.registerCapabilities({ tools: {} });
  server.server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.server.setRequestHandler(CallToolRequestSchema, async (request) => ({
    content: [{ type: "text", text: JSON.stringify({ tool: request.params.name, arguments: request.params.arguments ?? {} }) }],
  }));
}
