// A real MCP server (the official SDK over Streamable HTTP, stateless) that
// end-to-end tests and the token benchmark start in the test process, on a
// free loopback port, for the host to import.
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

/** Tools whose names need sanitizing, a structured result, a JSON-text result and an error. */
export function registerNotesTools(server) {
  server.registerTool(
    "get-forecast.v2",
    { description: "Forecast for a city.", inputSchema: { city: z.string(), days: z.number().int().min(1).max(7).optional() }, outputSchema: { city: z.string(), highs: z.array(z.number()) } },
    async ({ city, days = 3 }) => {
      const output = { city, highs: Array.from({ length: days }, (_, i) => 20 + i) };
      return { content: [{ type: "text", text: JSON.stringify(output) }], structuredContent: output };
    },
  );
  server.registerTool("2fa-code", { description: "A one-time code.", inputSchema: { user: z.string() } }, async ({ user }) => ({
    content: [{ type: "text", text: JSON.stringify({ user, code: "123456" }) }],
  }));
  server.registerTool("echo", { description: "Echoes text back as text.", inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
  server.registerTool("fail", { description: "Always fails.", inputSchema: {} }, async () => ({ content: [{ type: "text", text: "the remote tool failed on purpose" }], isError: true }));
}

/** `count` generated tools with realistic shapes, for the token benchmark. */
export function registerManyTools(server, count) {
  const kinds = ["customer", "invoice", "order", "product", "shipment", "ticket", "user", "warehouse", "payment", "report"];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length];
    const verb = ["get", "list", "create", "update", "delete", "search", "archive", "export", "count", "validate"][Math.floor(i / kinds.length) % 10];
    server.registerTool(
      `${verb}-${kind}`,
      {
        description: `${verb[0].toUpperCase()}${verb.slice(1)} ${kind} records in the back office. Returns the matching ${kind} objects with their ids and timestamps.`,
        inputSchema: {
          id: z.string().optional().describe(`The ${kind} id.`),
          query: z.string().optional().describe("Free-text filter."),
          limit: z.number().int().min(1).max(100).optional().describe("Page size."),
          status: z.enum(["active", "archived", "pending"]).optional(),
        },
        outputSchema: { items: z.array(z.object({ id: z.string(), name: z.string(), updatedAt: z.string() })), total: z.number() },
      },
      async () => ({ content: [{ type: "text", text: "{}" }], structuredContent: { items: [], total: 0 } }),
    );
  }
}

/** Starts the server; resolves with its URL and close(). */
export async function startMcpServer(register) {
  const http = createServer(async (req, res) => {
    if (req.url !== "/mcp") return res.writeHead(404).end();
    const server = new McpServer({ name: "fixture", version: "1.0.0" });
    register(server);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      transport.close();
      server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${http.address().port}/mcp`;
  return { url, close: () => new Promise((resolve) => http.close(resolve)) };
}
