import { Validator } from "@cfworker/json-schema";
import { describe, expect, it } from "vitest";
import { MAX_SYNTAX_DEPTH } from "../../../host/execution/check/code-nesting.js";
import { EMBED_DECLARATIONS_MAX_CHARS, MCP_RESULT_PREVIEW_CHARS, MCP_TEXT_MAX_CHARS } from "../../../host/front/mcp/index.js";
import { describeExecuteTool } from "../../../host/front/mcp/server.js";
import { call } from "../helpers.js";

const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" };

/** A raw POST to /mcp with `body` as sent. */
const post = (body: string) => call("/mcp", { method: "POST", headers: MCP_HEADERS, body });

const executeCall = (id: number, code: string) => ({ jsonrpc: "2.0", id, method: "tools/call", params: { name: "execute", arguments: { code } } });

/** One JSON-RPC call to /mcp, the way a 2025-era Streamable HTTP client makes it; returns the parsed message. */
async function rpc(method: string, params: unknown = {}): Promise<{ result?: any; error?: any }> {
  const response = await call("/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  const data = text.split("\n").find((line) => line.startsWith("data: "));
  return JSON.parse(data === undefined ? text : data.slice(6));
}

describe("/mcp", () => {
  it("lists search, execute and decide; execute embeds the declarations while they are small", async () => {
    const { result } = await rpc("tools/list");
    expect(result.tools.map((t: { name: string }) => t.name)).toEqual(["search", "execute", "decide"]);
    const execute = result.tools[1];
    expect(execute.description).toContain("declare const math: {");
    expect(execute.description.length).toBeLessThan(EMBED_DECLARATIONS_MAX_CHARS + 1000);
    expect(Object.keys(execute.inputSchema.properties)).toEqual(expect.arrayContaining(["code", "apis", "check", "session"]));
  });

  it("annotates search as read-only and closed-world, and execute as open-world and destructive, with titles", async () => {
    const { result } = await rpc("tools/list");
    const [search, execute] = result.tools;
    expect(search.title).toBe("Search APIs");
    expect(search.annotations).toEqual({ title: "Search APIs", readOnlyHint: true, idempotentHint: true, openWorldHint: false });
    expect(execute.title).toBe("Run TypeScript");
    expect(execute.annotations).toEqual({ title: "Run TypeScript", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
  });

  it("advertises strict output schemas that the structuredContent of real results satisfies", async () => {
    const { result } = await rpc("tools/list");
    const [search, execute] = result.tools;
    expect(execute.outputSchema.additionalProperties).toBe(false);
    expect(execute.outputSchema.required).toEqual(["ok", "logs", "stats"]);
    expect(Object.keys(execute.outputSchema.properties)).toEqual(["ok", "result", "logs", "error", "diagnostics", "pending", "stats"]);
    const validate = (schema: object, value: unknown) => new Validator(schema as never, "2020-12", false).validate(value);
    const outcomes = [
      "console.warn('w'); return { when: new Date(0), n: await math.add({ a: 1, b: 2 }) };",
      "const x: number = 'a';",
      "throw new TypeError('bad');",
      "const r = await fetch('https://example.com/'); return r.status;",
      "return 'z'.repeat(2_000_000);",
      "await math.add({ a: 'one' } as never);",
    ];
    const contents = [];
    for (const code of outcomes) {
      const call = (await rpc("tools/call", { name: "execute", arguments: { code } })).result;
      expect(call.structuredContent, code).toBeDefined();
      expect(validate(execute.outputSchema, call.structuredContent).errors, code).toEqual([]);
      contents.push(call.structuredContent);
    }
    const [success, compileError, thrown, fetched, truncated, invalid] = contents;
    expect([success.ok, success.logs.length, compileError.diagnostics.length > 0, thrown.error.name, invalid.error.name]).toEqual([true, 1, true, "TypeError", "ValidationError"]);
    expect(fetched.stats.egress[0]).toMatchObject({ host: "example.com", refused: "denied" });
    expect(truncated.stats.truncated.result).toBe(true);
    const found = (await rpc("tools/call", { name: "search", arguments: { query: "add" } })).result;
    expect(validate(search.outputSchema, found.structuredContent).errors).toEqual([]);
    expect(validate(execute.outputSchema, { ok: true, logs: [], stats: {}, extra: 1 }).valid).toBe(false);
  });

  it("sends instructions at initialize: search then execute, await every call, JSON, and this host's limits", async () => {
    const { result } = await rpc("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "test", version: "1.0.0" } });
    const instructions: string = result.instructions;
    expect(instructions).toMatch(/call `search`/);
    expect(instructions).toMatch(/`execute` with TypeScript/);
    expect(instructions).toMatch(/`await` every call/);
    expect(instructions).toMatch(/are JSON/);
    expect(instructions).toContain("1,000 API calls, 30 seconds, 200 log entries, and a result of 1,048,576 characters");
  });

  it("execute points at search once the declarations pass the threshold, so the tool list stays small", () => {
    const small = describeExecuteTool("x".repeat(EMBED_DECLARATIONS_MAX_CHARS), 3);
    expect(small).toContain("x".repeat(EMBED_DECLARATIONS_MAX_CHARS));
    const large = describeExecuteTool("x".repeat(EMBED_DECLARATIONS_MAX_CHARS + 1), 300);
    expect(large).not.toContain("xxxx");
    expect(large).toMatch(/300 APIs are available: use `search`/);
    expect(large.length).toBeLessThan(600);
  });

  it("search returns matches and only their declarations", async () => {
    const { result } = await rpc("tools/call", { name: "search", arguments: { query: "stats" } });
    expect(result.structuredContent.hits).toEqual([{ api: "math", method: "stats", description: expect.any(String) }]);
    expect(result.content[0].text).toContain("stats(input");
    expect(result.content[0].text).not.toContain("add(input");
  });

  it("execute returns structuredContent and text, and sets isError on failure", async () => {
    const ok = (await rpc("tools/call", { name: "execute", arguments: { code: "console.log('hi'); return await math.add({ a: 2, b: 3 });" } })).result;
    expect(ok.isError).toBe(false);
    expect(ok.structuredContent).toMatchObject({ ok: true, result: 5, logs: [{ level: "log", message: "hi" }] });
    expect(ok.content[0].text).toBe("Result: 5\nLogs:\n[log] hi");
    const bad = (await rpc("tools/call", { name: "execute", arguments: { code: "const x: number = 'a';" } })).result;
    expect(bad.isError).toBe(true);
    expect(bad.structuredContent.diagnostics[0]).toMatchObject({ line: 1, code: 2322 });
    const refused = (await rpc("tools/call", { name: "execute", arguments: { code: "return 1", fuel: 10 ** 12 } })).result;
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toMatch(/fuel is 1000000000000; this host allows at most/);
  });

  it("rejects arguments that do not match the tool's schema", async () => {
    const { result, error } = await rpc("tools/call", { name: "execute", arguments: { code: 42 } });
    expect(result?.isError ?? error !== undefined).toBe(true);
  });

  it("enforces the host's body limit before the MCP library reads the body", async () => {
    const response = await post(JSON.stringify(executeCall(1, `return "${"a".repeat(300 * 1024)}"`)));
    expect(response.status).toBe(413);
    const body = (await response.json()) as { jsonrpc: string; error: { code: number; message: string } };
    expect(body.jsonrpc).toBe("2.0");
    expect(body.error.message).toContain("262144");
  });

  it("refuses a batch that holds more than one request, so one POST runs at most one execution", async () => {
    const response = await post(JSON.stringify([executeCall(1, "console.log('first'); return 1"), executeCall(2, "console.log('second'); return 2")]));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).error).toMatchObject({ code: -32600, message: expect.stringContaining("at most one request") });
    expect(text).not.toContain("first");
  });

  it("bounds the text of a large result and points at structuredContent, which keeps the whole value", async () => {
    const { result } = await rpc("tools/call", { name: "execute", arguments: { code: `console.log("after"); return "${"x".repeat(100)}".repeat(2000)` } });
    expect(result.structuredContent.result).toHaveLength(200_000);
    const text: string = result.content[0].text;
    expect(text.length).toBeLessThan(MCP_TEXT_MAX_CHARS + 200);
    expect(text).toContain(`result cut at ${MCP_RESULT_PREVIEW_CHARS} of 200002 characters; the full result is in structuredContent`);
    expect(text).toContain("[log] after");
  });

  it("bounds the text of many long logs", async () => {
    const { result } = await rpc("tools/call", { name: "execute", arguments: { code: `for (let i = 0; i < 100; i++) console.log("${"y".repeat(1000)}"); return 1` } });
    const logged = result.structuredContent.logs.reduce((sum: number, entry: { message: string }) => sum + entry.message.length, 0);
    expect(logged).toBeGreaterThan(2 * MCP_TEXT_MAX_CHARS);
    expect(result.content[0].text.length).toBeLessThan(MCP_TEXT_MAX_CHARS + 200);
    expect(result.content[0].text).toContain("the full response is in structuredContent");
  });

  it("refuses deeply nested code like HTTP does, as a tool error", async () => {
    const { result } = await rpc("tools/call", { name: "execute", arguments: { code: `return ${"[".repeat(2000)}${"]".repeat(2000)}` } });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain(`at most ${MAX_SYNTAX_DEPTH} levels`);
  });
});
