// MCP import at real-world roughness, end to end: the real host imports a
// server whose tools carry tricky JSON Schemas (mcp-tricky-tools.mjs) and a
// server that is down. The tricky server's valid tools are all offered and
// callable through the bridge, its broken ones are named in its
// description, and the down server shows in /v1/apis with why.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { execute, freePort, startHost } from "./host-process.mjs";
import { startMcpServer } from "./mcp-fixture-server.mjs";
import { TRICKY_TOOLS, registerTrickyTools } from "./mcp-tricky-tools.mjs";

let remote;
let host;
let downPort;

before(async () => {
  remote = await startMcpServer(registerTrickyTools);
  // A port that was free a moment ago, with nothing listening on it.
  downPort = await freePort();
  const servers = [
    { name: "tricky", url: remote.url },
    { name: "down", url: `http://127.0.0.1:${downPort}/mcp`, description: "A server that is not running." },
  ];
  host = await startHost({ vars: { GHOSTWIRE_MCP_SERVERS: JSON.stringify(servers) } });
});

after(async () => {
  await host?.stop();
  await remote?.close();
});

describe("importing a tricky MCP server and a down one", { timeout: 180_000 }, () => {
  it("lists every valid tool, names the broken ones, and shows the down server with why", async () => {
    const { apis } = await (await fetch(`${host.base}/v1/apis`)).json();
    const tricky = apis.find((api) => api.name === "tricky");
    const valid = TRICKY_TOOLS.filter((tool) => tool.valid !== undefined).map((tool) => tool.name);
    assert.deepEqual(tricky.methods.map((method) => method.name).sort(), [...valid].sort());
    assert.match(tricky.description, /6 tools were left out, not being valid MCP tool definitions: .*"no_input_schema" \(no inputSchema object\)/);
    assert.equal(tricky.unavailable, undefined);
    assert.deepEqual(apis.find((api) => api.name === "down"), {
      name: "down",
      description: "A server that is not running.",
      methods: [],
      unavailable: `The MCP server at 127.0.0.1:${downPort} could not be reached. Its tools are left out until it answers; nothing else is affected.`,
    });
    assert.ok(apis.some((api) => api.name === "math"), "the other APIs are still offered");
  });

  it("calls tools the SDK client would have refused the whole server for, through the bridge, type-checked", async () => {
    const picked = ["property_true", "allof_top_level_without_type", "recursive_tree", "enum_of_objects", "prefix_items_and_items"];
    const calls = picked.map((name) => `${name}: await tricky.${name}(${JSON.stringify(TRICKY_TOOLS.find((tool) => tool.name === name).valid)})`);
    const answer = await execute(host.base, { code: `return { ${calls.join(", ")} };`, apis: ["tricky"] });
    assert.equal(answer.ok, true, JSON.stringify(answer.error ?? answer.diagnostics));
    for (const name of picked) assert.deepEqual(answer.result[name], { tool: name, arguments: TRICKY_TOOLS.find((tool) => tool.name === name).valid });
  });

  it("refuses a down server's name in a grant, naming the APIs there are", async () => {
    const response = await fetch(`${host.base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: "return 1;", apis: ["down"] }) });
    assert.equal(response.status, 400);
    assert.match((await response.json()).error.message, /Unknown API "down"/);
  });
});
