import { describe, expect, it } from "vitest";
import { declareApis } from "../../../host/apis/declarations.js";
import { importInputSchema, importOutputSchema } from "../../../host/apis/imports/json-schema-to-zod.js";
import { importOpenApi } from "../../../host/apis/imports/openapi/openapi-import.js";
import { strictErrors } from "./declaration-check.js";

/** One operation's spec, with the given request body content and 200 response schema. */
function operationSpec(requestBody: unknown, response: unknown = { type: "object" }, schemas: Record<string, unknown> = {}) {
  return {
    openapi: "3.0.3",
    servers: [{ url: "https://api.example" }],
    paths: { "/call": { post: { operationId: "call", requestBody, responses: { "200": { description: "ok", content: { "application/json": { schema: response } } } } } } },
    components: { schemas },
  };
}

/** Runs the method's handler against a fake upstream; returns the request it sent. */
async function sentRequest(api: ReturnType<typeof importOpenApi>, input: unknown): Promise<Request> {
  let sent: Request | undefined;
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    sent = new Request(url, init);
    return Response.json({});
  };
  await (api.handlers.call as (input: unknown, context: { fetch: typeof fetch }) => Promise<unknown>)(input, { fetch });
  return sent!;
}

const slackBody = {
  type: "object",
  properties: { channel: { type: "string" }, text: { type: "string" }, blocks: { type: "array", items: { type: "object", properties: { type: { type: "string" } } } } },
  required: ["channel"],
};

