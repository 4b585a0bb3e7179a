// MCP end to end: the real host (`npm start`) imports an MCP server this
// test starts, and the official SDK Client talks to the host's /mcp over
// Streamable HTTP with the client token as a bearer header, the way the
// README configures clients: initialize (instructions), list tools
// (annotations, output schemas), search, execute code that calls a demo API
// and the imported server, and read back a type error and a runtime error.
// The structuredContent of every kind of result is validated against the
// advertised outputSchema, by the SDK client itself and here with
// @cfworker/json-schema.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Validator } from "@cfworker/json-schema";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { encode } from "gpt-tokenizer";
import { startHost } from "./host-process.mjs";
import { registerNotesTools, startMcpServer } from "./mcp-fixture-server.mjs";

const CLIENT_TOKEN = "client-token-for-mcp-e2e-0123456789";

/** Most tokens (o200k_base) the server instructions may take: clients may send them with every turn. */
const INSTRUCTIONS_MAX_TOKENS = 400;

let remote;
let host;
let client;

const transport = (headers) => new StreamableHTTPClientTransport(new URL(`${host.base}/mcp`), { requestInit: { headers } });

before(async () => {
  remote = await startMcpServer(registerNotesTools);
  host = await startHost({
    vars: { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN, GHOSTWIRE_MCP_SERVERS: JSON.stringify([{ name: "notes", url: remote.url, description: "A test MCP server." }]) },
  });
  client = new Client({ name: "e2e", version: "1.0.0" });
  await client.connect(transport({ Authorization: `Bearer ${CLIENT_TOKEN}` }));
});

after(async () => {
  await client?.close();
  await host?.stop();
  await remote?.close();
});

const text = (result) => result.content.map((part) => part.text).join("\n");

/** The advertised outputSchema of `name`, from tools/list. */
async function outputSchemaOf(name) {
  const { tools } = await client.listTools();
  return tools.find((tool) => tool.name === name).outputSchema;
}

/** Asserts that `value` satisfies `schema` (JSON Schema 2020-12), naming every violation. */
function assertSatisfies(schema, value) {
  const { valid, errors } = new Validator(schema, "2020-12", false).validate(value);
  assert.ok(valid, `The structuredContent does not match the advertised outputSchema: ${JSON.stringify(errors.map((e) => `${e.instanceLocation}: ${e.error}`))}`);
}

describe("/mcp with the official SDK client", { timeout: 180_000 }, () => {
  it("lists three tools; with the imported server the declarations pass the threshold, so execute points at search", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ["decide", "execute", "search"]);
    const execute = tools.find((tool) => tool.name === "execute");
    assert.match(execute.description, /7 APIs are available: use `search`/);
    assert.doesNotMatch(execute.description, /declare const/);
    assert.ok(execute.inputSchema.properties.code);
    assert.ok(execute.inputSchema.properties.session);
  });

  it("refuses a client that does not send the token", async () => {
    const anonymous = new Client({ name: "e2e-anonymous", version: "1.0.0" });
    await assert.rejects(anonymous.connect(transport({})), /401|token/i);
  });

  it("sends short instructions that say search, then execute with awaited calls, JSON results and the limits", () => {
    const instructions = client.getInstructions();
    assert.match(instructions, /call `search`/);
    assert.match(instructions, /`execute` with TypeScript/);
    assert.match(instructions, /`await` every call/);
    assert.match(instructions, /are JSON/);
    assert.match(instructions, /Limits per execution: 1,000 API calls, 30 seconds/);
    assert.ok(encode(instructions).length <= INSTRUCTIONS_MAX_TOKENS, `The instructions take ${encode(instructions).length} tokens, more than ${INSTRUCTIONS_MAX_TOKENS}.`);
  });

  it("annotates search as read-only and execute as open-world, with titles", async () => {
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    assert.deepEqual(byName.search.annotations, { title: "Search APIs", readOnlyHint: true, idempotentHint: true, openWorldHint: false });
    assert.deepEqual(byName.execute.annotations, { title: "Run TypeScript", readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });
    assert.equal(byName.execute.title, "Run TypeScript");
    assert.equal(byName.execute.outputSchema.additionalProperties, false);
    assert.equal(byName.search.outputSchema.additionalProperties, false);
  });

  it("searches the imported server's tools and returns their declarations", async () => {
    const result = await client.callTool({ name: "search", arguments: { query: "notes forecast" } });
    assert.equal(result.isError, undefined);
    // Ranked: the method matching both words first; partial matches (weather.forecast) may follow.
    assert.equal(`${result.structuredContent.hits[0].api}.${result.structuredContent.hits[0].method}`, "notes.get_forecast_v2");
    assert.match(text(result), /get_forecast_v2\(input: \{/);
    assert.match(text(result), /highs: number\[\]/);
    assert.match(text(result), /MCP tool "get-forecast.v2"/);
    assertSatisfies(await outputSchemaOf("search"), result.structuredContent);
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
    assertSatisfies(await outputSchemaOf("execute"), result.structuredContent);
  });

  it("reports a type error with its line, and does not run the code", async () => {
    const result = await client.callTool({ name: "execute", arguments: { code: "const n = 1;\nconst s: string = await math.add({ a: 1, b: 2 });\nreturn s;" } });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.error.name, "CompileError");
    assert.equal(result.structuredContent.diagnostics[0].line, 2);
    assert.match(text(result), /TS2322 line 2:7/);
    assertSatisfies(await outputSchemaOf("execute"), result.structuredContent);
  });

  it("reports a runtime error with its line", async () => {
    const result = await client.callTool({ name: "execute", arguments: { code: "const a = 1;\nconst b = 2;\nthrow new Error(`boom ${a + b}`);" } });
    assert.equal(result.isError, true);
    assert.deepEqual({ name: result.structuredContent.error.name, message: result.structuredContent.error.message, line: result.structuredContent.error.line }, { name: "Error", message: "boom 3", line: 3 });
    assert.match(text(result), /Error at line 3, column \d+: boom 3/);
    assertSatisfies(await outputSchemaOf("execute"), result.structuredContent);
  });

  it("reports what the host refused inside an execution (an outbound request, an invalid argument) in structuredContent that matches the schema", async () => {
    const code = `
      let status = "";
      try { await fetch("https://example.com/"); } catch (error) { status = (error as Error).message; }
      console.log(status);
      await math.add({ a: "one" } as never);`;
    const result = await client.callTool({ name: "execute", arguments: { code } });
    assert.equal(result.isError, true);
    assert.equal(result.structuredContent.error.name, "ValidationError");
    assert.deepEqual(result.structuredContent.stats.egress.map((record) => [record.host, record.refused]), [["example.com", "denied"]]);
    assertSatisfies(await outputSchemaOf("execute"), result.structuredContent);
  });

  it("answers a request the host refuses as a tool error with the reason and no structuredContent, since nothing ran", async () => {
    const result = await client.callTool({ name: "execute", arguments: { code: "return 1;", apis: ["nope"] } });
    assert.equal(result.isError, true);
    assert.match(text(result), /Unknown API "nope"/);
    assert.equal(result.structuredContent, undefined);
  });
});
