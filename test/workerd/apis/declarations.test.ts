import { describe, expect, it } from "vitest";
import { call } from "../helpers.js";

describe("GET /v1/types", () => {
  it("serves the demo declarations as TypeScript (snapshot)", async () => {
    const response = await call("/v1/types");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/typescript; charset=utf-8");
    await expect(await response.text()).toMatchFileSnapshot("./__snapshots__/demo-apis.d.ts");
  });

  it("narrows to the APIs named in ?apis=", async () => {
    const text = await (await call("/v1/types?apis=math")).text();
    expect(text).toContain("declare const math: {");
    expect(text).not.toContain("declare const catalog");
    expect(text).toContain("Write TypeScript: the body of an async function.");
  });

  it("carries descriptions as doc comments and includes output types", async () => {
    const text = await (await call("/v1/types?apis=catalog")).text();
    expect(text).toContain("Finds products by text, category and price range");
    expect(text).toContain("Page size, 1 to 50; default 10.");
    expect(text).toContain('categories(input?: {}): Promise<("camping" | "climbing" | "electronics" | "kitchen" | "apparel" | "books")[]>;');
    expect(text).toMatch(/get\(input: \{[\s\S]*?\}\): Promise<\{[\s\S]*?\} \| null>;/);
  });
});

describe("GET /v1/apis", () => {
  it("lists the APIs with descriptions and method names", async () => {
    const body = (await (await call("/v1/apis")).json()) as { apis: { name: string; description: string; methods: { name: string }[] }[] };
    expect(body.apis.map((a) => a.name)).toEqual(["catalog", "exchange", "math", "orders", "rates", "weather"]);
    expect(body.apis[2].methods.map((m) => m.name)).toEqual(["add", "stats"]);
    expect(body.apis[0].description).toContain("catalog");
  });
});
