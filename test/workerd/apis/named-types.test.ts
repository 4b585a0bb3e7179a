import { describe, expect, it } from "vitest";
import { declareApis, declareSelection } from "../../../host/apis/declarations.js";
import { importTools } from "../../../host/apis/imports/mcp/source.js";
import { importOpenApi } from "../../../host/apis/imports/openapi/openapi-import.js";
import { typeNameOf } from "../../../host/apis/imports/type-names.js";
import { strictErrors } from "./declaration-check.js";

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const ok = (schema: unknown) => ({ "200": { description: "ok", ...json(schema) } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const shopSpec = {
  openapi: "3.0.3",
  servers: [{ url: "https://shop.example" }],
  paths: {
    "/orders/{id}": {
      get: { operationId: "getOrder", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: ok(ref("order")) },
      put: { operationId: "putOrder", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: { required: true, ...json(ref("order-input")) }, responses: ok(ref("order")) },
    },
    "/orders": { get: { operationId: "listOrders", responses: ok({ type: "array", items: ref("order") }) } },
    "/categories": { get: { operationId: "listCategories", responses: ok({ type: "array", items: ref("category") }) } },
  },
  components: {
    schemas: {
      order: { type: "object", description: "An order.", properties: { id: { type: "string" }, lines: { type: "array", items: ref("line") }, category: ref("category") }, required: ["id", "lines"] },
      "order-input": { type: "object", properties: { note: { type: "string" } }, required: ["note"] },
      line: { type: "object", properties: { sku: { type: "string" }, quantity: { type: "integer" } }, required: ["sku", "quantity"] },
      category: { type: "object", properties: { name: { type: "string" }, parent: ref("category"), children: { type: "array", items: ref("category") } }, required: ["name"] },
    },
  },
};

describe("named types", () => {
  it("follow one rule: PascalCase, digits prefixed", () => {
    expect(["simple-user", "payment_method.card", "IssueBean", "2fa", "", "deleted_customer"].map(typeNameOf)).toEqual([
      "SimpleUser", "PaymentMethodCard", "IssueBean", "T2fa", "T", "DeletedCustomer",
    ]);
  });

  it("declares each component once, refers to it by name, and keeps recursion recursive", () => {
    const api = importOpenApi({ name: "shop", egress: "demo-rates", spec: shopSpec });
    const declared = declareApis([api.contract]);
    expect(declared).toContain("declare namespace shop {");
    expect(declared.match(/interface Order \{/g)).toHaveLength(1);
    expect(declared.match(/interface Category \{/g)).toHaveLength(1);
    expect(declared).toContain("getOrder(input: {");
    expect(declared).toContain("}): Promise<shop.Order>;");
    expect(declared).toContain("}): Promise<shop.Order[]>;");
    expect(declared).toContain("body: shop.OrderInput;");
    expect(declared).toContain("parent?: shop.Category;");
    expect(declared).toContain("children?: shop.Category[];");
    expect(declared).toContain("/** An order. */");
    expect(strictErrors(declared)).toEqual([]);
  });

  it("gives agent code types it can name, and checks its use of them", () => {
    const declared = declareApis([importOpenApi({ name: "shop", egress: "demo-rates", spec: shopSpec }).contract]);
    const good = `const order: shop.Order = await shop.getOrder({ id: "1" });
      const names: string[] = order.lines.map((line) => line.sku);
      let category: shop.Category | undefined = order.category;
      while (category?.parent) category = category.parent;
      await shop.putOrder({ id: "1", body: { note: "x" } });
      return names;`;
    expect(strictErrors(declared, good)).toEqual([]);
    const typo = `await shop.putOrder({ id: "1", body: { note: "x", nots: "y" } });`;
    expect(strictErrors(declared, typo).join("\n")).toMatch(/TS2353.*'nots'/);
  });

  it("validates with the named types' zod: one schema per component, lazily recursive", () => {
    const api = importOpenApi({ name: "shop", egress: "demo-rates", spec: shopSpec });
    const output = api.contract.methods.listCategories.output;
    expect(output.safeParse([{ name: "a", children: [{ name: "b", parent: { name: "a" } }] }]).success).toBe(true);
    expect(output.safeParse([{ name: "a", children: [{ name: "b", parent: { name: 1 } }] }]).success).toBe(false);
    expect(api.contract.methods.putOrder.input.safeParse({ id: "1", body: { note: "x", extra: 1 } }).success).toBe(false);
  });

  it("declares a search answer's methods with only the types they reach, within a budget, and names the rest", () => {
    const api = importOpenApi({ name: "shop", egress: "demo-rates", spec: shopSpec });
    const answer = declareSelection([{ contract: api.contract, methods: ["listCategories"] }]);
    expect(answer).toContain("listCategories(input?: {}): Promise<shop.Category[]>;");
    expect(answer.match(/interface Category \{/g)).toHaveLength(1);
    expect(answer).not.toContain("interface Order");
    expect(strictErrors(answer)).toEqual([]);
    const full = declareSelection([{ contract: api.contract, methods: ["getOrder"] }], Number.POSITIVE_INFINITY);
    const budget = full.indexOf("  interface Category") + 10;
    const small = declareSelection([{ contract: api.contract, methods: ["getOrder"] }], budget);
    expect(small).toContain("interface Order {");
    expect(small).not.toContain("interface Line {");
    expect(small).not.toContain("interface Category {");
    expect(small).toContain(`// Not declared here, to keep this answer within ${budget} characters: shop.Category, shop.Line.`);
  });

  it("declares a search answer's methods while they fit, and names the ones left out (Stripe's signatures alone pass the budget)", () => {
    const wide = (prefix: string) => ({ type: "object", properties: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`${prefix}_field_${i}`, { type: "string", description: `The ${prefix} field number ${i}.` }])) });
    const paths = Object.fromEntries(
      ["alpha", "beta", "gamma"].map((name) => [
        `/${name}`,
        { post: { operationId: `create_${name}`, requestBody: { content: { "application/json": { schema: wide(name) } } }, responses: { "200": { description: "ok" } } } },
      ]),
    );
    const api = importOpenApi({ name: "wide", egress: "demo-rates", spec: { openapi: "3.0.3", servers: [{ url: "https://api.example" }], paths } });
    const methods = Object.keys(api.contract.methods);
    const one = declareSelection([{ contract: api.contract, methods: methods.slice(0, 1) }], Number.POSITIVE_INFINITY);
    const budget = one.length + 200;
    const answer = declareSelection([{ contract: api.contract, methods }], budget);
    expect(answer.length).toBeLessThanOrEqual(budget + 300);
    expect(answer).toContain(`${methods[0]}(input`);
    expect(answer).not.toContain(`${methods[1]}(input`);
    expect(answer).toContain(`// Also matching, not declared here to keep this answer within ${budget} characters: wide.${methods[1]}, wide.${methods[2]}.`);
    expect(strictErrors(answer)).toEqual([]);
    const tiny = declareSelection([{ contract: api.contract, methods }], 10);
    expect(tiny, "the first method is declared even past the budget").toContain(`${methods[0]}(input`);
  });

  it("keeps two MCP tools' $defs of the same name apart", () => {
    const item = (type: string) => ({ type: "object", properties: { item: { $ref: "#/$defs/item" } }, required: ["item"], $defs: { item: { type: "object", properties: { value: { type } }, required: ["value"] } } });
    const tools = [
      { name: "a", inputSchema: item("string") },
      { name: "b", inputSchema: item("number") },
    ];
    const api = importTools({ name: "tools", url: "https://mcp.example/mcp" }, { tools, leftOut: [], truncated: false }, async () => ({}));
    const declared = declareApis([api.contract]);
    expect(declared).toContain("a(input: {\n    item: tools.Item;");
    expect(declared).toContain("b(input: {\n    item: tools.Item2;");
    expect(strictErrors(declared, `await tools.a({ item: { value: "x" } }); await tools.b({ item: { value: 1 } });`)).toEqual([]);
    expect(api.contract.methods.b.input.safeParse({ item: { value: "x" } }).success).toBe(false);
  });
});
