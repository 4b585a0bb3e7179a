// `npm run bench:mcp-tokens`: what an agent's context pays for tools, counted
// with a real tokenizer (gpt-tokenizer, o200k_base). It starts an MCP server
// with 100 generated tools, starts the host importing it, and counts:
//   - the server's own tools/list JSON (what a plain MCP client would load);
//   - Ghostwire's /mcp tools/list JSON (search + execute, whatever is imported);
//   - the declarations of the imported API (what `search` can hand out in parts).
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { encode } from "gpt-tokenizer";
import { startHost } from "../e2e/host-process.mjs";
import { registerManyTools, startMcpServer } from "../e2e/mcp-fixture-server.mjs";

const TOOLS = 100;

async function toolsList(url) {
  const client = new Client({ name: "bench", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  const list = await client.listTools();
  await client.close();
  return JSON.stringify(list);
}

const remote = await startMcpServer((server) => registerManyTools(server, TOOLS));
const host = await startHost({ vars: { GHOSTWIRE_MCP_SERVERS: JSON.stringify([{ name: "backoffice", url: remote.url }]) } });
try {
  const raw = await toolsList(remote.url);
  const ours = await toolsList(`${host.base}/mcp`);
  const declarations = await (await fetch(`${host.base}/v1/types?apis=backoffice`)).text();
  const search = await fetch(`${host.base}/mcp`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "search", arguments: { query: "invoice" } } }),
  }).then((r) => r.text());
  const rows = [
    [`the server's own tools/list (${TOOLS} tools), JSON`, raw],
    ["Ghostwire /mcp tools/list (2 tools), JSON", ours],
    [`declarations of the imported API (${TOOLS} methods)`, declarations],
    ['one `search` answer ("invoice"), JSON-RPC message', search],
  ];
  console.log("tokens counted with gpt-tokenizer (o200k_base):\n");
  console.log("| what | characters | tokens |");
  console.log("|---|---|---|");
  for (const [name, text] of rows) console.log(`| ${name} | ${text.length} | ${encode(text).length} |`);
} finally {
  await host.stop();
  await remote.close();
}
