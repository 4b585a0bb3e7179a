import { describe, expect, it } from "vitest";
import { searchApis } from "../../../host/apis/search.js";
import { declareApis } from "../../../host/apis/declarations.js";
import { importOpenApi } from "../../../host/apis/imports/openapi/openapi-import.js";
import { execute } from "../helpers.js";
import { CANARY } from "../egress/egress-helpers.js";

function bigSpec(operations: number) {
  const paths: Record<string, unknown> = {};
  const nouns = ["account", "invoice", "order", "shipment", "ticket", "user", "refund", "coupon"];
  for (let i = 0; i < operations; i++) {
    const noun = nouns[i % nouns.length];
    paths[`/v1/${noun}s/${i}/{id}`] = {
      get: {
        operationId: `get-${noun}-${i}`,
        summary: `Reads ${noun} variant ${i}.`,
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Big" },
    servers: [{ url: "https://big.example" }],
    paths,
    components: { schemas: { Item: { type: "object", properties: { id: { type: "string" } }, required: ["id"] } } },
  };
}

describe("importOpenApi", () => {
  it("turns operations into typed methods: parameters and body in, the 2xx schema out", () => {
    const api = importOpenApi({
      name: "shop",
      egress: "demo-rates",
      spec: {
        openapi: "3.0.0",
        servers: [{ url: "https://shop.example/api" }],
        paths: {
          "/orders/{orderId}": {
            parameters: [{ name: "orderId", in: "path", required: true, schema: { type: "integer" } }],
            put: {
              operationId: "orders.update",
              parameters: [{ name: "dryRun", in: "query", schema: { type: "boolean" } }],
              requestBody: { required: true, content: { "application/json": { schema: { type: "object", properties: { note: { type: "string" } }, required: ["note"] } } } },
              responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { ok: { type: "boolean" } } } } } } },
            },
          },
        },
      },
    });
    expect(Object.keys(api.contract.methods)).toEqual(["orders_update"]);
    const method = api.contract.methods.orders_update;
    expect(method.input.safeParse({ orderId: 7, body: { note: "x" } }).success).toBe(true);
    expect(method.input.safeParse({ orderId: "7", body: { note: "x" } }).success).toBe(false);
    expect(method.input.safeParse({ orderId: 7 }).success).toBe(false);
    expect(api.contract.egress).toEqual(["demo-rates"]);
    expect(declareApis([api.contract])).toContain("orders_update(input: {");
  });

  it("refuses what is not OpenAPI 3, and a name agent code could not use", () => {
    expect(() => importOpenApi({ name: "old", egress: "demo-rates", spec: { swagger: "2.0" } })).toThrow(/not an OpenAPI 3 document/);
    expect(() => importOpenApi({ name: "my-api", egress: "demo-rates", spec: bigSpec(1) })).toThrow(/JavaScript identifier/);
  });

  it("keeps a spec of 1,200 operations usable through search", () => {
    const api = importOpenApi({ name: "big", egress: "demo-rates", spec: bigSpec(1200) });
    expect(Object.keys(api.contract.methods)).toHaveLength(1200);
    const found = searchApis([api], "refund 1198");
    expect(found.hits.map((h) => h.method)).toEqual(["get_refund_1198"]);
    expect(found.declarations.length).toBeLessThan(2000);
    expect(declareApis([api.contract]).length).toBeGreaterThan(100 * found.declarations.length);
  });
});

describe("the bundled exchange import, end to end", () => {
  it("calls the upstream through the egress gateway, which injects the credential and scrubs it", async () => {
    const response = await execute({
      code: `const rates = await exchange.get_latest_rates({ base: "USD", symbols: "EUR" });
       const echoed = await exchange.echo_request({ body: { hello: 1 } });
       return { rates, authorized: echoed.authorized, auth: echoed.headers?.authorization };`,
      apis: ["exchange"],
    });
    expect(response).toMatchObject({ ok: true, result: { rates: { base: "USD", rates: { EUR: expect.any(Number) } }, authorized: true, auth: "Bearer [REDACTED]" } });
    expect(JSON.stringify(response)).not.toContain(CANARY);
    expect(response.stats.egress.map((r) => `${r.method} ${r.host} ${r.status}`)).toEqual(["GET rates.demo.invalid 200", "POST rates.demo.invalid 200"]);
  });

  it("reports an upstream error status as an Error with the status", async () => {
    const response = await execute({ code: `return await exchange.get_latest_rates({ symbols: "XYZ" });`, apis: ["exchange"] });
    expect(response.error?.message).toMatch(/GET \/v1\/latest answered HTTP 404: .*Unknown currency XYZ/);
  });
});
