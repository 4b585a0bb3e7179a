import { describe, expect, it } from "vitest";
import { searchApis } from "../../../host/apis/search.js";
import { declareApis } from "../../../host/apis/declarations.js";
import { importOpenApi } from "../../../host/apis/imports/openapi/openapi-import.js";
import { DEMO_OPENAPI_IMPORTS } from "../../../host/demo/openapi-imports.js";
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
    expect(Object.keys(api.contract.methods)).toEqual(["orders.update"]);
    expect(api.contract.aliases).toEqual({ orders_update: "orders.update" });
    const method = api.contract.methods["orders.update"];
    expect(method.input.safeParse({ orderId: 7, body: { note: "x" } }).success).toBe(true);
    expect(method.input.safeParse({ orderId: "7", body: { note: "x" } }).success).toBe(false);
    expect(method.input.safeParse({ orderId: 7 }).success).toBe(false);
    expect(api.contract.egress).toEqual(["demo-rates"]);
    expect(declareApis([api.contract])).toMatch(/declare const shop: \{\n {2}orders: \{\n(?: {4}.*\n)* {4}update\(input: \{/);
  });

  it("refuses what is not OpenAPI 3, and a name agent code could not use", () => {
    expect(() => importOpenApi({ name: "old", egress: "demo-rates", spec: { swagger: "2.0" } })).toThrow(/not an OpenAPI 3 document/);
    expect(() => importOpenApi({ name: "my-api", egress: "demo-rates", spec: bigSpec(1) })).toThrow(/JavaScript identifier/);
  });

  it("keeps a spec of 1,200 operations usable through search", () => {
    const api = importOpenApi({ name: "big", egress: "demo-rates", spec: bigSpec(1200) });
    expect(Object.keys(api.contract.methods)).toHaveLength(1200);
    const found = searchApis([api], "refund 1198");
    expect(found.hits.map((h) => h.method)).toEqual(["getRefund1198"]);
    expect(found.declarations.length).toBeLessThan(2000);
    expect(declareApis([api.contract]).length).toBeGreaterThan(100 * found.declarations.length);
  });
});

describe("the bundled exchange import, end to end", () => {
  it("calls the upstream through the egress gateway, which injects the credential and scrubs it", async () => {
    const response = await execute({
      code: `const rates = await exchange.getLatestRates({ base: "USD", symbols: ["EUR", "GBP"] });
       const echoed = await exchange.echo.request({ body: { hello: 1 } });
       return { rates, authorized: echoed.authorized, auth: echoed.headers?.authorization };`,
      apis: ["exchange"],
    });
    expect(response).toMatchObject({ ok: true, result: { rates: { base: "USD" }, authorized: true, auth: "Bearer [REDACTED]" } });
    expect(Object.keys((response.result as { rates: { rates: object } }).rates.rates)).toEqual(["EUR", "GBP"]);
    expect(JSON.stringify(response)).not.toContain(CANARY);
    expect(response.stats.egress.map((r) => `${r.method} ${r.host} ${r.status}`)).toEqual(["GET rates.demo.invalid 200", "POST rates.demo.invalid 200"]);
  });

  it("reports an upstream error status as an Error with the status", async () => {
    const api = importOpenApi(DEMO_OPENAPI_IMPORTS[0]);
    const notFound = { fetch: async () => Response.json({ error: "Unknown currency XYZ" }, { status: 404 }) };
    await expect(Promise.resolve(api.handlers.getLatestRates({} as never, notFound))).rejects.toThrow(/GET \/v1\/latest answered HTTP 404: .*Unknown currency XYZ/);
  });

  it("answers to the old names for one release: they type-check, run, and warn once each", async () => {
    const response = await execute({
      code: `const a = await exchange.get_latest_rates({ base: "USD", symbols: ["EUR"] });
       const b = await exchange.get_latest_rates({ symbols: ["GBP"] });
       const echoed = await exchange.echo_request({ body: {} });
       return [Object.keys(a.rates), Object.keys(b.rates), echoed.authorized];`,
      apis: ["exchange"],
    });
    expect(response).toMatchObject({ ok: true, result: [["EUR"], ["GBP"], true] });
    expect(response.logs.filter((e) => e.level === "warn").map((e) => e.message)).toEqual([
      "exchange.get_latest_rates is the old name of exchange.getLatestRates; use the new name, the old one goes away in the next release.",
      "exchange.echo_request is the old name of exchange.echo.request; use the new name, the old one goes away in the next release.",
    ]);
  });

  it("sends a call to an unknown member of a group to the host, which names the group's methods", async () => {
    const response = await execute({
      code: `const group = exchange.echo as any;
       const shape = [String(group), group.then === undefined, Object.isFrozen(group), Reflect.set(group, "request", 1), Object.keys(group)];
       try { await group.nope({}); return null; } catch (e) { return [...shape, (e as Error).name, (e as Error).message]; }`,
      apis: ["exchange"],
    });
    expect(response.result).toEqual(["[API exchange.echo]", true, true, false, ["request"], "TypeError", "exchange.echo.nope is not a method. Methods of exchange.echo: echo.request."]);
  });
});

describe("query parameters", () => {
  const spec = (style: Record<string, unknown>) => ({
    openapi: "3.0.0",
    servers: [{ url: "https://q.example" }],
    paths: {
      "/items": {
        get: {
          operationId: "list",
          parameters: [
            { name: "ids", in: "query", ...style, schema: { type: "array", items: { type: "integer" } } },
            { name: "filter", in: "query", style: "deepObject", schema: { type: "object", properties: { color: { type: "string" } } } },
          ],
          responses: { "200": { description: "ok" } },
        },
      },
    },
  });
  async function urlOf(style: Record<string, unknown>, input: Record<string, unknown>): Promise<string> {
    let seen = "";
    const context = { fetch: async (target: RequestInfo | URL) => ((seen = String(target)), new Response("null")) };
    await importOpenApi({ name: "q", egress: "demo-rates", spec: spec(style) }).handlers.list(input as never, context);
    return seen;
  }

  it("serializes arrays as the parameter's style and explode say", async () => {
    expect(await urlOf({}, { ids: [1, 2] })).toBe("https://q.example/items?ids=1&ids=2");
    expect(await urlOf({ style: "form", explode: false }, { ids: [1, 2] })).toBe("https://q.example/items?ids=1,2");
    expect(await urlOf({ style: "pipeDelimited", explode: false }, { ids: [1, 2] })).toBe("https://q.example/items?ids=1|2");
    expect(await urlOf({}, { filter: { color: "red" } })).toBe("https://q.example/items?filter%5Bcolor%5D=red");
  });
});
