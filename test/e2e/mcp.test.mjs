// MCP end to end: the real host (`npm start`) imports an MCP server this
// test starts, and the official SDK Client talks to the host's /mcp over
// Streamable HTTP: initialize, list tools, search, execute code that calls a
// demo API and the imported server, and read back a type error and a
// runtime error.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startHost } from "./host-process.mjs";
import { registerNotesTools, startMcpServer } from "./mcp-fixture-server.mjs";

let remote;
let host;
let client;

before(async () => {
  remote = await startMcpServer(registerNotesTools);
  host = await startHost({ vars: { GHOSTWIRE_MCP_SERVERS: JSON.stringify([{ name: "notes", url: remote.url, description: "A test MCP server." }]) } });
  client = new Client({ name: "e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${host.base}/mcp`)));
});

after(async () => {
  await client?.close();
  await host?.stop();
  await remote?.close();
});

const text = (result) => result.content.map((part) => part.text).join("\n");

describe("/mcp with the official SDK client", { timeout: 180_000 }, () => {
  it("lists two tools; with the imported server the declarations pass the threshold, so execute points at search", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ["execute", "search"]);
    const execute = tools.find((tool) => tool.name === "execute");
    assert.match(execute.description, /6 APIs are available: use `search`/);
    assert.doesNotMatch(execute.description, /declare const/);
    assert.ok(execute.inputSchema.properties.code);
    assert.ok(execute.inputSchema.properties.session);
  });

  it("searches the imported server's tools and returns their declarations", async () => {
    const result = await client.callTool({ name: "search", arguments: { query: "notes forecast" } });
    assert.equal(result.isError, undefined);
    assert.deepEqual(result.structuredContent.hits.map((h) => `${h.api}.${h.method}`), ["notes.get_forecast_v2"]);
    assert.match(text(result), /get_forecast_v2\(input: \{/);
    assert.match(text(result), /highs: number\[\]/);
    assert.match(text(result), /MCP tool "get-forecast.v2"/);
  });

  it("executes code that calls a demo API and the imported server", async () => {
    const code = `
      const sum = await math.add({ a: 1, b: 2 });
      const forecast = await notes.get_forecast_v2({ city: "Oslo", days: 2 });
      const code = await notes._2fa_code({ user: "ada" });
      const echoed = await notes.echo({ text: "plain words" });
      let failed = "";
      try { await notes.fail(); } catch (error) { failed = (error as Error).message; }
      console.log("done");
      return { sum, forecast, code, echoed, failed };`;
    const result = await client.callTool({ name: "execute", arguments: { code } });
    assert.equal(result.isError, false);
    assert.deepEqual(result.structuredContent.result, {
      sum: 3,
      forecast: { city: "Oslo", highs: [20, 21] },
      code: { user: "ada", code: "123456" },
      echoed: "plain words",
      failed: "the remote tool failed on purpose",
    });
    assert.deepEqual(result.structuredContent.logs, [{ level: "log", message: "done" }]);
    assert.match(text(result), /^Result: /);
  });

  it("reports a type error with its line, and does not run the code", async () => {
    const result = await client.callTool({ name: "execute", arguments: { code: "const n = 1;\nconst s: string = await math.add({ a: 1, b: 2 });\nreturn s;" } });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.error.name, "CompileError");
    assert.equal(result.structuredContent.diagnostics[0].line, 2);
    assert.match(text(result), /TS2322 line 2:7/);
  });

  it("reports a runtime error with its line", async () => {
    const result = await client.callTool({ name: "execute", arguments: { code: "const a = 1;\nconst b = 2;\nthrow new Error(`boom ${a + b}`);" } });
    assert.equal(result.isError, true);
    assert.deepEqual({ name: result.structuredContent.error.name, message: result.structuredContent.error.message, line: result.structuredContent.error.line }, { name: "Error", message: "boom 3", line: 3 });
    assert.match(text(result), /Error at line 3, column \d+: boom 3/);
  });

  it("answers a request the host refuses as a tool error with the reason", async () => {
    const result = await client.callTool({ name: "execute", arguments: { code: "return 1;", apis: ["nope"] } });
    assert.equal(result.isError, true);
    assert.match(text(result), /Unknown API "nope"/);
  });
});
