import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";

describe("POST /v1/execute", () => {
  it("runs code that calls an API and returns the result", async () => {
    const response = await execute({ code: "const sum = await math.add({ a: 2, b: 40 });\nreturn { sum };" });
    expect(response).toMatchObject({ ok: true, result: { sum: 42 }, logs: [], stats: { apiCalls: 1, wallMs: expect.any(Number) } });
  });

  it("accepts a single async arrow function and calls it", async () => {
    const response = await execute({ code: "async () => {\n  return (await math.stats({ values: [1, 2, 3, 4] })).median;\n}" });
    expect(response).toMatchObject({ ok: true, result: 2.5 });
  });

  it("accepts one `export default` function, calls it, and reports lines of the sent text", async () => {
    const response = await execute({ code: "export default async function main() {\n  return await math.add({ a: 1, b: 2 });\n}" });
    expect(response).toMatchObject({ ok: true, result: 3 });
    const thrown = await execute({ code: "export default async () => {\n  const x = 1;\n  throw new Error('exported');\n}" });
    expect(thrown.error).toMatchObject({ name: "Error", message: "exported", line: 3, column: 9 });
    const mistyped = await execute({ code: "export default async function main() {\n  const n: number = 'one';\n}" });
    expect(mistyped.diagnostics?.[0]).toMatchObject({ line: 2, column: 9, code: 2322 });
  });

  it("accepts code inside a markdown fence and reports lines of the sent text", async () => {
    const response = await execute({ code: "```ts\nconst x = 1;\nthrow new Error('fenced');\n```" });
    expect(response.error).toMatchObject({ name: "Error", message: "fenced", line: 3 });
  });

  it("omits result when the code returns nothing", async () => {
    const response = await execute({ code: "await math.add({ a: 1, b: 1 });" });
    expect(response.ok).toBe(true);
    expect("result" in response).toBe(false);
  });

  it("pages through the catalog with cursors", async () => {
    const response = await execute({ code: `
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await catalog.search({ category: "books", limit: 3, cursor });
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      } while (cursor);
      const categories = await catalog.categories();
      return { count: seen.length, unique: new Set(seen).size, categories };
    ` });
    expect(response.ok).toBe(true);
    const result = response.result as { count: number; unique: number; categories: string[] };
    expect(result.count).toBeGreaterThanOrEqual(8);
    expect(result.unique).toBe(result.count);
    expect(result.categories).toEqual(["apparel", "books", "camping", "climbing", "electronics", "kitchen"]);
  });

  it("returns null for an unknown product and the product for a known one", async () => {
    const response = await execute({ code: `return [await catalog.get({ id: "nope" }), (await catalog.get({ id: "p-001" }))?.id];` });
    expect(response.result).toEqual([null, "p-001"]);
  });

  it("serves the weather API with its unions", async () => {
    const response = await execute({ code: `
      const now = await weather.current({ city: "Lisbon", units: "imperial" });
      const next = await weather.forecast({ city: "Lisbon", days: 5 });
      return { units: now.units, days: next.days.length, kinds: next.days.map((d) => d.precipitation.type) };
    ` });
    expect(response.ok).toBe(true);
    expect(response.result).toMatchObject({ units: "imperial", days: 5 });
  });
});

describe("type checking", () => {
  it("reports a type error on the agent's line and does not run the code", async () => {
    const code = ["const a = 1;", "const b = 2;", "", "", "", "", 'const total: number = await math.add({ a, b: "two" });', 'console.log("ran");', "return total;"].join("\n");
    const response = await execute({ code });
    expect(response.ok).toBe(false);
    expect(response.logs).toEqual([]);
    expect(response.error?.name).toBe("CompileError");
    expect(response.diagnostics).toHaveLength(1);
    const [d] = response.diagnostics!;
    expect(d).toMatchObject({ line: 7, code: 2322 });
    expect(d.column).toBe(43);
    expect(d.message).toContain("string");
    expect(d.frame).toContain('> 7 | const total: number = await math.add({ a, b: "two" });');
  });

  it("knows the sandbox globals and not the DOM or Node", async () => {
    const ok = await execute({ code: "const u = new URL('https://x.test/a'); const h = new Headers(); const e = new TextEncoder().encode('x'); return [u.pathname, e.length, typeof crypto.randomUUID];" });
    expect(ok.ok).toBe(true);
    const dom = await execute({ code: "return document.title;" });
    expect(dom.diagnostics?.[0].message).toContain("Cannot find name 'document'");
    const node = await execute({ code: "return process.env;" });
    expect(node.diagnostics?.[0].message).toContain("Cannot find name 'process'");
  });

  it("runs code with type errors when check is false", async () => {
    const response = await execute({ code: "const n: number = 'not a number' as any as string as unknown as number; return typeof n;", check: false });
    expect(response).toMatchObject({ ok: true, result: "string" });
    const typed = await execute({ code: "const s: number = 'text'; return s;", check: false });
    expect(typed).toMatchObject({ ok: true, result: "text" });
  });

  it("refuses code that does not parse even when check is false", async () => {
    const response = await execute({ code: "return (1 + ;", check: false });
    expect(response.ok).toBe(false);
    expect(response.diagnostics?.[0]).toMatchObject({ line: 1 });
  });

  it("only offers the granted APIs", async () => {
    const response = await execute({ code: "return await weather.current({ city: 'Oslo' });", apis: ["math"] });
    expect(response.diagnostics?.[0].message).toContain("Cannot find name 'weather'");
  });
});
