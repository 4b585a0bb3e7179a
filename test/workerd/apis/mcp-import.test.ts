import { describe, expect, it } from "vitest";
import { z } from "zod";
import { declareApis } from "../../../host/apis/declarations.js";
import { mcpServersVar } from "../../../host/apis/imports/mcp/config.js";
import { importTools, unwrapToolResult } from "../../../host/apis/imports/mcp/source.js";
import { MAX_IMPORTED_TOOLS } from "../../../host/apis/imports/mcp/config.js";
import { leftOutNote, MAX_LEFT_OUT_NAMED, sortTools } from "../../../host/apis/imports/mcp/tool-list.js";

describe("unwrapToolResult", () => {
  it("prefers structuredContent, then JSON text, then the text itself", () => {
    expect(unwrapToolResult({ structuredContent: { a: 1 }, content: [{ type: "text", text: "ignored" }] })).toEqual({ a: 1 });
    expect(unwrapToolResult({ content: [{ type: "text", text: '{"b":[1,2]}' }] })).toEqual({ b: [1, 2] });
    expect(unwrapToolResult({ content: [{ type: "text", text: "plain" }] })).toBe("plain");
    expect(unwrapToolResult({ content: [] })).toBeNull();
  });

  it("turns isError into a thrown Error carrying the message", () => {
    expect(() => unwrapToolResult({ isError: true, content: [{ type: "text", text: "quota exceeded" }] })).toThrow("quota exceeded");
    expect(() => unwrapToolResult({ isError: true })).toThrow(/without a message/);
  });
});

describe("importTools", () => {
  const server = { name: "remote", url: "https://mcp.example/mcp" };
  const tools = [
    {
      name: "get-forecast.v2",
      description: "Forecast for a city.",
      inputSchema: { type: "object", properties: { city: { type: "string", description: "City name." }, days: { type: "integer", minimum: 1 } }, required: ["city"] },
      outputSchema: { type: "object", properties: { highs: { type: "array", items: { type: "number" } } }, required: ["highs"] },
    },
    { name: "odd", inputSchema: { type: "object", properties: { x: { $ref: "#/nowhere" } } } },
  ];

  it("converts JSON Schema to zod that validates, and declares it", async () => {
    const calls: unknown[] = [];
    const api = importTools(server, sortTools(tools), async (tool, args) => {
      calls.push([tool, args]);
      return { structuredContent: { highs: [1, 2] } };
    });
    const method = api.contract.methods.get_forecast_v2;
    expect(method.input.safeParse({ city: "Oslo" }).success).toBe(true);
    expect(method.input.safeParse({ city: 3 }).success).toBe(false);
    expect(method.input.safeParse({}).success).toBe(false);
    expect(method.output.safeParse({ highs: [1] }).success).toBe(true);
    const declared = declareApis([api.contract]);
    expect(declared).toContain("get_forecast_v2(input: {");
    expect(declared).toContain("/** City name. */");
    expect(declared).toContain('MCP tool "get-forecast.v2"');
    expect(await api.handlers.get_forecast_v2({ city: "Oslo" } as never, { fetch }) ).toEqual({ highs: [1, 2] });
    expect(calls).toEqual([["get-forecast.v2", { city: "Oslo" }]]);
  });

  it("keeps a tool whose schema it cannot fully read, accepting what it cannot check, and says so in its doc", () => {
    const api = importTools(server, sortTools(tools), async () => ({}));
    expect(api.contract.methods.odd.input.safeParse({ x: { any: "thing" } }).success).toBe(true);
    expect(api.contract.methods.odd.description).toMatch(/not checked/);
  });
});

describe("sortTools", () => {
  const ok = (name: string) => ({ name, inputSchema: { type: "object" } });

  it("takes each valid tool and names each invalid one with why, instead of refusing the list", () => {
    const list = sortTools([ok("a"), { name: "b" }, null, ok("a"), { name: "x".repeat(129), inputSchema: {} }, { inputSchema: {} }, ok("c")]);
    expect(list.tools.map((tool) => tool.name)).toEqual(["a", "c"]);
    expect(list.leftOut).toEqual([
      '"b" (no inputSchema object)',
      "(a tool without a name) (not an object)",
      '"a" (a second tool of that name)',
      `"${"x".repeat(40)}…" (a name over 128 characters)`,
      "(a tool without a name) (no name)",
    ]);
    expect(list.truncated).toBe(false);
  });

  it("takes at most MAX_IMPORTED_TOOLS, and a bounded note says what was left out", () => {
    const list = sortTools([...Array.from({ length: MAX_LEFT_OUT_NAMED + 3 }, () => ({})), ...Array.from({ length: MAX_IMPORTED_TOOLS }, (_, i) => ok(`t${i}`))]);
    expect(list.tools).toHaveLength(MAX_IMPORTED_TOOLS - MAX_LEFT_OUT_NAMED - 3);
    expect(list.truncated).toBe(true);
    const note = leftOutNote(list);
    expect(note.startsWith(`${MAX_LEFT_OUT_NAMED + 3} tools were left out, not being valid MCP tool definitions: `)).toBe(true);
    expect(note).toContain(" and 3 more. The server lists more tools than this host reads");
    expect(note.length).toBeLessThan(1000);
    expect(leftOutNote(sortTools([ok("a")]))).toBe("");
  });
});

describe("GHOSTWIRE_MCP_SERVERS", () => {
  it("accepts a list of servers and refuses bad names, URLs and duplicates with a reason", () => {
    expect(mcpServersVar.parse('[{"name":"notes","url":"https://x.example/mcp","credential":{"secret":"NOTES_TOKEN"}}]')).toEqual([
      { name: "notes", url: "https://x.example/mcp", credential: { secret: "NOTES_TOKEN", header: "authorization", template: "Bearer {secret}" } },
    ]);
    expect(mcpServersVar.safeParse('[{"name":"my-notes","url":"https://x.example"}]').error?.issues[0].message).toMatch(/JavaScript identifier/);
    expect(mcpServersVar.safeParse('[{"name":"notes","url":"ftp://x.example"}]').success).toBe(false);
    expect(mcpServersVar.safeParse('[{"name":"a","url":"https://x.example"},{"name":"a","url":"https://y.example"}]').success).toBe(false);
    expect(mcpServersVar.safeParse("not json").error?.issues[0].message).toMatch(/JSON array/);
    expect(z.object({ v: mcpServersVar }).parse({})).toEqual({});
  });
});

describe("untrusted JSON Schema", () => {
  it("is not converted when too large or too deep, and the method's doc says so", async () => {
    const { importInputSchema, MAX_SCHEMA_CHARS, MAX_SCHEMA_DEPTH } = await import("../../../host/apis/imports/json-schema-to-zod.js");
    const huge = { type: "object", properties: { a: { type: "string", description: "x".repeat(MAX_SCHEMA_CHARS) } } };
    expect(importInputSchema(huge).note).toMatch(/over this host's/);
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i <= MAX_SCHEMA_DEPTH; i++) deep = { type: "object", properties: { x: deep } };
    expect(importInputSchema(deep).note).toMatch(/nests deeper/);
    expect(importInputSchema({ type: "object", properties: { s: { type: "string", pattern: "(" } } }).note).toMatch(/not checked here|could not be converted/);
  });
});