describe("faithful conversion of real-world schemas", () => {
  it("keeps a form-encoded body (Slack's chat.postMessage), checks it and sends it form-encoded", async () => {
    const api = importOpenApi({ name: "slack", egress: "demo-rates", spec: operationSpec({ required: true, content: { "application/x-www-form-urlencoded": { schema: slackBody } } }) });
    const input = api.contract.methods.call.input;
    expect(input.safeParse({ body: { channel: "C1", text: "hi" } }).success).toBe(true);
    expect(input.safeParse({ body: { text: "hi" } }).success).toBe(false);
    expect(declareApis([api.contract])).toMatch(/body: \{\n\s+channel: string;/);
    const request = await sentRequest(api, { body: { channel: "C1", text: "hi there", blocks: [{ type: "section" }] } });
    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(decodeURIComponent(await request.text())).toBe("channel=C1&text=hi+there&blocks[0][type]=section");
  });

  it("keeps a multipart body and sends it as multipart/form-data", async () => {
    const schema = { type: "object", properties: { title: { type: "string" }, content: { type: "string" } }, required: ["content"] };
    const api = importOpenApi({ name: "files", egress: "demo-rates", spec: operationSpec({ content: { "multipart/form-data": { schema } } }) });
    expect(api.contract.methods.call.input.safeParse({ body: { title: "t" } }).success).toBe(false);
    const request = await sentRequest(api, { body: { title: "t", content: "hello" } });
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect([form.get("title"), form.get("content")]).toEqual(["t", "hello"]);
  });

  it("declares properties beside additionalProperties without TS2411", () => {
    const schema = { type: "object", properties: { issues: { type: "string" }, count: { type: "integer" } }, additionalProperties: { type: "string" } };
    const api = importOpenApi({ name: "labels", egress: "demo-rates", spec: operationSpec(undefined, schema) });
    const declared = declareApis([api.contract]);
    expect(strictErrors(declared)).toEqual([]);
    expect(api.contract.methods.call.output.safeParse({ issues: "a", count: 1, other: "b" }).success).toBe(true);
    expect(api.contract.methods.call.output.safeParse({ issues: "a", other: 2 }).success).toBe(false);
  });

  it("keeps nullable and the description on a reference", () => {
    const response = { type: "object", properties: { owner: { $ref: "#/components/schemas/user", nullable: true, description: "Who owns it." } }, required: ["owner"] };
    const api = importOpenApi({ name: "repos", egress: "demo-rates", spec: operationSpec(undefined, response, { user: { type: "object", properties: { login: { type: "string" } }, required: ["login"] } }) });
    const output = api.contract.methods.call.output;
    expect(output.safeParse({ owner: null }).success).toBe(true);
    expect(output.safeParse({ owner: { login: "a" } }).success).toBe(true);
    expect(output.safeParse({ owner: { login: 1 } }).success).toBe(false);
    const declared = declareApis([api.contract]);
    expect(declared).toContain("/** Who owns it. */");
    expect(declared).toMatch(/owner: \S+ \| null;/);
  });

  it("keeps nullable on a scalar", () => {
    const imported = importInputSchema({ type: "object", properties: { due: { type: "string", nullable: true } }, required: ["due"] });
    expect(imported.schema.safeParse({ due: null }).success).toBe(true);
    expect(imported.schema.safeParse({ due: "2024-01-01" }).success).toBe(true);
    expect(imported.schema.safeParse({ due: 3 }).success).toBe(false);
  });

  it("takes enum and const members of any JSON value", () => {
    const imported = importInputSchema({
      type: "object",
      properties: { shape: { enum: [{ kind: "circle" }, [1, 2], "plain", null] }, fixed: { const: { a: [1] } } },
      required: ["shape"],
    });
    const check = (value: unknown) => imported.schema.safeParse(value).success;
    expect([check({ shape: { kind: "circle" } }), check({ shape: [1, 2] }), check({ shape: "plain" }), check({ shape: null })]).toEqual([true, true, true, true]);
    expect([check({ shape: { kind: "square" } }), check({ shape: [2, 1] }), check({ shape: "other" })]).toEqual([false, false, false]);
    expect([check({ shape: "plain", fixed: { a: [1] } }), check({ shape: "plain", fixed: { a: [2] } })]).toEqual([true, false]);
    const declared = declareApis([{ name: "shapes", description: "Shapes.", methods: { draw: { description: "Draws.", input: imported.schema, output: importOutputSchema(undefined).schema } } }]);
    expect(declared).toContain("readonly kind: \"circle\";");
    expect(strictErrors(declared, `await shapes.draw({ shape: { kind: "circle" } }); await shapes.draw({ shape: [1, 2] });`)).toEqual([]);
  });

  it("lets { type: \"object\" } take any keys", () => {
    const imported = importInputSchema({ type: "object", properties: { metadata: { type: "object" } } });
    expect(imported.schema.safeParse({ metadata: { order: 6, note: "x" } }).success).toBe(true);
    expect(imported.schema.safeParse({ metadata: "x" }).success).toBe(false);
  });

  it("closes an object with additionalProperties: false on input only: an answer with a new field passes", () => {
    const closed = { type: "object", properties: { body: { type: "string" } }, required: ["body"], additionalProperties: false };
    expect(importInputSchema(closed).schema.safeParse({ body: "x", bdy: "typo" }).success).toBe(false);
    const output = importOutputSchema(closed).schema;
    expect(output.safeParse({ body: "x", authorAccountId: "5b10" }).success).toBe(true);
    expect(output.safeParse({ authorAccountId: "5b10" }).success, "the declared fields are still checked").toBe(false);
  });

  it("keeps items after prefixItems", () => {
    const imported = importInputSchema({ type: "object", properties: { row: { type: "array", prefixItems: [{ type: "number" }], items: { type: "string" } } } });
    expect(imported.schema.safeParse({ row: [1, "a", "b"] }).success).toBe(true);
    expect(imported.schema.safeParse({ row: [1, 2] }).success).toBe(false);
    const declared = declareApis([{ name: "rows", description: "Rows.", methods: { put: { description: "Puts.", input: imported.schema, output: importOutputSchema(undefined).schema } } }]);
    expect(declared).toContain("row?: [\n      number,\n      ...string[]\n    ];");
  });

  it("merges allOf members without type into one closed object", () => {
    const schema = { allOf: [{ properties: { title: { type: "string" } }, required: ["title"] }, { description: "Extra fields." }, { properties: { labels: { type: "array", items: { type: "string" } } } }] };
    const api = importOpenApi({ name: "issues", egress: "demo-rates", spec: operationSpec({ required: true, content: { "application/json": { schema } } }) });
    const input = api.contract.methods.call.input;
    expect(input.safeParse({ body: { title: "t", labels: ["bug"] } }).success).toBe(true);
    expect(input.safeParse({ body: { title: "t", labels: [1] } }).success).toBe(false);
    expect(input.safeParse({ body: { title: "t", lables: ["bug"] } }).success).toBe(false);
    const declared = declareApis([api.contract]);
    expect(declared).toContain("body: {\n      title: string;\n      labels?: string[];\n    };");
    expect(strictErrors(declared, `await issues.call({ body: { title: "t", lables: ["bug"] } });`).join("\n")).toMatch(/TS(2353|2561).*'lables'/);
  });

  it("follows draft-7 definitions refs instead of giving up on the whole input", () => {
    const imported = importInputSchema({
      type: "object",
      definitions: { point: { type: "object", properties: { x: { type: "number" }, y: { type: "number" } }, required: ["x", "y"] } },
      properties: { from: { $ref: "#/definitions/point" }, to: { $ref: "#/definitions/point" } },
      required: ["from"],
    });
    expect(imported.note).toBeUndefined();
    expect(imported.schema.safeParse({ from: { x: 1, y: 2 } }).success).toBe(true);
    expect(imported.schema.safeParse({ from: { x: 1 } }).success).toBe(false);
    expect(imported.schema.safeParse({ anything: 1 }).success).toBe(false);
  });

  it("lets patternProperties loosen only their own object", () => {
    const imported = importInputSchema({
      type: "object",
      properties: { name: { type: "string" }, labels: { type: "object", patternProperties: { "^[a-z]+$": { type: "string" } } } },
      required: ["name"],
    });
    expect(imported.schema.safeParse({ name: "n", labels: { team: "core", Other: 1 } }).success).toBe(true);
    expect(imported.schema.safeParse({ name: 1 }).success).toBe(false);
    expect(imported.schema.safeParse({ name: "n", nmae: "typo" }).success).toBe(false);
    const top = importInputSchema({ type: "object", properties: { name: { type: "string" } }, patternProperties: { "^x-": { type: "string" } }, required: ["name"] });
    expect(top.schema.safeParse({ name: "n", "x-trace": "t" }).success).toBe(true);
    expect(top.schema.safeParse({ name: 1 }).success).toBe(false);
  });
});
